package io.atrium.tenancy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.testing.Api;
import io.atrium.testing.SseClient;
import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Atrium API tokens work for their tenant and role until revoked or expired, then get 401. */
@QuarkusTest
class ApiTokenTest {

    @Inject
    Pool pool;

    @Test
    void aTokenWorksInItsTenantUntilRevokedThenGets401() {
        Response created = as("bob").body(Map.of("name", "ci-deploy")).post("/api/tenants/acme/tokens");
        created.then().statusCode(201);
        String secret = created.jsonPath().getString("secret");
        String id = created.jsonPath().getString("token.id");
        assertThat(secret).startsWith("atr_");
        assertThat(created.header("Cache-Control"))
                .as("the secret is not to be cached")
                .isEqualTo("no-store");
        assertThat(created.jsonPath().getString("token.role"))
                .as("bob's role by default")
                .isEqualTo("developer");
        assertThat(stored(id, secret)).as("only its SHA-256 is kept").isEqualTo("hashed");

        withToken(secret).get("/api/tenants/acme/jobs").then().statusCode(200);
        withToken(secret)
                .body(Api.pinnedJob("by-token", "true", 1, "no-such-host"))
                .post("/api/tenants/acme/jobs")
                .then()
                .statusCode(201);
        String newer = as("bob")
                .body(Map.of("name", "newer"))
                .post("/api/tenants/acme/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token.id");
        Response listed = as("bob").get("/api/tenants/acme/tokens");
        assertThat(listed.jsonPath().getList("items.id", String.class))
                .as("newest first")
                .startsWith(newer, id);
        assertThat(listed.asString()).doesNotContain(secret);
        assertThat(listed.jsonPath().getString("items.find { it.id == '" + id + "' }.lastUsedAt"))
                .isNotNull();

        as("bob").delete("/api/tenants/acme/tokens/" + id).then().statusCode(204);

        Response refused = withToken(secret).get("/api/tenants/acme/jobs");
        refused.then().statusCode(401);
        assertThat(refused.asString()).doesNotContain("Exception");
    }

    @Test
    void aTokenIsHeldToItsTenantAndRoleAndCannotMakeTokens() {
        String viewer = secret("bob", Map.of("name", "dashboards", "role", "viewer"));

        withToken(viewer).get("/api/tenants/acme/jobs").then().statusCode(200);
        withToken(viewer)
                .body(Api.pinnedJob("x", "true", 1, "nowhere"))
                .post("/api/tenants/acme/jobs")
                .then()
                .statusCode(403);
        String developer = secret("bob", Map.of("name", "other"));
        withToken(developer).get("/api/tenants/globex/jobs").then().statusCode(404);
        withToken(developer).get("/api/admin/agents").then().statusCode(403);
        withToken(developer)
                .body(Map.of("name", "more"))
                .post("/api/tenants/acme/tokens")
                .then()
                .statusCode(403);
        as("bob")
                .body(Map.of("name", "too-much", "role", "tenant-admin"))
                .post("/api/tenants/acme/tokens")
                .then()
                .statusCode(403);
    }

    @Test
    void anExpiredTokenGets401() {
        String secret = secret(
                "bob",
                Map.of(
                        "name",
                        "short",
                        "expiresAt",
                        Instant.now().plusSeconds(2).toString()));
        withToken(secret).get("/api/tenants/acme/jobs").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> withToken(secret).get("/api/tenants/acme/jobs").statusCode() == 401);
    }

    @Test
    void anEventStreamOpenedWithATokenEndsWhenTheTokenExpires() {
        String secret = secret(
                "bob",
                Map.of(
                        "name",
                        "stream",
                        "expiresAt",
                        Instant.now().plusSeconds(3).toString()));

        try (SseClient stream = SseClient.withBearer(secret, "/tenants/acme/events")) {
            // Live first (a keep-alive comment each second in tests), then ended by the expiry.
            await().atMost(Duration.ofSeconds(3)).until(() -> stream.comments() >= 1);
            await().atMost(Duration.ofSeconds(15)).until(stream::ended);
        }
    }

    @Test
    void tokenEventsReachTheTenantAdminsStreamNotAViewersAndNameTheTokenActions() {
        try (SseClient admin = SseClient.open("alice", "/tenants/acme/events?types=token.*,job.*", null);
                SseClient viewer = SseClient.open("dave", "/tenants/acme/events?types=token.*,job.*", null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.comments() >= 1 && viewer.comments() >= 1);
            String secret = secret("bob", Map.of("name", "evented"));
            String job = withToken(secret)
                    .body(Api.pinnedJob("via-token", "true", 1, "nowhere"))
                    .post("/api/tenants/acme/jobs")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !admin.events("token.created").isEmpty()
                            && !admin.events("job.submitted").isEmpty()
                            && !viewer.events("job.submitted").isEmpty());
            assertThat(viewer.events())
                    .extracting(SseClient.SseEvent::name)
                    .as("a viewer does not see the tenant's token administration")
                    .doesNotContain("token.created");
            SseClient.SseEvent submitted = viewer.events("job.submitted").stream()
                    .filter(event -> job.equals(event.json().getString("subject")))
                    .findFirst()
                    .orElseThrow();
            assertThat(submitted.json().getString("data.actor.username")).isEqualTo("bob");
            assertThat(submitted.json().getString("data.actor.token"))
                    .as("the token it acted through")
                    .startsWith("tok_");
        }
    }

    @Test
    void aTenantAdminSeesAndRevokesEveryonesTokensOthersOnlyTheirOwn() {
        Response created = as("bob").body(Map.of("name", "bobs")).post("/api/tenants/acme/tokens");
        String id = created.jsonPath().getString("token.id");

        assertThat(as("dave").get("/api/tenants/acme/tokens").jsonPath().getList("items.id"))
                .doesNotContain(id);
        as("dave").delete("/api/tenants/acme/tokens/" + id).then().statusCode(404);
        as("carol").get("/api/tenants/acme/tokens").then().statusCode(404);
        assertThat(as("alice").get("/api/tenants/acme/tokens").jsonPath().getList("items.id"))
                .contains(id);
        as("alice").delete("/api/tenants/acme/tokens/" + id).then().statusCode(204);
        withToken(created.jsonPath().getString("secret"))
                .get("/api/tenants/acme/jobs")
                .then()
                .statusCode(401);
    }

    @Test
    void aBadNameOrExpiryIsRefusedWithTheField() {
        Response past = as("bob")
                .body(Map.of("name", "x", "expiresAt", "2020-01-01T00:00:00Z"))
                .post("/api/tenants/acme/tokens");
        past.then().statusCode(400);
        assertThat(past.jsonPath().getList("errors.field")).containsExactly("expiresAt");
        Response name = as("bob").body(Map.of("name", "<script>")).post("/api/tenants/acme/tokens");
        name.then().statusCode(400);
        assertThat(name.jsonPath().getList("errors.field")).containsExactly("name");
        withToken("atr_not-a-real-token").get("/api/tenants/acme/jobs").then().statusCode(401);
        Response cursor = as("bob").queryParam("cursor", "AA").get("/api/tenants/acme/tokens");
        cursor.then().statusCode(400);
        assertThat(cursor.jsonPath().getList("errors.field")).containsExactly("cursor");
        Response blank = as("bob").body(Map.of("name", "   ")).post("/api/tenants/acme/tokens");
        blank.then().statusCode(400);
        assertThat(blank.jsonPath().getList("errors.field")).containsExactly("name");
    }

    /** "hashed" when the row keeps the secret's SHA-256 and nowhere the secret itself. */
    private String stored(String id, String secret) {
        var row = pool.preparedQuery("select secret_hash = sha256(convert_to($2, 'UTF8')) as hashed,"
                        + " row_to_json(t)::text as everything from api_token t where id = $1")
                .execute(Tuple.of(id, secret))
                .await()
                .indefinitely()
                .iterator()
                .next();
        return row.getBoolean("hashed") && !row.getString("everything").contains(secret.substring(4))
                ? "hashed"
                : "kept as " + row.getString("everything");
    }

    private static String secret(String user, Map<String, Object> request) {
        return as(user).body(request)
                .post("/api/tenants/acme/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
    }

    private static RequestSpecification withToken(String secret) {
        return given().auth().oauth2(secret).contentType(ContentType.JSON);
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.accessToken(user)).contentType(ContentType.JSON);
    }
}
