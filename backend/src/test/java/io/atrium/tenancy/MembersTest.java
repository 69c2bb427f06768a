package io.atrium.tenancy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.testing.Api;
import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenant admins manage their members without Keycloak admin rights: add by user name or
 * e-mail, change roles and remove, never overwriting another admin's change unseen.
 */
@QuarkusTest
class MembersTest {

    private static final String CAROL = "9b0b6d3e-0a61-4c55-9f0e-000000000004";

    private final String tenant = "m-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void aTenantWithAliceAsItsAdmin() {
        as("admin")
                .body(Map.of("name", tenant, "displayName", "Members"))
                .post("/api/admin/tenants")
                .then()
                .statusCode(201);
        as("admin")
                .body(Map.of("user", "alice", "role", "tenant-admin"))
                .post(members())
                .then()
                .statusCode(201);
    }

    @Test
    void aTenantAdminAddsSomeoneByEmailAndTheyCanReadButNotWrite() {
        as("carol").get("/api/tenants/" + tenant + "/jobs").then().statusCode(404);

        Response added = as("alice")
                .body(Map.of("user", "carol@globex.example", "role", "viewer"))
                .post(members());

        added.then().statusCode(201).header("ETag", "\"1\"");
        assertThat(added.jsonPath().getString("subject")).isEqualTo(CAROL);
        assertThat(added.jsonPath().getString("username")).isEqualTo("carol");
        as("carol").get("/api/tenants/" + tenant + "/jobs").then().statusCode(200);
        as("carol")
                .body(Api.pinnedJob("x", "true", 1, "nowhere"))
                .post("/api/tenants/" + tenant + "/jobs")
                .then()
                .statusCode(403);
        assertThat(as("alice").get(members()).jsonPath().getList("items.username"))
                .containsExactlyInAnyOrder("alice", "carol");
        assertThat(as("admin")
                        .queryParam("tenant", tenant)
                        .queryParam("type", "io.atrium.member.changed.v1")
                        .get("/api/admin/audit")
                        .jsonPath()
                        .getList("items.data.member.username"))
                .containsExactly("carol", "alice");
    }

    @Test
    void aRoleChangeNamesTheVersionItWasMadeFrom() {
        as("alice").body(Map.of("user", "carol", "role", "viewer")).post(members());

        Response promoted = as("alice")
                .header("If-Match", "\"1\"")
                .body(Map.of("role", "developer"))
                .put(members() + "/" + CAROL + "/role");
        promoted.then().statusCode(200).header("ETag", "\"2\"");
        assertThat(promoted.jsonPath().getString("role")).isEqualTo("developer");

        Response stale = as("admin")
                .header("If-Match", "\"1\"")
                .body(Map.of("role", "tenant-admin"))
                .put(members() + "/" + CAROL + "/role");
        stale.then().statusCode(412).contentType("application/problem+json");
        as("alice")
                .body(Map.of("role", "viewer"))
                .put(members() + "/" + CAROL + "/role")
                .then()
                .statusCode(428);
        assertThat(as("alice").get(members() + "/" + CAROL).jsonPath().getString("role"))
                .isEqualTo("developer");
    }

    @Test
    void aRemovedMemberLosesAccessAndTheirTokensAndTheLastTenantAdminStays() {
        as("alice").body(Map.of("user", "carol", "role", "developer")).post(members());
        String token = as("carol")
                .body(Map.of("name", "carols"))
                .post("/api/tenants/" + tenant + "/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
        as("alice")
                .header("If-Match", "\"1\"")
                .delete(members() + "/" + CAROL)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(token)
                .get("/api/tenants/" + tenant + "/jobs")
                .then()
                .statusCode(401);
        assertThat(as("alice")
                        .get("/api/tenants/" + tenant + "/tokens")
                        .jsonPath()
                        .getString("items[0].revokedAt"))
                .as("revoked with the membership, not only unusable")
                .isNotNull();
        as("carol").get("/api/tenants/" + tenant + "/jobs").then().statusCode(404);

        String alice = as("alice").get(members()).jsonPath().getString("items[0].subject");
        Response last = as("alice")
                .header("If-Match", "\"1\"")
                .body(Map.of("role", "developer"))
                .put(members() + "/" + alice + "/role");
        last.then().statusCode(409);
        assertThat(last.jsonPath().getString("errors[0].reason")).contains("last tenant admin");
        as("alice")
                .header("If-Match", "\"1\"")
                .delete(members() + "/" + alice)
                .then()
                .statusCode(409);
    }

    @Test
    void unknownPeopleDuplicatesAndBadRolesAreRefusedWithTheField() {
        Response unknown = as("alice")
                .body(Map.of("user", "nobody-here", "role", "viewer"))
                .post(members());
        unknown.then().statusCode(400);
        assertThat(unknown.jsonPath().getList("errors.field")).containsExactly("user");

        Response twice =
                as("alice").body(Map.of("user", "alice", "role", "viewer")).post(members());
        twice.then().statusCode(409);

        Response badRole =
                as("alice").body(Map.of("user", "carol", "role", "owner")).post(members());
        badRole.then().statusCode(400);
        assertThat(badRole.jsonPath().getList("errors.field")).containsExactly("role");
    }

    @Test
    void aTenantAdminsApiTokenCannotManageMembers() {
        String token = as("alice")
                .body(Map.of("name", "admin-token"))
                .post("/api/tenants/" + tenant + "/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");

        given().auth().oauth2(token).get(members()).then().statusCode(200);
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("user", "carol", "role", "tenant-admin"))
                .post(members())
                .then()
                .statusCode(403);
    }

    @Test
    void developersCannotManageMembersAndOutsidersDoNotSeeThem() {
        as("alice").body(Map.of("user", "bob", "role", "developer")).post(members());

        as("bob").get(members()).then().statusCode(403);
        as("bob")
                .body(Map.of("user", "carol", "role", "viewer"))
                .post(members())
                .then()
                .statusCode(403);
        as("carol").get(members()).then().statusCode(404);
    }

    private String members() {
        return "/api/tenants/" + tenant + "/members";
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.accessToken(user)).contentType(ContentType.JSON);
    }
}
