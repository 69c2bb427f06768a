package io.atrium.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.protocol.agent.AgentEvent;
import io.atrium.protocol.agent.TaskInfo;
import io.atrium.protocol.agent.TaskState;
import io.atrium.protocol.agent.TaskStatus;
import io.atrium.resources.Resources;
import io.atrium.testing.Api;
import io.atrium.testing.FakeAgent;
import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The overview's numbers: the cluster's capacity for everyone, task counts for the tenants one belongs to. */
@QuarkusTest
class ClusterOverviewTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void anAgentAddsItsCapacityAndARunningTaskCountsOnlyForItsTenantAndTheAdminsWhoSeeItOnItsAgent() {
        int bobRunning = running("bob");
        int carolRunning = running("carol");
        int adminRunning = running("admin");
        // dave is in acme and globex; his API token for globex acts in globex only.
        String daveGlobexToken = given().auth()
                .oauth2(Tokens.accessToken("dave"))
                .contentType("application/json")
                .body(Map.of("name", "overview-" + UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/tenants/globex/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
        int daveRunning = running("dave");
        int daveTokenRunning = runningWith(daveGlobexToken);

        try (FakeAgent agent = FakeAgent.register("overview-1", "cpus:4;mem:4096;disk:1000")) {
            // Agents of earlier tests may still be leaving: capacity is what the active agents have.
            await().atMost(PATIENCE)
                    .until(() -> activeAgentCpus().containsKey("overview-1")
                            && Math.abs(cluster("carol").getDouble("capacity.cpus") - sum(activeAgentCpus())) < 1e-9);

            Api.jobOf("bob", "acme", Api.pinnedJob("overview", "sleep 60", 1, "overview-1"));
            await().atMost(PATIENCE)
                    .until(() -> !agent.events(AgentEvent.Type.RUN_TASK).isEmpty());
            TaskInfo task = agent.events(AgentEvent.Type.RUN_TASK).getFirst().getRunTask();
            agent.update(new TaskStatus()
                    .withTaskId(task.getTaskId())
                    .withFrameworkId(task.getFrameworkId())
                    .withState(TaskState.TASK_RUNNING)
                    .withUuid(UUID.randomUUID().toString())
                    .withTimestamp(System.currentTimeMillis()));

            await().atMost(PATIENCE).until(() -> running("bob") == bobRunning + 1);
            assertThat(running("admin")).isEqualTo(adminRunning + 1);
            assertThat(running("carol")).as("globex sees none of acme's tasks").isEqualTo(carolRunning);
            assertThat(running("dave"))
                    .as("dave signed in sees his tenants' tasks")
                    .isEqualTo(daveRunning + 1);
            assertThat(runningWith(daveGlobexToken))
                    .as("through his globex token, only globex's")
                    .isEqualTo(daveTokenRunning);

            // Admins see the task beside its agent, with its tenant.
            JsonPath onAgent = given().auth()
                    .oauth2(Tokens.accessToken("admin"))
                    .get("/api/admin/agents/" + Api.agent("overview-1").get("id") + "/tasks")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(onAgent.getList("id")).containsExactly(task.getTaskId());
            assertThat(onAgent.getString("[0].tenant")).isEqualTo("acme");
            assertThat(onAgent.getString("[0].state")).isEqualTo("TASK_RUNNING");

            JsonPath now = cluster("bob");
            assertThat(now.getDouble("allocated.cpus"))
                    .as("the running task's 0.1 cpus are allocated, and no more than there is")
                    .isBetween(0.1, now.getDouble("capacity.cpus"));
        }
        await().atMost(PATIENCE)
                .until(() -> !activeAgentCpus().containsKey("overview-1")
                        && Math.abs(cluster("bob").getDouble("capacity.cpus") - sum(activeAgentCpus())) < 1e-9);
    }

    /** The cpus of each active agent, by host name, as the admin's agent list has them. */
    private static Map<String, Double> activeAgentCpus() {
        List<Map<String, Object>> agents = given().auth()
                .oauth2(Tokens.accessToken("admin"))
                .get("/api/admin/agents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.state == 'ACTIVE' }");
        Map<String, Double> cpus = new java.util.HashMap<>();
        for (Map<String, Object> agent : agents) {
            cpus.merge(
                    (String) agent.get("hostname"),
                    Resources.parse((String) agent.get("resources"))
                            .scalar("cpus")
                            .toDouble(),
                    Double::sum);
        }
        return cpus;
    }

    private static double sum(Map<String, Double> cpus) {
        return cpus.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Test
    void drainingAnAgentMovesItFromActiveToDraining() {
        try (FakeAgent agent = FakeAgent.register("overview-2", "cpus:1;mem:512")) {
            await().atMost(PATIENCE).until(() -> Api.agent("overview-2") != null);
            int active = agents("ACTIVE");
            int draining = agents("DRAINING");

            given().auth()
                    .oauth2(Tokens.accessToken("admin"))
                    .post("/api/admin/agents/" + Api.agent("overview-2").get("id") + "/drain")
                    .then()
                    .statusCode(200);

            assertThat(agents("DRAINING")).isEqualTo(draining + 1);
            assertThat(agents("ACTIVE")).isEqualTo(active - 1);
        }
    }

    @Test
    void theLastHourIsSampledFromTheStart() {
        JsonPath cluster = cluster("dave");

        assertThat(cluster.getList("history")).isNotEmpty();
        Instant newest = Instant.parse(cluster.getString("history[-1].time"));
        assertThat(newest).isBetween(Instant.now().minusSeconds(20), Instant.now());
        assertThat(cluster.getMap("history[-1]")).containsKeys("capacity", "allocated");
    }

    private static JsonPath cluster(String user) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .get("/api/cluster")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static int running(String user) {
        Map<String, Integer> tasks = cluster(user).getMap("tasks");
        return tasks.getOrDefault("TASK_RUNNING", 0);
    }

    private static int runningWith(String bearer) {
        Map<String, Integer> tasks = given().auth()
                .oauth2(bearer)
                .get("/api/cluster")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("tasks");
        return tasks.getOrDefault("TASK_RUNNING", 0);
    }

    private static int agents(String state) {
        Map<String, Integer> agents = cluster("admin").getMap("agents");
        return agents.getOrDefault(state, 0);
    }
}
