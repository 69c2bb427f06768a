package io.atrium.agents;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.testing.AgentProcess;
import io.atrium.testing.Api;
import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Real agent processes against the real master: registration, heartbeat loss and return,
 * restart without duplicates, drain. Test timings: heartbeat 1 s, UNREACHABLE after 3 missed,
 * GONE after 6 s unreachable.
 */
@QuarkusTest
class AgentLifecycleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void anAgentRegistersWithItsResourcesAndAttributes() {
        try (AgentProcess agent = AgentProcess.start(
                "register-1",
                "cpus:2;mem:2048;disk:1000;ports:[31000-31099]",
                Map.of("ATRIUM_AGENT_ATTRIBUTES", "rack:r1;zone:a"))) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                Map<String, Object> view = Api.agent("register-1");
                assertThat(view).isNotNull();
                assertThat(view.get("state")).isEqualTo("ACTIVE");
                assertThat(view.get("resources")).isEqualTo("cpus:2;disk:1000;mem:2048;ports:[31000-31099]");
                assertThat(view.get("attributes")).isEqualTo(Map.of("rack", "r1", "zone", "a"));
                assertThat(agent.log()).contains("registered with the master as " + view.get("id"));
            });
        }
    }

    @Test
    void aUserTokenIsRefusedOnTheAgentEndpoint() {
        String url =
                ConfigProvider.getConfig().getValue("test.url", String.class).replace("http", "ws") + "/api/v1/agent";
        CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                CompletionException.class, () -> HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .header("Authorization", "Bearer " + Tokens.accessToken("bob"))
                        .buildAsync(URI.create(url), new WebSocket.Listener() {})
                        .join());
        assertThat(refused.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) refused.getCause())
                        .getResponse()
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void anAgentThatStopsHeartbeatingIsUnreachableAndIsReconciledWhenItReturns() {
        try (AgentProcess agent = AgentProcess.start("partition-1", "cpus:1;mem:512")) {
            String job = Api.jobOf("bob", "acme", Api.pinnedJob("partitioned", "sleep 30", 1, "partition-1"));
            await().atMost(PATIENCE).until(() -> taskState(job).equals("TASK_RUNNING"));
            String agentId = (String) Api.agent("partition-1").get("id");

            agent.pause();
            await().atMost(PATIENCE).until(() -> taskState(job).equals("TASK_UNREACHABLE"));
            assertThat(Api.agent("partition-1").get("state")).isEqualTo("UNREACHABLE");

            agent.resume();
            await().atMost(PATIENCE)
                    .until(() -> taskState(job).equals("TASK_RUNNING")
                            && "ACTIVE".equals(Api.agent("partition-1").get("state")));
            JsonPath view = Api.job("bob", "acme", job);
            assertThat(view.getList("tasks")).hasSize(1);
            assertThat(view.getList("tasks[0].states.state"))
                    .containsExactly(
                            "TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_UNREACHABLE", "TASK_RUNNING");
            assertThat(Api.agent("partition-1").get("id")).isEqualTo(agentId);
        }
    }

    @Test
    void anAgentAwayLongerThanTheGoneTimeoutLosesItsTasksAndComesBackAsANewAgent() {
        try (AgentProcess agent = AgentProcess.start("gone-1", "cpus:1;mem:512")) {
            String job = Api.jobOf("bob", "acme", Api.pinnedJob("abandoned", "sleep 60", 1, "gone-1"));
            await().atMost(PATIENCE).until(() -> taskState(job).equals("TASK_RUNNING"));
            String oldId = (String) Api.agent("gone-1").get("id");

            agent.pause();
            // Test timings: UNREACHABLE after 3 s, GONE 6 s later.
            await().atMost(PATIENCE).until(() -> taskState(job).equals("TASK_GONE"));
            assertThat(Api.agent("gone-1")).isNull();

            agent.resume();
            await().atMost(PATIENCE).until(() -> Api.agent("gone-1") != null);
            assertThat(Api.agent("gone-1").get("id")).isNotEqualTo(oldId);
            // The master has the agent kill what it still runs; the job keeps TASK_GONE.
            String taskId = Api.job("bob", "acme", job).getString("tasks[0].id");
            await().atMost(PATIENCE).until(() -> agent.log().contains("killing task " + taskId));
            JsonPath view = Api.job("bob", "acme", job);
            assertThat(view.getList("tasks")).hasSize(1);
            assertThat(view.getString("tasks[0].state")).isEqualTo("TASK_GONE");
        }
    }

    @Test
    void anAgentRestartKeepsItsTasksWithoutDuplicates() {
        try (AgentProcess agent = AgentProcess.start("restart-1", "cpus:1;mem:512")) {
            String job = Api.jobOf("bob", "acme", Api.pinnedJob("survivor", "sleep 6; echo done", 1, "restart-1"));
            await().atMost(PATIENCE).until(() -> taskState(job).equals("TASK_RUNNING"));
            String agentId = (String) Api.agent("restart-1").get("id");

            agent.killAgentOnly();
            agent.launch();

            await().atMost(PATIENCE).until(() -> taskState(job).equals("TASK_FINISHED"));
            JsonPath view = Api.job("bob", "acme", job);
            assertThat(view.getList("tasks")).hasSize(1);
            assertThat(view.getString("state")).isEqualTo("FINISHED");
            assertThat(view.getInt("tasks[0].states[-1].exitCode")).isZero();
            assertThat(Api.agent("restart-1").get("id")).isEqualTo(agentId);
            assertThat(agent.log()).contains("re-registered with the master as " + agentId);
        }
    }

    @Test
    void aDrainedAgentGetsNoNewTasksAndItsRunningOnesAreKilledAtTheDeadline() {
        try (AgentProcess agent = AgentProcess.start("drain-1", "cpus:1;mem:512")) {
            String running = Api.jobOf("bob", "acme", Api.pinnedJob("long", "sleep 60", 1, "drain-1"));
            await().atMost(PATIENCE).until(() -> taskState(running).equals("TASK_RUNNING"));
            String agentId = (String) Api.agent("drain-1").get("id");

            drain(agentId, "drain", 2).then().statusCode(200);
            String waiting = Api.jobOf("bob", "acme", Api.pinnedJob("waits", "true", 1, "drain-1"));

            await().atMost(PATIENCE).until(() -> taskState(running).equals("TASK_KILLED"));
            await().atMost(PATIENCE)
                    .until(() -> Boolean.TRUE.equals(Api.agent("drain-1").get("drained")));
            assertThat(Api.job("bob", "acme", waiting).getString("state")).isEqualTo("PENDING");

            drain(agentId, "undrain", 0).then().statusCode(200);
            await().atMost(PATIENCE).until(() -> taskState(waiting).equals("TASK_FINISHED"));
            // Both are admin actions, audited with who asked (agent events are the platform's).
            await().atMost(PATIENCE).until(() -> given().auth()
                    .oauth2(Tokens.accessToken("admin"))
                    .queryParam("tenant", "_platform")
                    .queryParam("actor", "admin")
                    .get("/api/admin/audit")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .<String>getList("items.findAll { it.subject == '" + agentId + "' }.type")
                    .containsAll(List.of("io.atrium.agent.drained.v1", "io.atrium.agent.undrained.v1")));
        }
    }

    @Test
    void drainingAnUnknownAgentIsNotFound() {
        drain("no-such-agent", "drain", 1).then().statusCode(404).contentType("application/problem+json");
    }

    private static io.restassured.response.Response drain(String agentId, String action, int deadlineSeconds) {
        return given().auth()
                .oauth2(Tokens.accessToken("admin"))
                .queryParam("deadlineSeconds", deadlineSeconds)
                .post("/api/admin/agents/" + agentId + "/" + action);
    }

    private static String taskState(String job) {
        List<String> states = Api.job("bob", "acme", job).getList("tasks.state");
        return states.isEmpty() ? "NONE" : states.getLast();
    }
}
