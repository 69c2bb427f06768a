package io.atrium.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each caller gets its own share of the API: past it, 429 with Retry-After; others go on. */
@QuarkusTest
class RateLimitTest {

    @Test
    void aCallerMakingTooManyRequestsIsToldToWaitWhileOthersAreServed() throws Exception {
        String carol = Tokens.accessToken("carol");
        String apiToken = given().auth()
                .oauth2(carol)
                .contentType("application/json")
                .body(java.util.Map.of("name", "own-bucket"))
                .post("/api/tenants/globex/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
        // Twelve at a time, so that the burst outruns the refill even on a busy machine.
        List<Response> answers = new ArrayList<>();
        try (var callers = java.util.concurrent.Executors.newFixedThreadPool(12)) {
            List<java.util.concurrent.Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                calls.add(callers.submit(() -> given().auth().oauth2(carol).get("/api/me")));
            }
            for (var call : calls) {
                answers.add(call.get());
            }
        }

        List<Response> limited =
                answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(limited)
                .as("some of 300 requests in a row are over the limit")
                .isNotEmpty();
        assertThat(answers.stream().filter(r -> r.statusCode() == 200).count())
                .as("the burst was served")
                .isGreaterThanOrEqualTo(100);
        Response first = limited.getFirst();
        assertThat(first.contentType()).startsWith("application/problem+json");
        assertThat(first.jsonPath().getString("type")).endsWith("/rate-limited");
        assertThat(Integer.parseInt(first.header("Retry-After"))).isBetween(1, 5);
        given().auth().oauth2(Tokens.accessToken("bob")).get("/api/me").then().statusCode(200);
        // Each Atrium API token has a bucket of its own: carol's token is served while she is limited.
        given().auth().oauth2(apiToken).get("/api/me").then().statusCode(200);

        // After waiting as told, carol is served again.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().auth().oauth2(carol).get("/api/me").statusCode() == 200);
    }
}
