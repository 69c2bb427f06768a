package io.atrium.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void readinessReportsPostgresKafkaAndKeycloakUp() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(
                        "checks.name",
                        hasItems(
                                "Database connections health check",
                                "Kafka connection health check",
                                "OIDC Provider Health Check"))
                .body("checks.findAll { it.status != 'UP' }.size()", equalTo(0));
    }

    @Test
    void openApiDescribesTheApi() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("info.title", equalTo("Atrium API"))
                .body("paths.'/api/me'.get.summary", equalTo("Who am I"));
    }

    @Test
    void anUnknownApiPathIsA404ProblemNotThePortal() {
        given().get("/api/no-such-thing")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://atrium.io/problems/not-found"))
                .body("instance", equalTo("/api/no-such-thing"));
    }

    @Test
    void theApiRootSaysWhereTheApiIsDescribed() {
        given().get("/api").then().statusCode(200).body("openapi", equalTo("/q/openapi"));
    }

    @Test
    void prometheusCanScrapeMetrics() {
        given().accept("text/plain; version=0.0.4")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"));
    }
}
