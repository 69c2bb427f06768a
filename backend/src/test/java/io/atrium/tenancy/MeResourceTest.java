package io.atrium.tenancy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MeResourceTest {

    @Test
    void bobSeesHisNameAndHisDeveloperRoleInAcme() {
        given().auth()
                .oauth2(Tokens.accessToken("bob"))
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("username", equalTo("bob"))
                .body("name", equalTo("Bob Builder"))
                .body("email", equalTo("bob@acme.example"))
                .body("roles", not(hasItem("platform-admin")))
                .body("memberships.tenant", contains("acme"))
                .body("memberships.role", contains("developer"));
    }

    @Test
    void adminIsPlatformAdminWithoutTenantMemberships() {
        given().auth()
                .oauth2(Tokens.accessToken("admin"))
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("roles", hasItem("platform-admin"))
                .body("memberships", empty());
    }

    @Test
    void carolOnlyBelongsToGlobex() {
        given().auth()
                .oauth2(Tokens.accessToken("carol"))
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("memberships.tenant", contains("globex"));
    }

    @Test
    void withoutCredentialsTheAnswerIs401ProblemJson() {
        given().get("/api/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://atrium.io/problems/unauthenticated"))
                .body("title", equalTo("Authentication required"))
                .body("status", equalTo(401))
                .body("instance", equalTo("/api/me"));
    }

    @Test
    void aForgedTokenIsRefusedWith401ProblemJson() {
        given().header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJl")
                .get("/api/me")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://atrium.io/problems/unauthenticated"));
    }
}
