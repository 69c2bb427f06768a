package io.atrium.jobs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.atrium.testing.Api;
import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a tenant sees when submitting and reading jobs, with real tokens. */
@QuarkusTest
class JobSubmissionTest {

    /** A valid job that never runs (no agent has the rack), with some fields replaced. */
    private static Map<String, Object> job(Object... overrides) {
        Map<String, Object> job = new HashMap<>(Map.of(
                "name",
                "nowhere",
                "command",
                "true",
                "instances",
                1,
                "resources",
                Map.of("cpus", 0.1, "mem", 32),
                "constraints",
                List.of(List.of("rack", "LIKE", "no-such-rack"))));
        for (int i = 0; i < overrides.length; i += 2) {
            job.put((String) overrides[i], overrides[i + 1]);
        }
        return job;
    }

    @Test
    void anAcceptedJobIsPendingWithItsSpecAndALocation() {
        Api.submitJob("bob", "acme", job("instances", 3, "resources", Map.of("cpus", 0.125, "mem", 64, "disk", 10)))
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/tenants/acme/jobs/"))
                .body("state", equalTo("PENDING"))
                .body("owner", equalTo("bob"))
                .body("resources", equalTo("cpus:0.125;disk:10;mem:64"))
                .body("instances", equalTo(3))
                .body("tasks", equalTo(List.of()));
    }

    @Test
    void invalidFieldsAreNamedInTheProblem() {
        Api.submitJob(
                        "bob",
                        "acme",
                        job(
                                "name",
                                "Bad Name",
                                "command",
                                "",
                                "instances",
                                0,
                                "resources",
                                Map.of("cpus", 0.0001, "mem", -1)))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://atrium.io/problems/validation-failed"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("command"))
                .body("errors.field", hasItem("instances"))
                .body("errors.field", hasItem("resources.cpus"))
                .body("errors.field", hasItem("resources.mem"));
    }

    @Test
    void anUnknownConstraintOperatorIsRefusedWithItsIndex() {
        Api.submitJob(
                        "bob",
                        "acme",
                        job("constraints", List.of(List.of("hostname", "UNIQUE"), List.of("rack", "CLUSTER", "r1"))))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("constraints[1]"))
                .body("errors[0].reason", containsString("UNIQUE or LIKE"));
    }

    @Test
    void aUriThatIsNeitherHttpNorAFileIsRefusedWithItsIndex() {
        Api.submitJob(
                        "bob",
                        "acme",
                        job(
                                "uris",
                                List.of(Map.of("value", "https://example.com/a.tgz"), Map.of("value", "ftp://x/y"))))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("uris[1].value"))
                .body("errors[0].reason", containsString("http(s) or file: URL"));
    }

    @Test
    void anUnknownNetworkIsRefusedNamingTheField() {
        Api.submitJob("bob", "acme", job("network", "bridge"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("network"));
    }

    @Test
    void aCommandHealthCheckWithoutACommandIsRefused() {
        Api.submitJob("bob", "acme", job("healthCheck", Map.of("type", "COMMAND")))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("healthCheck.commandGiven"))
                .body("errors[0].reason", equalTo("a COMMAND check needs a command"));
    }

    @Test
    void unknownFieldsAreRefusedNotIgnored() {
        Api.submitJob("bob", "acme", job("retries", 3))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("retries"));
    }

    @Test
    void membersSeeTheTenantsJobsAndOutsidersNeitherSeeNorSubmit() {
        String id = Api.jobOf("bob", "acme", job("name", "private"));

        given().auth()
                .oauth2(Tokens.accessToken("carol"))
                .get("/api/tenants/acme/jobs/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.accessToken("carol"))
                .get("/api/tenants/acme/jobs")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.accessToken("carol"))
                .get("/api/tenants/globex/jobs/" + id)
                .then()
                .statusCode(404);
        Api.submitJob("carol", "acme", job()).then().statusCode(404);
        given().auth()
                .oauth2(Tokens.accessToken("alice"))
                .get("/api/tenants/acme/jobs/" + id)
                .then()
                .statusCode(200);
        given().get("/api/tenants/acme/jobs").then().statusCode(401);
    }
}
