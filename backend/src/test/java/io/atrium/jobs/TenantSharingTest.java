package io.atrium.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.testing.AgentProcess;
import io.atrium.testing.Api;
import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two tenants competing for one real agent through the real master and the jobs framework:
 * acme (bob) and globex (carol), each with more work than fits.
 */
@QuarkusTest
class TenantSharingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Set<String> ACTIVE = Set.of("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING");

    @AfterEach
    void resetRoles() {
        for (String role : List.of("acme", "globex")) {
            Api.setRole(role, "quota", Map.of("guarantees", Map.of(), "limits", Map.of()))
                    .then()
                    .statusCode(200);
            Api.setRole(role, "weight", Map.of("weight", 1)).then().statusCode(200);
        }
    }

    @Test
    void aQuotaLimitHoldsWhileAnotherTenantTakesTheRest() {
        Api.setRole("globex", "quota", Map.of("limits", Map.of("cpus", 1)))
                .then()
                .statusCode(200);
        try (AgentProcess agent = AgentProcess.start("limit-1", "cpus:4;mem:4096")) {
            // acme leaves half the agent free; globex wants all of it but may hold only 1 cpu.
            String acme = Api.jobOf("bob", "acme", job("acme-work", "sleep 20", 4, 0.5, "limit-1"));
            String globex = Api.jobOf("carol", "globex", job("globex-work", "sleep 20", 8, 0.5, "limit-1"));

            List<Integer> globexSeen = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                int globexActive = active("carol", "globex", globex);
                globexSeen.add(globexActive);
                return active("bob", "acme", acme) == 4 && globexActive == 2;
            });

            // limit cpus:1 at 0.5 cpus per task: never more than two globex tasks at once,
            // although the agent has a cpu to spare.
            assertThat(globexSeen).allMatch(n -> n <= 2);
            await().atMost(PATIENCE)
                    .until(() -> ((String) Api.agent("limit-1").get("available")).startsWith("cpus:1;"));
            Number allocated =
                    admin().get("/api/admin/roles/globex").then().extract().path("allocated.cpus");
            assertThat(allocated.doubleValue()).isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    void underContentionTenantsShareInProportionToTheirWeights() {
        Api.setRole("acme", "weight", Map.of("weight", 3)).then().statusCode(200);
        try (AgentProcess agent = AgentProcess.start("drf-1", "cpus:4;mem:4096")) {
            // Short tasks: as they end, each freed slot goes to the tenant furthest below its share.
            String acme = Api.jobOf("bob", "acme", job("acme-short", "sleep 2", 200, 0.25, "drf-1"));
            String globex = Api.jobOf("carol", "globex", job("globex-short", "sleep 2", 200, 0.25, "drf-1"));

            // weights 3 : 1 over 16 slots of 0.25 cpus: 12 : 4, within 10%.
            await().atMost(PATIENCE).until(() -> withinTenPercentOfThreeToOne(acme, globex));
            int agreeing = 0;
            for (int sample = 0; sample < 5; sample++) {
                long before = System.nanoTime();
                if (withinTenPercentOfThreeToOne(acme, globex)) {
                    agreeing++;
                }
                await().pollDelay(Duration.ofMillis(500)).until(() -> System.nanoTime() - before > 500_000_000L);
            }
            assertThat(agreeing).as("samples at the weighted shares, of 5").isGreaterThanOrEqualTo(4);
        }
    }

    private static boolean withinTenPercentOfThreeToOne(String acmeJob, String globexJob) {
        int acme = active("bob", "acme", acmeJob);
        int globex = active("carol", "globex", globexJob);
        if (acme + globex < 15 || globex == 0) {
            return false;
        }
        double ratio = (double) acme / globex;
        return Math.abs(ratio - 3.0) <= 0.3;
    }

    private static int active(String user, String tenant, String job) {
        List<String> states = Api.job(user, tenant, job).getList("tasks.state");
        return (int) states.stream().filter(ACTIVE::contains).count();
    }

    private static Map<String, Object> job(String name, String command, int instances, double cpus, String host) {
        return Map.of(
                "name", name,
                "command", command,
                "instances", instances,
                "resources", Map.of("cpus", cpus, "mem", 32),
                "constraints", List.of(List.of("hostname", "LIKE", host)));
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(Tokens.accessToken("admin")).contentType(ContentType.JSON);
    }
}
