package io.atrium.tasks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.atrium.testing.AgentProcess;
import io.atrium.testing.Api;
import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reading and following a task's output through the master, as its tenant and as others. */
@QuarkusTest
class TaskLogsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path FETCH_SOURCE = Path.of("target", "fetch-source").toAbsolutePath();
    private static AgentProcess agent;

    @BeforeAll
    static void startAgent() {
        agent = AgentProcess.start(
                "logs-1", "cpus:1;mem:512", Map.of("ATRIUM_AGENT_FETCH_LOCAL_DIRS", FETCH_SOURCE.toString()));
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    private static String runTask(String command) {
        String job = Api.jobOf("bob", "acme", Api.pinnedJob("logs", command, 1, "logs-1"));
        await().atMost(PATIENCE)
                .until(() -> !Api.job("bob", "acme", job).getList("tasks").isEmpty());
        return Api.job("bob", "acme", job).getString("tasks[0].id");
    }

    private static String finishedTask(String command) {
        String task = runTask(command);
        await().atMost(PATIENCE).until(() -> task("bob", task).path("state").equals("TASK_FINISHED"));
        return task;
    }

    private static Response task(String user, String task) {
        return given().auth().oauth2(Tokens.accessToken(user)).get("/api/tenants/acme/tasks/" + task);
    }

    private static Response logs(String user, String task, String query) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .get("/api/tenants/acme/tasks/" + task + "/logs?" + query);
    }

    @Test
    void theTenantReadsAFinishedTasksOutputByRange() {
        String task = finishedTask("echo one; echo two >&2; echo three");

        logs("bob", task, "stream=stdout")
                .then()
                .statusCode(200)
                .body("data", equalTo("one\nthree\n"))
                .body("offset", equalTo(0))
                .body("size", equalTo(10));
        logs("bob", task, "stream=stderr").then().statusCode(200).body("data", equalTo("two\n"));
        logs("alice", task, "offset=4&length=5").then().statusCode(200).body("data", equalTo("three"));
        logs("bob", task, "offset=-1&length=6")
                .then()
                .statusCode(200)
                .body("data", equalTo("three\n"))
                .body("offset", equalTo(4));
    }

    @Test
    void aJobsUrisAreFetchedIntoEachSandboxBeforeTheCommandRuns() throws Exception {
        Path source = Files.createDirectories(FETCH_SOURCE);
        Files.setPosixFilePermissions(source, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path greeting = Files.writeString(source.resolve("greeting.txt"), "hello from a uri\n");
        Map<String, Object> job = new HashMap<>(Api.pinnedJob("fetching", "cat hello", 1, "logs-1"));
        job.put("uris", List.of(Map.of("value", greeting.toString(), "outputFile", "hello")));
        String jobId = Api.jobOf("bob", "acme", job);
        await().atMost(PATIENCE)
                .until(() -> Api.job("bob", "acme", jobId).getString("state").equals("FINISHED"));
        String task = Api.job("bob", "acme", jobId).getString("tasks[0].id");

        logs("bob", task, "stream=stdout").then().statusCode(200).body("data", equalTo("hello from a uri\n"));
    }

    @Test
    void aJobAskingToRunAsRootFailsOnAnAgentThatDoesNotAllowIt() {
        Map<String, Object> job = new HashMap<>(Api.pinnedJob("rooted", "id -u", 1, "logs-1"));
        job.put("user", "root");
        String jobId = Api.jobOf("bob", "acme", job);

        await().atMost(PATIENCE)
                .until(() -> Api.job("bob", "acme", jobId).getString("state").equals("FAILED"));
        String task = Api.job("bob", "acme", jobId).getString("tasks[0].id");
        if (agent.log().contains("linux isolation")) {
            task("bob", task)
                    .then()
                    .body("states[-1].reason", equalTo("REASON_CONTAINER_LAUNCH_FAILED"))
                    .body(
                            "states[-1].message",
                            equalTo("Tasks of framework atrium-jobs may not run as root on this agent"
                                    + " (see ATRIUM_AGENT_ROOT_FRAMEWORKS)"));
        }
    }

    @Test
    void anotherTenantCannotSeeTheTaskOrItsLogs() {
        String task = finishedTask("echo secret");

        given().auth()
                .oauth2(Tokens.accessToken("carol"))
                .get("/api/tenants/globex/tasks/" + task)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.accessToken("carol"))
                .get("/api/tenants/globex/tasks/" + task + "/logs")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        task("carol", task).then().statusCode(404);
        logs("carol", task, "stream=stdout").then().statusCode(404);
        task("bob", task).then().statusCode(200).body("id", equalTo(task));
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        String task = finishedTask("true");

        logs("bob", task, "stream=stdin").then().statusCode(400).body("errors[0].field", equalTo("stream"));
        logs("bob", task, "length=131073").then().statusCode(400).body("errors[0].field", equalTo("length"));
        logs("bob", "no-such-task", "stream=stdout").then().statusCode(404);
    }

    @Test
    @Timeout(60)
    void followingDeliversEachLineWhileTheTaskRunsAndResumesAfterTheLastEventId() throws Exception {
        // The task writes a line, then waits for the test to say it saw it: only a live follow passes.
        String task = runTask("for i in 1 2 3; do echo line$i; while [ ! -e seen$i ]; do sleep 0.05; done; done");
        List<String[]> events = new ArrayList<>();
        try (BufferedReader stream = follow(task, null)) {
            for (int i = 1; i <= 3; i++) {
                String[] event = nextEvent(stream);
                events.add(event);
                Files.createFile(sandbox(task).resolve("seen" + i));
            }
            assertThat(nextEvent(stream)).as("the stream ends with the task").isNull();
        }
        assertThat(events).extracting(e -> e[1]).containsExactly("line1", "line2", "line3");
        assertThat(events).extracting(e -> e[0]).containsExactly("6", "12", "18");

        try (BufferedReader resumed = follow(task, "6")) {
            assertThat(nextEvent(resumed)).containsExactly("12", "line2");
            assertThat(nextEvent(resumed)).containsExactly("18", "line3");
            assertThat(nextEvent(resumed)).isNull();
        }
    }

    private static Path sandbox(String task) throws Exception {
        Path runs = agent.workDir().resolve("sandboxes").resolve("atrium-jobs").resolve(task);
        try (Stream<Path> list = Files.list(runs)) {
            return list.findFirst().orElseThrow();
        }
    }

    private static BufferedReader follow(String task, String lastEventId) throws Exception {
        String base = ConfigProvider.getConfig().getValue("test.url", String.class);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(base + "/api/tenants/acme/tasks/" + task + "/logs"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + Tokens.accessToken("bob"));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<java.io.InputStream> response =
                HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    /** The next SSE event as {id, data}, or null when the stream ended. */
    private static String[] nextEvent(BufferedReader stream) throws Exception {
        String id = null;
        String data = null;
        for (String line = stream.readLine(); line != null; line = stream.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new String[] {id, data};
                }
                continue;
            }
            if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:")) {
                data = line.substring(5).strip();
            }
        }
        return null;
    }
}
