package io.atrium.testing;

import static io.restassured.RestAssured.given;

import io.atrium.infra.DemoRealm;
import org.eclipse.microprofile.config.ConfigProvider;

/** Real access tokens from the test Keycloak for the demo users. */
public final class Tokens {

    private Tokens() {}

    /** An access token for {@code username}, obtained with the password grant of the CLI client. */
    public static String accessToken(String username) {
        var config = ConfigProvider.getConfig();
        String keycloak = config.getValue(RealInfrastructure.KEYCLOAK_URL, String.class);
        String password = config.getValue(RealInfrastructure.PASSWORD_PREFIX + username, String.class);
        return given().formParam("grant_type", "password")
                .formParam("client_id", DemoRealm.CLI_CLIENT)
                .formParam("username", username)
                .formParam("password", password)
                .formParam("scope", "openid")
                .post(keycloak + "/realms/" + DemoRealm.REALM + "/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }
}
