package io.atrium.tenancy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.testing.AgentProcess;
import io.atrium.testing.Api;
import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Quota limits hold while two tenants submit in a burst: however many jobs arrive at once,
 * neither tenant ever holds more than its limit (no over-admission race between submissions,
 * offers and launches); and a tenant never runs more tasks at once than its quota's maxTasks.
 */
@QuarkusTest
class QuotaBurstTest {

    private static final int JOBS_EACH = 15;

    @AfterEach
    void noQuota() {
        for (String role : List.of("acme", "globex")) {
            Api.setRole(role, "quota", Map.of("guarantees", Map.of(), "limits", Map.of()))
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void aBurstOfSubmissionsFromTwoTenantsNeverPassesEitherLimit() throws Exception {
        Api.setRole("acme", "quota", Map.of("limits", Map.of("cpus", 1))).then().statusCode(200);
        Api.setRole("globex", "quota", Map.of("limits", Map.of("cpus", 0.5)))
                .then()
                .statusCode(200);
        try (AgentProcess agent = AgentProcess.start("burst-1", "cpus:4;mem:4096");
                ExecutorService submitters = Executors.newFixedThreadPool(8)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Api.agent("burst-1") != null);
            String bob = Tokens.accessToken("bob");
            String carol = Tokens.accessToken("carol");
            List<Future<Integer>> submissions = new ArrayList<>();
            for (int i = 0; i < JOBS_EACH; i++) {
                submissions.add(submitters.submit(() -> submit(bob, "acme")));
                submissions.add(submitters.submit(() -> submit(carol, "globex")));
            }
            for (Future<Integer> submission : submissions) {
                assertThat(submission.get()).isEqualTo(201);
            }

            List<double[]> seen = new ArrayList<>();
            // 0.25 cpus a task: acme may run 4 at once, globex 2; the agent could run 16.
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                double[] allocated = {allocated("acme"), allocated("globex")};
                seen.add(allocated);
                return allocated[0] == 1.0 && allocated[1] == 0.5;
            });
            for (int sample = 0; sample < 20; sample++) {
                seen.add(new double[] {allocated("acme"), allocated("globex")});
            }
            assertThat(seen).allSatisfy(allocated -> {
                assertThat(allocated[0]).as("acme's cpus").isLessThanOrEqualTo(1.0);
                assertThat(allocated[1]).as("globex's cpus").isLessThanOrEqualTo(0.5);
            });
        }
    }

    @Test
    void aTenantRunsAtMostItsMostTasksAtOnceAndTheRestWaitWithoutFailing() {
        Api.setRole("globex", "quota", Map.of("maxTasks", 2)).then().statusCode(200);
        try (AgentProcess agent = AgentProcess.start("cap-1", "cpus:4;mem:4096")) {
            String job = Api.jobOf(
                    "carol",
                    "globex",
                    Map.of(
                            "name",
                            "capped",
                            "command",
                            "sleep 3",
                            "instances",
                            5,
                            "resources",
                            Map.of("cpus", 0.1, "mem", 16),
                            "constraints",
                            List.of(List.of("hostname", "LIKE", "cap-1"))));

            List<Integer> activeSeen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                List<String> states = Api.job("carol", "globex", job).getList("tasks.state");
                activeSeen.add((int) states.stream().filter(ACTIVE::contains).count());
                return states.size() == 5 && states.stream().allMatch("TASK_FINISHED"::equals);
            });
            assertThat(activeSeen)
                    .as("tasks at once, while the job ran")
                    .allMatch(n -> n <= 2)
                    .contains(2);
            assertThat(given().auth()
                            .oauth2(Tokens.accessToken("carol"))
                            .get("/api/tenants/globex/quota")
                            .then()
                            .extract()
                            .<Integer>path("maxTasks"))
                    .isEqualTo(2);
        }
    }

    private static final java.util.Set<String> ACTIVE =
            java.util.Set.of("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING");

    private static int submit(String token, String tenant) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of(
                        "name",
                        "burst",
                        "command",
                        "sleep 30",
                        "instances",
                        1,
                        "resources",
                        Map.of("cpus", 0.25, "mem", 16),
                        "constraints",
                        List.of(List.of("hostname", "LIKE", "burst-1"))))
                .post("/api/tenants/" + tenant + "/jobs")
                .statusCode();
    }

    private static double allocated(String tenant) {
        Number cpus = given().auth()
                .oauth2(Tokens.accessToken("admin"))
                .get("/api/admin/roles/" + tenant)
                .then()
                .statusCode(200)
                .extract()
                .path("allocated.cpus");
        return cpus == null ? 0 : cpus.doubleValue();
    }
}
