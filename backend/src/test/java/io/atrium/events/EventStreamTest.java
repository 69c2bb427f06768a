package io.atrium.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.infra.KafkaBroker;
import io.atrium.testing.AgentProcess;
import io.atrium.testing.Api;
import io.atrium.testing.SseClient;
import io.atrium.testing.SseClient.SseEvent;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tenant and admin event streams over SSE, as their users see them. */
@QuarkusTest
class EventStreamTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static AgentProcess agent;

    KafkaBroker kafka;

    @BeforeAll
    static void startAgent() {
        agent = AgentProcess.start("events-1", "cpus:2;mem:1024");
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    @Test
    void aTenantsStreamCarriesItsOwnEventsAndNoOneElses() {
        try (SseClient acme = SseClient.open("bob", "/tenants/acme/events", null);
                SseClient globex = SseClient.open("carol", "/tenants/globex/events", null)) {
            String acmeJob = Api.jobOf("bob", "acme", Api.pinnedJob("mine", "true", 1, "events-1"));
            String globexJob = Api.jobOf("carol", "globex", Api.pinnedJob("theirs", "true", 1, "events-1"));

            await().atMost(PATIENCE).until(() -> finished(acme, acmeJob) && finished(globex, globexJob));

            assertThat(acme.events()).isNotEmpty().allSatisfy(event -> assertThat(
                            event.json().getString("tenant"))
                    .isEqualTo("acme"));
            assertThat(globex.events()).isNotEmpty().allSatisfy(event -> assertThat(
                            event.json().getString("tenant"))
                    .isEqualTo("globex"));
            assertThat(acme.events()).noneMatch(event -> event.data().contains(globexJob));
            assertThat(globex.events()).noneMatch(event -> event.data().contains(acmeJob));
        }
    }

    @Test
    void aQuietStreamIsKeptAliveWithComments() {
        try (SseClient quiet = SseClient.open("bob", "/tenants/acme/events?types=tenant.deleted", null)) {
            await().atMost(PATIENCE).until(() -> quiet.comments() >= 2);
            assertThat(quiet.events()).isEmpty();
            assertThat(quiet.ended()).isFalse();
        }
    }

    @Test
    void aDashboardFollowsOffersPerSecondOfItsOwnRoles() {
        try (SseClient rates = SseClient.open("bob", "/tenants/acme/events/offer-rates", null)) {
            String job = Api.jobOf("bob", "acme", Api.pinnedJob("offered", "true", 1, "events-1"));
            await().atMost(PATIENCE).until(() -> rates.events("offer.rates").stream()
                    .map(event -> event.json().<Integer>get("roles.acme.created"))
                    .anyMatch(created -> created != null && created > 0));
            assertThat(rates.events("offer.rates")).allSatisfy(event -> assertThat(
                            event.json().getMap("roles").keySet())
                    .allMatch(role -> role.equals("acme") || role.toString().startsWith("acme/")));
            await().atMost(PATIENCE).until(() -> "TASK_FINISHED"
                    .equals(Api.job("bob", "acme", job).getString("tasks[0].state")));
        }
    }

    @Test
    void noOneOpensAStreamTheyMayNotRead() {
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(io.atrium.testing.Tokens.accessToken("carol"))
                .accept("text/event-stream")
                .get("/api/tenants/acme/events")
                .then()
                .statusCode(404);
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(io.atrium.testing.Tokens.accessToken("carol"))
                .accept("text/event-stream")
                .get("/api/tenants/acme/tasks/any/logs")
                .then()
                .statusCode(404);
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(io.atrium.testing.Tokens.accessToken("bob"))
                .accept("text/event-stream")
                .get("/api/admin/events")
                .then()
                .statusCode(403);
    }

    @Test
    void aClientThatWasAwayResumesAfterItsLastEventWithNoGapAndNoDuplicate() {
        try (SseClient witness = SseClient.open("bob", "/tenants/acme/events?types=task.*", null)) {
            String lastSeen;
            String before;
            try (SseClient away = SseClient.open("bob", "/tenants/acme/events?types=task.*", null)) {
                before = Api.jobOf("bob", "acme", Api.pinnedJob("before", "true", 1, "events-1"));
                await().atMost(PATIENCE).until(() -> finished(away, before));
                lastSeen = away.events().getLast().id();
            }
            // Away for over 10 s, while more happens than the master keeps in memory (the test window is
            // small): resuming reads Kafka first, then the window.
            String during = Api.jobOf("bob", "acme", Api.pinnedJob("during", "sleep 10", 3, "events-1"));
            await().atMost(PATIENCE).until(() -> finished(witness, during, 3));

            try (SseClient back = SseClient.open("bob", "/tenants/acme/events?types=task.*", lastSeen)) {
                String after = Api.jobOf("bob", "acme", Api.pinnedJob("after", "true", 1, "events-1"));
                await().atMost(PATIENCE).until(() -> finished(back, after) && finished(witness, after));

                List<String> jobs = List.of(before, during, after);
                List<String> expected = eventIds(ofJobs(after(witness.events(), lastSeen), jobs));
                assertThat(eventIds(ofJobs(back.events(), jobs))).containsExactlyElementsOf(expected);
                assertThat(back.events()).anyMatch(event -> event.data().contains(during));
            }
        }
    }

    @Test
    void aCursorOlderThanWhatKafkaKeepsGetsAClearError() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            String job = Api.jobOf("bob", "acme", Api.pinnedJob("old", "true", 1, "events-1"));
            await().atMost(PATIENCE).until(() -> "TASK_FINISHED"
                    .equals(Api.job("bob", "acme", job).getString("tasks[0].state")));
            TopicPartition task = taskPartition(job + ".0.1");
            long end = end(admin, task);
            // Kafka forgets the task's events, as retention would.
            admin.deleteRecords(Map.of(task, RecordsToDelete.beforeOffset(end)))
                    .all()
                    .get();

            String cursor = Topic.TASKS.code() + Integer.toString(task.partition()) + "." + (end - 1);
            try (SseClient stale = SseClient.open("admin", "/admin/events", cursor)) {
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(stale.ended())
                        .as("the stream ended; it sent %s", stale.events())
                        .isTrue());
                SseEvent error = stale.events().getLast();
                assertThat(error.name()).isEqualTo("error");
                assertThat(error.json().getString("type")).endsWith("/cursor-expired");
                assertThat(error.json().getString("detail")).contains("no longer kept");
            }
        }
    }

    @Test
    void aStalledClientDoesNotSlowTaskLaunches() {
        try (SseClient stalled = SseClient.stalled("admin", "/admin/events");
                SseClient reader = SseClient.open("bob", "/tenants/acme/events?types=task.*", null)) {
            String job = Api.jobOf("bob", "acme", Api.pinnedJob("busy", "true", 10, "events-1"));
            await().atMost(PATIENCE).until(() -> finished(reader, job, 10));
            assertThat(Api.job("bob", "acme", job).getList("tasks.state"))
                    .hasSize(10)
                    .containsOnly("TASK_FINISHED");
        }
    }

    /** The partition of atrium.tasks that holds the events of {@code taskId}. */
    private TopicPartition taskPartition(String taskId) {
        return io.atrium.testing.EventLog.readAll(kafka.bootstrapServers(), List.of(Topic.TASKS.topicName())).stream()
                .filter(record -> record.key().equals(taskId))
                .map(record -> new TopicPartition(record.topic(), record.partition()))
                .findFirst()
                .orElseThrow();
    }

    private static long end(Admin admin, TopicPartition partition) throws ExecutionException, InterruptedException {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                .partitionResult(partition)
                .get()
                .offset();
    }

    private static boolean finished(SseClient stream, String job) {
        return finished(stream, job, 1);
    }

    /** Whether the stream has told of {@code tasks} tasks of {@code job} reaching TASK_FINISHED. */
    private static boolean finished(SseClient stream, String job, int tasks) {
        return stream.events("task.state-changed").stream()
                        .map(SseEvent::json)
                        .filter(event -> job.equals(event.getString("data.labels.job"))
                                && "TASK_FINISHED".equals(event.getString("data.state")))
                        .count()
                >= tasks;
    }

    private static List<String> eventIds(List<SseEvent> events) {
        return events.stream().map(event -> event.json().getString("id")).toList();
    }

    private static List<SseEvent> after(List<SseEvent> events, String cursor) {
        int at = events.stream().map(SseEvent::id).toList().indexOf(cursor);
        assertThat(at).as("the witness saw the event " + cursor).isNotNegative();
        return events.subList(at + 1, events.size());
    }

    private static List<SseEvent> ofJobs(List<SseEvent> events, List<String> jobs) {
        return events.stream()
                .filter(event -> jobs.contains(event.json().getString("data.labels.job")))
                .toList();
    }
}
