package io.atrium.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document ({@code asyncapi.yaml}) describes every event type, each on the topic of
 * its entity and on the streams, says what each part is, and every reference in it leads somewhere.
 */
class AsyncApiDocumentTest {

    /** Which entities' events each topic carries. */
    private static final Map<String, Set<String>> TOPICS = Map.of(
            "atrium.agents", Set.of("agent"),
            "atrium.offers", Set.of("offer"),
            "atrium.tasks", Set.of("task"),
            "atrium.frameworks", Set.of("framework"),
            "atrium.tenancy", Set.of("job", "quota", "weight", "tenant", "member", "token"));

    /** Where schema references in the document are relative to. */
    private static final Path BASE = SchemaFiles.ASYNCAPI.getParent();

    private static JsonNode document;

    @BeforeAll
    static void read() throws IOException {
        document = new YAMLMapper().readTree(SchemaFiles.ASYNCAPI.toFile());
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
    }

    @Test
    void everyEventTypeIsTheDataOfAMessage() {
        Set<String> described = new TreeSet<>(dataSchemasByMessage().values());

        assertThat(described)
                .as("event schemas that no message of asyncapi.yaml carries as its data")
                .containsAll(SchemaFiles.eventTypes());
        assertThat(SchemaFiles.eventTypes())
                .as("event types are the event schemas no other schema refers to")
                .contains("events/task-state-changed.schema.json")
                .doesNotContain("events/agent-summary.schema.json", "events/actor.schema.json");
    }

    @Test
    void everyReferencedFileExists() {
        List<String> missing = new ArrayList<>();
        forEachRef(document, "", (pointer, ref) -> {
            if (!ref.startsWith("#") && !Files.isRegularFile(BASE.resolve(ref))) {
                missing.add(pointer + " -> " + ref);
            }
        });

        assertThat(missing).as("references to files that do not exist").isEmpty();
    }

    @Test
    void everyReferenceInsideTheDocumentResolves() {
        List<String> dangling = new ArrayList<>();
        forEachRef(document, "", (pointer, ref) -> {
            if (ref.startsWith("#") && document.at(ref.substring(1)).isMissingNode()) {
                dangling.add(pointer + " -> " + ref);
            }
        });

        assertThat(dangling).isEmpty();
    }

    @Test
    void eachMessageNamesItsTypeByTheConvention() {
        dataSchemasByMessage().forEach((id, file) -> {
            JsonNode message = document.path("components").path("messages").path(id);
            String type = SchemaFiles.eventType(file);
            String shortType = type.substring("io.atrium.".length(), type.lastIndexOf(".v"));

            assertThat(message.path("name").asText()).as(id + " name").isEqualTo(type);
            assertThat(message.at("/payload/schema/allOf/1/properties/type/const")
                            .asText())
                    .as(id + " CloudEvent type")
                    .isEqualTo(type);
            assertThat(message.path("x-sse-event").asText())
                    .as(id + " SSE event name")
                    .isEqualTo(shortType);
        });
    }

    @Test
    void eachEventIsOnTheTopicOfItsEntityOnly() {
        Map<String, List<String>> topicsByMessage = new TreeMap<>();
        for (JsonNode channel : document.path("channels")) {
            String address = channel.path("address").asText();
            if (!TOPICS.containsKey(address)) {
                continue;
            }
            for (String message : messagesOf(channel)) {
                assertThat(TOPICS.get(address)).as(message + " on " + address).contains(entityOf(message));
                topicsByMessage.computeIfAbsent(message, m -> new ArrayList<>()).add(address);
            }
        }

        assertThat(topicsByMessage.keySet())
                .containsExactlyInAnyOrderElementsOf(dataSchemasByMessage().keySet());
        topicsByMessage.forEach(
                (message, topics) -> assertThat(topics).as(message).hasSize(1));
    }

    @Test
    void theAdminStreamCarriesEveryEventAndTheTenantStreamAllButTheClusterWideOnes() {
        Set<String> events = dataSchemasByMessage().keySet();
        Set<String> tenantEvents = new TreeSet<>(events);
        tenantEvents.removeIf(message -> entityOf(message).equals("agent"));

        assertThat(messagesOf(document.at("/channels/adminEvents")))
                .containsExactlyInAnyOrderElementsOf(plus(events, "streamError"));
        assertThat(messagesOf(document.at("/channels/tenantEvents")))
                .containsExactlyInAnyOrderElementsOf(plus(tenantEvents, "streamError"));
    }

    @Test
    void operationsSendTheMessagesOfTheirOwnChannel() {
        for (Map.Entry<String, JsonNode> operation : document.path("operations").properties()) {
            String channel = operation.getValue().path("channel").path("$ref").asText();
            Set<String> sent = new TreeSet<>();
            for (JsonNode message : operation.getValue().path("messages")) {
                String ref = message.path("$ref").asText();
                assertThat(ref).as(operation.getKey()).startsWith(channel + "/messages/");
                sent.add(ref.substring(ref.lastIndexOf('/') + 1));
            }

            assertThat(sent)
                    .as(operation.getKey() + " sends every message of " + channel)
                    .isEqualTo(messagesOf(document.at(channel.substring(1))));
        }
    }

    @Test
    void everyChannelOperationAndMessageIsDescribed() {
        List<String> undescribed = new ArrayList<>();
        for (String section : List.of("/channels", "/operations", "/components/messages")) {
            for (Map.Entry<String, JsonNode> entry : document.at(section).properties()) {
                if (entry.getValue().path("description").asText().isBlank()) {
                    undescribed.add(section + "/" + entry.getKey());
                }
            }
        }

        assertThat(undescribed).isEmpty();
    }

    /** Message id in components to the event schema its data refers to, relative to schemas/. */
    private static Map<String, String> dataSchemasByMessage() {
        Map<String, String> schemas = new TreeMap<>();
        for (Map.Entry<String, JsonNode> message :
                document.path("components").path("messages").properties()) {
            JsonNode data = message.getValue().at("/payload/schema/allOf/1/properties/data/$ref");
            if (data.isTextual()) {
                Path file = SchemaFiles.CURRENT.relativize(
                        BASE.resolve(data.asText()).normalize());
                schemas.put(message.getKey(), file.toString().replace('\\', '/'));
            }
        }
        return schemas;
    }

    /** The ids of the component messages a channel lists. */
    private static Set<String> messagesOf(JsonNode channel) {
        Set<String> messages = new TreeSet<>();
        for (JsonNode message : channel.path("messages")) {
            String ref = message.path("$ref").asText();
            messages.add(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return messages;
    }

    private static String entityOf(String message) {
        String type = document.path("components")
                .path("messages")
                .path(message)
                .path("name")
                .asText();
        return type.split("\\.")[2];
    }

    private static Set<String> plus(Set<String> messages, String another) {
        Set<String> all = new TreeSet<>(messages);
        all.add(another);
        return all;
    }

    private interface RefVisitor {
        void visit(String pointer, String ref);
    }

    private static void forEachRef(JsonNode node, String pointer, RefVisitor visitor) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String at = SchemaWalker.child(pointer, field.getKey());
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    visitor.visit(at, field.getValue().asText());
                } else {
                    forEachRef(field.getValue(), at, visitor);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                forEachRef(node.get(i), pointer + "/" + i, visitor);
            }
        }
    }
}
