package io.atrium.tenancy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.testing.AgentProcess;
import io.atrium.testing.Api;
import io.atrium.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The role matrix: every operation of the OpenAPI document, called as every kind of caller,
 * answers exactly the status the policy says. The operations come from the running master's
 * own OpenAPI, so a new endpoint without a row here fails the test until its policy is written
 * down. Callers: nobody (no token), carol (member of another tenant only), and in the tenant
 * under test dave (viewer), bob (developer), alice (tenant-admin); admin (platform-admin).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest {

    private static final List<String> CALLERS = List.of("nobody", "carol", "dave", "bob", "alice", "admin");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** One HTTP request to make. */
    private record Call(String method, String path, Object body, Map<String, String> headers, boolean stream) {}

    /** An operation's row: the status for each caller, and how to call it as one. */
    private record Row(Map<String, Integer> expected, Function<String, Call> call) {}

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> tokens = new HashMap<>();
    private final String tenant = "rm-" + UUID.randomUUID().toString().substring(0, 8);
    private AgentProcess agent;
    private String agentId;
    private String job;
    private String task;

    /** A tenant of its own, with acme's people in the same roles, a running task and an agent. */
    private void aTenantWithPeopleAndWork() {
        admin().body(Map.of("name", tenant, "displayName", "Matrix"))
                .post("/api/admin/tenants")
                .then()
                .statusCode(201);
        for (String[] member :
                List.of(new String[] {"alice", "tenant-admin"}, new String[] {"bob", "developer"}, new String[] {
                    "dave", "viewer"
                })) {
            admin().body(Map.of("user", member[0], "role", member[1]))
                    .post("/api/tenants/" + tenant + "/members")
                    .then()
                    .statusCode(201);
        }
        agent = AgentProcess.start(tenant + "-agent", "cpus:2;mem:1024");
        await().atMost(PATIENCE).until(() -> Api.agent(tenant + "-agent") != null);
        agentId = (String) Api.agent(tenant + "-agent").get("id");
        job = Api.jobOf("bob", tenant, Api.pinnedJob("matrix", "sleep 600", 1, tenant + "-agent"));
        await().atMost(PATIENCE)
                .until(() -> "TASK_RUNNING".equals(Api.job("bob", tenant, job).getString("tasks[0].state")));
        task = Api.job("bob", tenant, job).getString("tasks[0].id");
    }

    @AfterAll
    void stopTheAgent() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void everyOperationAnswersEachCallerAsThePolicySays() {
        aTenantWithPeopleAndWork();
        Map<String, Row> rows = rows();
        Set<String> operations = operations();
        assertThat(new TreeSet<>(rows.keySet()))
                .as("rows of the matrix = operations of the OpenAPI document")
                .isEqualTo(operations);

        List<String> wrong = new ArrayList<>();
        for (String operation : operations) {
            Row row = rows.get(operation);
            for (String caller : CALLERS) {
                Call call = row.call().apply(caller);
                int status = status(caller, call);
                int expected = row.expected().get(caller);
                if (status != expected) {
                    wrong.add(operation + " as " + caller + " (" + call.path() + "): " + status + ", expected "
                            + expected);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The policy, one row per operation. */
    private Map<String, Row> rows() {
        String t = "/api/tenants/" + tenant;
        Map<String, Row> rows = new LinkedHashMap<>();
        rows.put("GET /api", row(everyone(200, 200), caller -> get("/api")));
        rows.put("GET /api/me", row(everyone(401, 200), caller -> get("/api/me")));
        rows.put("GET /api/cluster", row(everyone(401, 200), caller -> get("/api/cluster")));

        rows.put("GET /api/tenants/{tenant}/jobs", row(members(READ, 200), caller -> get(t + "/jobs")));
        rows.put(
                "POST /api/tenants/{tenant}/jobs",
                row(
                        members(WRITE, 201),
                        caller -> post(t + "/jobs", Api.pinnedJob("m-" + caller, "true", 1, "nowhere"))));
        rows.put("GET /api/tenants/{tenant}/jobs/{id}", row(members(READ, 200), caller -> get(t + "/jobs/" + job)));
        rows.put(
                "POST /api/tenants/{tenant}/jobs/{id}/kill",
                row(
                        members(WRITE, 200),
                        caller -> post(
                                t + "/jobs/" + Api.jobOf("bob", tenant, Api.pinnedJob("to-kill", "true", 1, "nowhere"))
                                        + "/kill",
                                null)));
        rows.put(
                "POST /api/tenants/{tenant}/jobs/{id}/rerun",
                row(members(WRITE, 201), caller -> post(t + "/jobs/" + job + "/rerun", null)));
        rows.put("GET /api/tenants/{tenant}/tasks", row(members(READ, 200), caller -> get(t + "/tasks")));
        rows.put("GET /api/tenants/{tenant}/tasks/{id}", row(members(READ, 200), caller -> get(t + "/tasks/" + task)));
        rows.put(
                "POST /api/tenants/{tenant}/tasks/{id}/kill",
                row(
                        members(WRITE, 202),
                        caller -> post(
                                t + "/tasks/"
                                        + (WRITE.contains(caller) || caller.equals("admin") ? runningTask() : task)
                                        + "/kill",
                                null)));
        rows.put(
                "GET /api/tenants/{tenant}/tasks/{id}/logs",
                row(members(READ, 200), caller -> get(t + "/tasks/" + task + "/logs")));
        rows.put(
                "GET /api/tenants/{tenant}/tasks/{id}/files",
                row(members(READ, 200), caller -> get(t + "/tasks/" + task + "/files")));
        rows.put(
                "GET /api/tenants/{tenant}/tasks/{id}/files/read",
                row(members(READ, 200), caller -> get(t + "/tasks/" + task + "/files/read?path=stdout")));
        rows.put(
                "GET /api/tenants/{tenant}/tasks/{id}/files/download",
                row(
                        members(READ, 200),
                        caller -> new Call(
                                "GET",
                                t + "/tasks/" + task + "/files/download?path=stdout",
                                null,
                                Map.of("Accept", "application/octet-stream"),
                                false)));
        rows.put("GET /api/tenants/{tenant}/events", row(members(READ, 200), caller -> stream(t + "/events")));
        rows.put(
                "GET /api/tenants/{tenant}/events/offer-rates",
                row(members(READ, 200), caller -> stream(t + "/events/offer-rates")));
        rows.put("GET /api/tenants/{tenant}/usage", row(members(READ, 200), caller -> get(t + "/usage")));
        rows.put("GET /api/tenants/{tenant}/quota", row(members(READ, 200), caller -> get(t + "/quota")));

        rows.put("GET /api/tenants/{tenant}/members", row(members(ADMIN, 200), caller -> get(t + "/members")));
        rows.put("POST /api/tenants/{tenant}/members", row(members(ADMIN, 201), caller -> {
            removeMember("admin");
            return post(t + "/members", Map.of("user", "admin", "role", "viewer"));
        }));
        rows.put(
                "GET /api/tenants/{tenant}/members/{subject}",
                row(members(ADMIN, 200), caller -> get(t + "/members/" + subject("bob"))));
        rows.put("PUT /api/tenants/{tenant}/members/{subject}/role", row(members(ADMIN, 200), caller -> {
            String member = t + "/members/" + subject("bob");
            return new Call("PUT", member + "/role", Map.of("role", "developer"), ifMatch(member), false);
        }));
        rows.put("DELETE /api/tenants/{tenant}/members/{subject}", row(members(ADMIN, 204), caller -> {
            String member = t + "/members/" + addMember("admin");
            return new Call("DELETE", member, null, ifMatch(member), false);
        }));

        rows.put("GET /api/tenants/{tenant}/tokens", row(members(READ, 200), caller -> get(t + "/tokens")));
        rows.put("POST /api/tenants/{tenant}/tokens", row(membersOnly(READ, 201), caller -> {
            removeMember("admin"); // the member rows may have left the platform admin a member
            return post(t + "/tokens", Map.of("name", "matrix", "role", "viewer"));
        }));
        rows.put(
                "DELETE /api/tenants/{tenant}/tokens/{id}",
                row(
                        members(READ, 204),
                        caller -> new Call("DELETE", t + "/tokens/" + tokenOf(caller), null, Map.of(), false)));

        rows.put("GET /api/admin/events", row(admins(200), caller -> stream("/api/admin/events")));
        rows.put(
                "GET /api/admin/events/offer-rates",
                row(admins(200), caller -> stream("/api/admin/events/offer-rates")));
        rows.put("GET /api/admin/agents", row(admins(200), caller -> get("/api/admin/agents")));
        rows.put("GET /api/admin/agents/{id}", row(admins(200), caller -> get("/api/admin/agents/" + agentId)));
        rows.put(
                "GET /api/admin/agents/{id}/tasks",
                row(admins(200), caller -> get("/api/admin/agents/" + agentId + "/tasks")));
        rows.put(
                "POST /api/admin/agents/{id}/drain",
                row(admins(200), caller -> post("/api/admin/agents/" + agentId + "/drain?deadlineSeconds=600", null)));
        rows.put(
                "POST /api/admin/agents/{id}/undrain",
                row(admins(200), caller -> post("/api/admin/agents/" + agentId + "/undrain", null)));
        String role = "/api/admin/roles/" + tenant + "-role";
        rows.put("GET /api/admin/roles/{role}", row(admins(200), caller -> get(role)));
        rows.put(
                "PUT /api/admin/roles/{role}/quota",
                row(
                        admins(200),
                        caller -> new Call(
                                "PUT", role + "/quota", Map.of("limits", Map.of("cpus", 4)), ifMatch(role), false)));
        rows.put(
                "PUT /api/admin/roles/{role}/weight",
                row(
                        admins(200),
                        caller -> new Call("PUT", role + "/weight", Map.of("weight", 2), ifMatch(role), false)));
        rows.put("GET /api/admin/tenants", row(admins(200), caller -> get("/api/admin/tenants")));
        rows.put(
                "POST /api/admin/tenants",
                row(
                        admins(201),
                        caller -> post(
                                "/api/admin/tenants",
                                Map.of(
                                        "name",
                                        "rm-" + UUID.randomUUID().toString().substring(0, 8),
                                        "displayName",
                                        "New"))));
        rows.put("GET /api/admin/tenants/{tenant}", row(admins(200), caller -> get("/api/admin/tenants/" + tenant)));
        rows.put("PATCH /api/admin/tenants/{tenant}", row(admins(200), caller -> {
            String path = "/api/admin/tenants/" + tenant;
            return new Call("PATCH", path, Map.of("displayName", "Matrix " + caller), ifMatch(path), false);
        }));
        rows.put("DELETE /api/admin/tenants/{tenant}", row(admins(204), caller -> {
            String doomed = "rm-" + UUID.randomUUID().toString().substring(0, 8);
            admin().body(Map.of("name", doomed, "displayName", "Doomed")).post("/api/admin/tenants");
            return new Call("DELETE", "/api/admin/tenants/" + doomed, null, Map.of(), false);
        }));
        rows.put("GET /api/admin/audit", row(admins(200), caller -> get("/api/admin/audit")));
        return rows;
    }

    private static final Set<String> READ = Set.of("dave", "bob", "alice");
    private static final Set<String> WRITE = Set.of("bob", "alice");
    private static final Set<String> ADMIN = Set.of("alice");

    /** A tenant operation: members in {@code allowed} and platform admins succeed; other members 403; outsiders 404. */
    private static Map<String, Integer> members(Set<String> allowed, int success) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("nobody", 401);
        expected.put("carol", 404);
        for (String member : List.of("dave", "bob", "alice")) {
            expected.put(member, allowed.contains(member) ? success : 403);
        }
        expected.put("admin", success);
        return expected;
    }

    /** As {@link #members}, but platform admins who are not members get 403 (API tokens act for members). */
    private static Map<String, Integer> membersOnly(Set<String> allowed, int success) {
        Map<String, Integer> expected = members(allowed, success);
        expected.put("admin", 403);
        return expected;
    }

    private static Map<String, Integer> admins(int success) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("nobody", 401);
        for (String person : List.of("carol", "dave", "bob", "alice")) {
            expected.put(person, 403);
        }
        expected.put("admin", success);
        return expected;
    }

    private static Map<String, Integer> everyone(int anonymous, int success) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        CALLERS.forEach(caller -> expected.put(caller, caller.equals("nobody") ? anonymous : success));
        return expected;
    }

    private static Row row(Map<String, Integer> expected, Function<String, Call> call) {
        return new Row(expected, call);
    }

    /** "METHOD path" of every operation in the master's OpenAPI document. */
    private Set<String> operations() {
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, methods) -> methods.keySet().stream()
                .filter(method ->
                        Set.of("get", "post", "put", "patch", "delete").contains(method))
                .forEach(method -> operations.add(method.toUpperCase() + " " + path)));
        return operations;
    }

    /** The status of {@code call} made as {@code caller}; streams are closed once their status is known. */
    private int status(String caller, Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(base.toString().replaceAll("/$", "") + call.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", call.stream() ? "text/event-stream" : "application/json");
        if (!caller.equals("nobody")) {
            request.header("Authorization", "Bearer " + tokens.computeIfAbsent(caller, Tokens::accessToken));
        }
        call.headers().forEach(request::header);
        if (call.body() != null) {
            request.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(json(call.body())));
        } else {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A task of the tenant's that runs now, started for the caller to kill. */
    private String runningTask() {
        String started = Api.jobOf("bob", tenant, Api.pinnedJob("victim", "sleep 600", 1, tenant + "-agent"));
        await().atMost(PATIENCE).until(() -> "TASK_RUNNING"
                .equals(Api.job("bob", tenant, started).getString("tasks[0].state")));
        return Api.job("bob", tenant, started).getString("tasks[0].id");
    }

    private static Call get(String path) {
        return new Call("GET", path, null, Map.of(), false);
    }

    private static Call stream(String path) {
        return new Call("GET", path, null, Map.of(), true);
    }

    private static Call post(String path, Object body) {
        return new Call("POST", path, body, Map.of(), false);
    }

    private static Map<String, String> ifMatch(String path) {
        return Map.of(
                "If-Match", admin().get(path).then().statusCode(200).extract().header("ETag"));
    }

    /** A token of {@code caller}'s to revoke (for those who cannot make one, one of bob's). */
    private String tokenOf(String caller) {
        String owner = READ.contains(caller) ? caller : "bob";
        return given().auth()
                .oauth2(Tokens.accessToken(owner))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "to-revoke"))
                .post("/api/tenants/" + tenant + "/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token.id");
    }

    private String subject(String username) {
        return admin().get("/api/tenants/" + tenant + "/members")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("items.find { it.username == '" + username + "' }.subject");
    }

    private String addMember(String username) {
        removeMember(username);
        return admin().body(Map.of("user", username, "role", "viewer"))
                .post("/api/tenants/" + tenant + "/members")
                .then()
                .statusCode(201)
                .extract()
                .path("subject");
    }

    private void removeMember(String username) {
        String subject = subject(username);
        if (subject != null) {
            String member = "/api/tenants/" + tenant + "/members/" + subject;
            admin().header("If-Match", ifMatch(member).get("If-Match"))
                    .delete(member)
                    .then()
                    .statusCode(204);
        }
    }

    private static String json(Object body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(Tokens.accessToken("admin")).contentType(ContentType.JSON);
    }
}
