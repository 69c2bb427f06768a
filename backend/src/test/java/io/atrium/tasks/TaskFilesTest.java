package io.atrium.tasks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.atrium.testing.AgentProcess;
import io.atrium.testing.Api;
import io.atrium.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Listing, reading and downloading a task's sandbox through the master, and what is refused. */
@QuarkusTest
class TaskFilesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Writes output, a file in a directory, a file of several chunks, and links out of the sandbox. */
    private static final String COMMAND = "echo files of the task; mkdir -p out/deeper; echo 42 > out/result.txt;"
            + " seq 1 50000 > big.txt; ln -s /etc/passwd passwd; ln -s .. up; ln -s out/result.txt inside";

    private static AgentProcess agent;
    private static String task;

    @BeforeAll
    static void startAgent() {
        agent = AgentProcess.start("files-1", "cpus:1;mem:512");
    }

    /** The finished task the tests look at, run once (RestAssured knows the port only inside a test). */
    private static String task() {
        if (task == null) {
            String job = Api.jobOf("bob", "acme", Api.pinnedJob("files", COMMAND, 1, "files-1"));
            await().atMost(PATIENCE)
                    .until(() -> "FINISHED".equals(Api.job("bob", "acme", job).getString("state")));
            task = Api.job("bob", "acme", job).getString("tasks[0].id");
        }
        return task;
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    private static Response files(String user, String tenant, String what, String query) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .urlEncodingEnabled(false)
                .get("/api/tenants/" + tenant + "/tasks/" + task() + "/files" + what + "?" + query);
    }

    private static Response files(String what, String query) {
        return files("bob", "acme", what, query);
    }

    @Test
    void listingAFinishedTasksSandboxShowsItsOutputAndWhatTheCommandWrote() {
        Response root = files("", "path=");
        root.then()
                .statusCode(200)
                .body("path", equalTo(""))
                .body("truncated", equalTo(false))
                .body("entries.findAll { it.directory }.name", hasItems("out"))
                .body("entries.name", hasItems("stdout", "stderr", "big.txt", "passwd"))
                .body("entries.find { it.name == 'stdout' }.size", equalTo("files of the task\n".length()))
                .body("entries.find { it.name == 'passwd' }.symlink", equalTo(true));

        List<Boolean> directories = root.path("entries.directory");
        assertThat(directories).as("directories first").isSortedAccordingTo((a, b) -> Boolean.compare(b, a));
        List<String> fileNames = root.path("entries.findAll { !it.directory }.name");
        assertThat(fileNames).as("then files by name").isSorted();

        files("", "path=out")
                .then()
                .statusCode(200)
                .body("path", equalTo("out"))
                .body("entries.name", equalTo(List.of("deeper", "result.txt")))
                .body("entries.path", equalTo(List.of("out/deeper", "out/result.txt")))
                .body("entries[1].size", equalTo(3))
                .body("entries[1].modifiedAt", containsString("T"));
    }

    @Test
    void readingAndDownloadingAFileReturnsItsBytes() {
        files("/read", "path=out/result.txt")
                .then()
                .statusCode(200)
                .body("data", equalTo("42\n"))
                .body("size", equalTo(3));
        files("/read", "path=stdout&offset=-1&length=5").then().statusCode(200).body("data", equalTo("task\n"));
        files("/read", "path=inside").then().statusCode(200).body("data", equalTo("42\n"));

        Response small = files("/download", "path=out/result.txt");
        small.then().statusCode(200).contentType("application/octet-stream");
        assertThat(small.header("Content-Disposition")).startsWith("attachment; filename=\"result.txt\"");
        assertThat(small.asByteArray()).isEqualTo("42\n".getBytes(StandardCharsets.UTF_8));

        String numbers =
                IntStream.rangeClosed(1, 50000).mapToObj(Integer::toString).collect(Collectors.joining("\n")) + "\n";
        assertThat(numbers.length()).as("spans several agent reads").isGreaterThan(2 * TaskFiles.CHUNK);
        byte[] big = files("/download", "path=big.txt")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(new String(big, StandardCharsets.UTF_8)).isEqualTo(numbers);
    }

    @Test
    void pathsThatLeadOutOfTheSandboxAreRefusedNamingPath() {
        for (String what : List.of("", "/read", "/download")) {
            for (String path : List.of("..", "../../etc/passwd", "out/../..", "/etc/passwd", "%2Fetc%2Fpasswd")) {
                files(what, "path=" + path)
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body("errors[0].field", equalTo("path"));
            }
        }
        for (String what : List.of("/read", "/download")) {
            files(what, "path=passwd")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("path"))
                    .body("errors[0].reason", containsString("out of the sandbox"));
            files(what, "path=up/files-1/stdout").then().statusCode(400).body("errors[0].field", equalTo("path"));
        }
        files("", "path=up").then().statusCode(400).body("errors[0].reason", containsString("out of the sandbox"));
        files("/read", "path=out").then().statusCode(400).body("errors[0].field", equalTo("path"));
    }

    @Test
    void aMissingFileOrTaskIsNotFound() {
        files("/read", "path=nothing-here").then().statusCode(404).contentType("application/problem+json");
        files("/download", "path=nothing-here").then().statusCode(404).contentType("application/problem+json");
        files("", "path=nothing-here").then().statusCode(404);
        given().auth()
                .oauth2(Tokens.accessToken("bob"))
                .get("/api/tenants/acme/tasks/no-such-task/files")
                .then()
                .statusCode(404);
    }

    @Test
    void anotherTenantCannotListReadOrDownloadTheSandbox() {
        for (String what : List.of("", "/read", "/download")) {
            files("carol", "acme", what, "path=stdout").then().statusCode(404);
            files("carol", "globex", what, "path=stdout").then().statusCode(404);
        }
        files("alice", "acme", "/read", "path=stdout").then().statusCode(200);
    }

    @Test
    void aTaskWhoseAgentIsGoneAnswersUnavailable() {
        try (AgentProcess gone = AgentProcess.start("files-2", "cpus:1;mem:256")) {
            String job = Api.jobOf("bob", "acme", Api.pinnedJob("files-gone", "echo bye", 1, "files-2"));
            await().atMost(PATIENCE)
                    .until(() -> "FINISHED".equals(Api.job("bob", "acme", job).getString("state")));
            String finished = Api.job("bob", "acme", job).getString("tasks[0].id");
            gone.killAgentOnly();

            await().atMost(PATIENCE).untilAsserted(() -> given().auth()
                    .oauth2(Tokens.accessToken("bob"))
                    .get("/api/tenants/acme/tasks/" + finished + "/files")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .body("detail", containsString("not connected")));
        }
    }
}
