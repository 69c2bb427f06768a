package io.atrium.jobs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.atrium.testing.Api;
import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a tenant sees when submitting and reading jobs, with real tokens. */
@QuarkusTest
class JobSubmissionTest {

    @Test
    void anAcceptedJobIsPendingWithItsSpecAndALocation() {
        given().auth()
                .oauth2(Tokens.accessToken("bob"))
                .contentType("application/json")
                .body(Map.of(
                        "name",
                        "nowhere",
                        "command",
                        "true",
                        "instances",
                        3,
                        "resources",
                        Map.of("cpus", 0.125, "mem", 64, "disk", 10),
                        "constraints",
                        List.of(List.of("rack", "LIKE", "no-such-rack"))))
                .post("/api/tenants/acme/jobs")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/tenants/acme/jobs/"))
                .body("state", equalTo("PENDING"))
                .body("resources", equalTo("cpus:0.125;disk:10;mem:64"))
                .body("instances", equalTo(3))
                .body("tasks", equalTo(List.of()));
    }

    @Test
    void invalidFieldsAreNamedInTheProblem() {
        Api.submitJob(
                        "bob",
                        "acme",
                        Map.of(
                                "name",
                                "Bad Name",
                                "command",
                                "",
                                "instances",
                                0,
                                "resources",
                                Map.of("cpus", 0.0001, "mem", -1),
                                "constraints",
                                List.of(List.of("hostname", "CLUSTER", "x"))))
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
                        Map.of(
                                "name",
                                "constrained",
                                "command",
                                "true",
                                "instances",
                                1,
                                "resources",
                                Map.of("cpus", 0.1, "mem", 32),
                                "constraints",
                                List.of(List.of("hostname", "UNIQUE"), List.of("rack", "CLUSTER", "r1"))))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("constraints[1]"))
                .body("errors[0].reason", containsString("UNIQUE or LIKE"));
    }

    @Test
    void unknownFieldsAreRefusedNotIgnored() {
        Api.submitJob(
                        "bob",
                        "acme",
                        Map.of(
                                "name",
                                "typo",
                                "command",
                                "true",
                                "instances",
                                1,
                                "resources",
                                Map.of("cpus", 0.1, "mem", 32),
                                "retries",
                                3))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("retries"));
    }

    @Test
    void anotherTenantsJobIsNotFoundAndTheirListIsClosed() {
        String id = Api.jobOf(
                "bob",
                "acme",
                Map.of(
                        "name",
                        "private",
                        "command",
                        "true",
                        "instances",
                        1,
                        "resources",
                        Map.of("cpus", 0.1, "mem", 32),
                        "constraints",
                        List.of(List.of("rack", "LIKE", "no-such-rack"))));

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
        given().get("/api/tenants/acme/jobs").then().statusCode(401);
    }
}
