package io.atrium.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.atrium.infra.KafkaBroker;
import io.atrium.testing.AgentProcess;
import io.atrium.testing.Api;
import io.atrium.testing.EventLog;
import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every event the master puts on Kafka is a CloudEvent whose data its type's JSON Schema accepts. */
@QuarkusTest
class EventSchemaTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(
                    mappers -> mappers.mapPrefix("https://atrium.io/schemas/", "classpath:schemas/")));

    private static final SchemaValidatorsConfig STRICT =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    KafkaBroker kafka;

    @Test
    void everyEmittedEventValidatesAgainstItsSchema() {
        try (AgentProcess agent = AgentProcess.start("schemas-1", "cpus:1;mem:512")) {
            String job = Api.jobOf("bob", "acme", Api.pinnedJob("schemas", "exit 3", 1, "schemas-1"));
            await().atMost(PATIENCE).until(() -> "TASK_FAILED"
                    .equals(Api.job("bob", "acme", job).getString("tasks[0].state")));
            String agentId = (String) Api.agent("schemas-1").get("id");
            admin("/api/admin/agents/" + agentId + "/drain?deadlineSeconds=60");
            admin("/api/admin/agents/" + agentId + "/undrain");
        }
        // A role no test allocates to, and no guarantee (it would hold resources back from everyone).
        Api.setRole("eventcheck", "quota", Map.of("guarantees", Map.of(), "limits", Map.of("cpus", 2)))
                .then()
                .statusCode(200);
        Api.setRole("eventcheck", "weight", Map.of("weight", 2)).then().statusCode(200);

        Set<String> wanted = Set.of(
                "agent.registered",
                "agent.disconnected",
                "agent.drained",
                "agent.undrained",
                "job.submitted",
                "quota.changed",
                "weight.changed",
                "offer.created",
                "offer.accepted",
                "task.state-changed",
                "framework.subscribed");
        List<String> topics =
                Arrays.stream(Topic.values()).map(Topic::topicName).toList();
        await().atMost(PATIENCE).until(() -> typesIn(EventLog.readAll(kafka.bootstrapServers(), topics))
                .containsAll(wanted));

        JsonSchema envelope = schema("https://atrium.io/schemas/cloudevent.schema.json");
        Map<String, JsonSchema> dataSchemas = new HashMap<>();
        for (EventType type : EventType.values()) {
            dataSchemas.put(type.ceType(), schema("https://atrium.io/" + type.schemaPath()));
        }
        List<EventLog.Record> records = EventLog.readAll(kafka.bootstrapServers(), topics);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.contentType()).startsWith("application/cloudevents+json");
            assertThat(envelope.validate(record.event()))
                    .as("envelope of %s", record.event())
                    .isEmpty();
            String type = record.event().path("type").asText();
            assertThat(dataSchemas).as("a schema for %s", type).containsKey(type);
            assertThat(dataSchemas.get(type).validate(record.event().path("data")))
                    .as("data of %s", record.event())
                    .isEmpty();
            assertThat(record.topic()).isEqualTo(typeNamed(type).topic().topicName());
            assertThat(record.key()).isEqualTo(record.event().path("subject").asText());
        });
    }

    private static Set<String> typesIn(List<EventLog.Record> records) {
        Set<String> types = new TreeSet<>();
        records.forEach(record ->
                types.add(EventType.shortName(record.event().path("type").asText())));
        return types;
    }

    private static EventType typeNamed(String ceType) {
        return Arrays.stream(EventType.values())
                .filter(type -> type.ceType().equals(ceType))
                .findFirst()
                .orElseThrow();
    }

    private static JsonSchema schema(String id) {
        return SCHEMAS.getSchema(SchemaLocation.of(id), STRICT);
    }

    private static void admin(String path) {
        given().auth().oauth2(Tokens.accessToken("admin")).post(path).then().statusCode(200);
    }
}
