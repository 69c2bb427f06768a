package io.atrium.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/** The master's REST API as the demo users call it, with their real tokens. */
public final class Api {

    private Api() {}

    public static Response submitJob(String user, String tenant, Map<String, Object> job) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType(ContentType.JSON)
                .body(job)
                .post("/api/tenants/" + tenant + "/jobs");
    }

    /** Submits a job that must be accepted, and returns its id. */
    public static String jobOf(String user, String tenant, Map<String, Object> job) {
        return submitJob(user, tenant, job).then().statusCode(201).extract().path("id");
    }

    public static JsonPath job(String user, String tenant, String id) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .get("/api/tenants/" + tenant + "/jobs/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** A task of acme's as {@code user} sees it. */
    public static JsonPath task(String user, String id) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .get("/api/tenants/acme/tasks/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The admin's view of the agent registered under {@code hostname}, or null. */
    public static Map<String, Object> agent(String hostname) {
        List<Map<String, Object>> agents = given().auth()
                .oauth2(Tokens.accessToken("admin"))
                .get("/api/admin/agents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.hostname == '" + hostname + "' && it.state != 'GONE' }");
        if (agents.size() > 1) {
            throw new AssertionError("more than one live agent named " + hostname + ": " + agents);
        }
        return agents.isEmpty() ? null : agents.getFirst();
    }

    /**
     * Sets a role's {@code quota} or {@code weight} as the admin does: reads the role's version
     * (ETag) and changes it from there. Returns the response.
     */
    public static Response setRole(String role, String setting, Map<String, Object> body) {
        String version = roleVersion(role);
        return given().auth()
                .oauth2(Tokens.accessToken("admin"))
                .contentType(ContentType.JSON)
                .header("If-Match", version)
                .body(body)
                .put("/api/admin/roles/" + role + "/" + setting);
    }

    /** The version (ETag) of a role's settings, as the admin reads it. */
    public static String roleVersion(String role) {
        return given().auth()
                .oauth2(Tokens.accessToken("admin"))
                .get("/api/admin/roles/" + role)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }

    /** A job pinned to one agent, so tests sharing the master do not use each other's agents. */
    public static Map<String, Object> pinnedJob(String name, String command, int instances, String hostname) {
        return Map.of(
                "name", name,
                "command", command,
                "instances", instances,
                "resources", Map.of("cpus", 0.1, "mem", 32),
                "constraints", List.of(List.of("hostname", "LIKE", hostname)));
    }
}
