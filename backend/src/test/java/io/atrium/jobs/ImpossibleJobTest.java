package io.atrium.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.testing.AgentProcess;
import io.atrium.testing.Api;
import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A job that could never run is refused when it is submitted, saying which resource and by how much. */
@QuarkusTest
class ImpossibleJobTest {

    @AfterEach
    void noQuota() {
        Api.setRole("globex", "quota", Map.of("guarantees", Map.of(), "limits", Map.of()))
                .then()
                .statusCode(200);
    }

    @Test
    void aJobAskingMoreThanItsTenantsQuotaLimitIsRefusedAndNothingIsRecorded() {
        Api.setRole("globex", "quota", Map.of("limits", Map.of("cpus", 1)))
                .then()
                .statusCode(200);
        int jobsBefore = jobs("carol", "globex");

        Response refused = Api.submitJob("carol", "globex", job(Map.of("cpus", 1.5, "mem", 32)));

        refused.then().statusCode(422).contentType("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).endsWith("/unsatisfiable");
        assertThat(refused.jsonPath().getList("errors.field")).containsExactly("resources.cpus");
        assertThat(refused.jsonPath().getString("errors[0].reason"))
                .isEqualTo("each instance asks 1.5 cpus, but globex's quota limit is 1 (0.5 too many)");
        assertThat(jobs("carol", "globex")).as("no job recorded").isEqualTo(jobsBefore);
    }

    @Test
    void aJobAskingMoreThanAnyAgentHasIsRefusedNamingEachResource() {
        try (AgentProcess agent = AgentProcess.start("small-1", "cpus:2;mem:1024")) {
            Response refused = Api.submitJob("bob", "acme", job(Map.of("cpus", 512, "mem", 4_000_000)));

            refused.then().statusCode(422);
            assertThat(refused.jsonPath().getList("errors.field")).containsExactly("resources.cpus", "resources.mem");
            assertThat(refused.jsonPath().getList("errors.reason", String.class))
                    .allMatch(reason -> reason.contains("no agent has more than") && reason.contains("too many"));
            // What some agent can hold is accepted (and runs, here, so that it is not left waiting).
            String fits = Api.jobOf("bob", "acme", Api.pinnedJob("fits", "true", 1, "small-1"));
            await().atMost(Duration.ofSeconds(60)).until(() -> "TASK_FINISHED"
                    .equals(Api.job("bob", "acme", fits).getString("tasks[0].state")));
        }
    }

    private static Map<String, Object> job(Map<String, Object> resources) {
        return Map.of("name", "big", "command", "true", "instances", 2, "resources", resources);
    }

    private static int jobs(String user, String tenant) {
        List<Object> jobs = given().auth()
                .oauth2(Tokens.accessToken(user))
                .get("/api/tenants/" + tenant + "/jobs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        return jobs.size();
    }
}
