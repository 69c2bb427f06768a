package io.atrium.tenancy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.testing.AgentProcess;
import io.atrium.testing.Api;
import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Platform admins create, rename, suspend and delete tenants; each change is audited. */
@QuarkusTest
class TenantAdminTest {

    private final String name = "t-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anAdminCreatesRenamesSuspendsResumesAndDeletesATenantAndEachStepIsAudited() {
        Response created =
                admin().body(Map.of("name", name, "displayName", "Initech")).post("/api/admin/tenants");
        created.then().statusCode(201).header("ETag", "\"1\"");
        assertThat(created.header("Location")).endsWith("/api/admin/tenants/" + name);
        assertThat(created.jsonPath().getString("state")).isEqualTo("ACTIVE");

        Response renamed = admin().header("If-Match", "\"1\"")
                .body(Map.of("displayName", "Initech Inc."))
                .patch("/api/admin/tenants/" + name);
        renamed.then().statusCode(200).header("ETag", "\"2\"");
        assertThat(renamed.jsonPath().getString("displayName")).isEqualTo("Initech Inc.");

        Response suspended = admin().header("If-Match", "\"2\"")
                .body(Map.of("suspended", true))
                .patch("/api/admin/tenants/" + name);
        assertThat(suspended.jsonPath().getString("state")).isEqualTo("SUSPENDED");
        Response refused = Api.submitJob("admin", name, Api.pinnedJob("x", "true", 1, "nowhere"));
        refused.then().statusCode(409).contentType("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).endsWith("/tenant-suspended");

        admin().header("If-Match", "\"3\"")
                .body(Map.of("suspended", false))
                .patch("/api/admin/tenants/" + name)
                .then()
                .statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("ACTIVE"));
        admin().delete("/api/admin/tenants/" + name).then().statusCode(204);
        admin().get("/api/admin/tenants/" + name).then().statusCode(404);

        List<String> audited = admin().queryParam("tenant", name)
                .get("/api/admin/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.type");
        assertThat(audited)
                .as("newest first")
                .containsExactly(
                        "io.atrium.tenant.deleted.v1",
                        "io.atrium.tenant.updated.v1",
                        "io.atrium.tenant.updated.v1",
                        "io.atrium.tenant.updated.v1",
                        "io.atrium.tenant.created.v1");
        Map<String, Object> first = admin().queryParam("tenant", name)
                .queryParam("type", "io.atrium.tenant.created.v1")
                .get("/api/admin/audit")
                .then()
                .extract()
                .jsonPath()
                .getMap("items[0]");
        assertThat(first).containsEntry("actor", "admin").containsEntry("subject", name);
        assertThat((String) first.get("address")).isNotBlank();
    }

    @Test
    void aChangeFromAnOldVersionOrWithoutOneIsRefusedAndChangesNothing() {
        admin().body(Map.of("name", name, "displayName", "Old")).post("/api/admin/tenants");
        admin().header("If-Match", "\"1\"")
                .body(Map.of("displayName", "First"))
                .patch("/api/admin/tenants/" + name)
                .then()
                .statusCode(200);

        admin().header("If-Match", "\"1\"")
                .body(Map.of("displayName", "Second"))
                .patch("/api/admin/tenants/" + name)
                .then()
                .statusCode(412);
        admin().body(Map.of("displayName", "Third"))
                .patch("/api/admin/tenants/" + name)
                .then()
                .statusCode(428);
        assertThat(admin().get("/api/admin/tenants/" + name).jsonPath().getString("displayName"))
                .isEqualTo("First");
    }

    @Test
    void aTakenOrInvalidNameIsRefusedWithTheField() {
        Response taken =
                admin().body(Map.of("name", "acme", "displayName", "Again")).post("/api/admin/tenants");
        taken.then().statusCode(409);
        assertThat(taken.jsonPath().getList("errors.field")).containsExactly("name");

        Response invalid =
                admin().body(Map.of("name", "Not Valid!", "displayName", " ")).post("/api/admin/tenants");
        invalid.then().statusCode(400);
        assertThat(invalid.jsonPath().getList("errors.field")).containsExactly("displayName", "name");
    }

    @Test
    void aTenantWithRunningTasksIsDeletedOnlyWhenDrainedAndThenGoesWithItsJobs() {
        admin().body(Map.of("name", name, "displayName", "Doomed")).post("/api/admin/tenants");
        try (AgentProcess agent = AgentProcess.start("doomed-1", "cpus:2;mem:1024")) {
            String job = Api.jobOf("admin", name, Api.pinnedJob("long", "sleep 300", 2, "doomed-1"));
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            admin().get("/api/admin/tenants/" + name).jsonPath().getInt("activeTasks") == 2
                                    && Api.job("admin", name, job).getList("tasks.state").stream()
                                            .allMatch("TASK_RUNNING"::equals));

            Response refused = admin().delete("/api/admin/tenants/" + name);
            refused.then().statusCode(409);
            assertThat(refused.jsonPath().getString("errors[0].reason")).contains("2 running tasks");

            Response draining = admin().queryParam("drain", true).delete("/api/admin/tenants/" + name);
            draining.then().statusCode(202);
            assertThat(draining.jsonPath().getString("state")).isEqualTo("DELETING");

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> admin().get("/api/admin/tenants/" + name).statusCode() == 404);
            assertThat(Api.agent("doomed-1").get("available").toString()).startsWith("cpus:2;");
            admin().get("/api/tenants/" + name + "/jobs/" + job).then().statusCode(404);
        }
    }

    @Test
    void onlyPlatformAdminsManageTenants() {
        for (String user : List.of("alice", "bob", "carol")) {
            given().auth()
                    .oauth2(Tokens.accessToken(user))
                    .get("/api/admin/tenants")
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(Tokens.accessToken(user))
                    .get("/api/admin/audit")
                    .then()
                    .statusCode(403);
        }
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.accessToken("admin")).contentType(ContentType.JSON);
    }
}
