package io.atrium.tenancy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.atrium.testing.RealInfrastructure;
import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginRouteTest {

    @Test
    void loginWithoutASessionSendsTheBrowserToKeycloak() {
        String keycloak = ConfigProvider.getConfig().getValue(RealInfrastructure.KEYCLOAK_URL, String.class);

        given().redirects()
                .follow(false)
                .get("/login")
                .then()
                .statusCode(302)
                .header("Location", startsWith(keycloak + "/realms/atrium/protocol/openid-connect/auth?"))
                .header("Location", org.hamcrest.Matchers.containsString("client_id=atrium-backend"))
                .header("Location", org.hamcrest.Matchers.containsString("code_challenge_method=S256"));
    }

    @Test
    void loginOnceAuthenticatedReturnsToThePortal() {
        given().redirects()
                .follow(false)
                .auth()
                .oauth2(Tokens.accessToken("bob"))
                .get("/login")
                .then()
                .statusCode(302)
                .header("Location", equalTo("/"));
    }
}
