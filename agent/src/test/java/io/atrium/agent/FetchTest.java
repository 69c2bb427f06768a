package io.atrium.agent;

import static io.atrium.agent.RunnerHarness.on;
import static io.atrium.agent.RunnerHarness.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.atrium.agent.containerizer.Containerizer;
import io.atrium.agent.containerizer.Fetcher;
import io.atrium.protocol.agent.FetchUri;
import io.atrium.protocol.agent.TaskInfo;
import io.atrium.protocol.agent.TaskState;
import io.atrium.protocol.agent.TaskStatus;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tasks whose files come from a real HTTP server and from the agent's disk. */
class FetchTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path work;

    @TempDir
    Path files;

    private RunnerHarness harness;
    private ScheduledExecutorService loop;
    private Containerizer containerizer;
    private TaskRunner runner;
    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        harness = new RunnerHarness(work);
        harness.localFetchRoots = List.of(files);
        loop = harness.newLoop();
        containerizer = Containerizer.create(Containerizer.Settings.defaults(work));
        runner = harness.runner(loop, containerizer, Duration.ofSeconds(1));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = served.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.stop(0);
        harness.close();
        containerizer.recover(java.util.Set.of());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private TaskStatus runToEnd(TaskInfo task) {
        on(loop, runner, r -> r.launch(task));
        await().atMost(PATIENCE)
                .until(() -> harness.states(task.getTaskId()).stream().anyMatch(TaskRunner.TERMINAL::contains));
        return harness.last(task.getTaskId());
    }

    private String sandboxFile(String task, String name) throws Exception {
        return Files.readString(harness.sandbox(task).resolve(name));
    }

    @Test
    void aTarGzOverHttpIsFetchedUnpackedAndUsedByTheCommand() throws Exception {
        Path app = Files.createDirectories(files.resolve("app"));
        Files.writeString(app.resolve("hello.sh"), "echo hi from the archive\n");
        Process tar = new ProcessBuilder(
                        "tar", "-czf", files.resolve("app.tar.gz").toString(), "-C", app.toString(), "hello.sh")
                .inheritIO()
                .start();
        assertThat(tar.waitFor()).isZero();
        served.put("/app.tar.gz", Files.readAllBytes(files.resolve("app.tar.gz")));

        TaskStatus end = runToEnd(
                task("unpacked", "sh hello.sh").withUris(List.of(new FetchUri().withValue(url("/app.tar.gz")))));

        assertThat(end.getState()).as(end.getMessage()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(sandboxFile("unpacked", "stdout")).isEqualTo("hi from the archive\n");
        assertThat(sandboxFile("unpacked", "stderr"))
                .contains("atrium-fetcher: fetched " + url("/app.tar.gz"))
                .contains("atrium-fetcher: extracted app.tar.gz");
    }

    @Test
    void aMissingFileFailsTheTaskWithTheFetchReasonBeforeItRuns() throws Exception {
        TaskStatus end =
                runToEnd(task("missing", "echo never").withUris(List.of(new FetchUri().withValue(url("/nope.tgz")))));

        assertThat(end.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(end.getReason()).isEqualTo("REASON_FETCH_FAILED");
        assertThat(end.getMessage()).isEqualTo("Fetch failed: GET " + url("/nope.tgz") + " answered HTTP 404");
        assertThat(harness.states("missing")).doesNotContain(TaskState.TASK_RUNNING);
        assertThat(sandboxFile("missing", "stderr")).contains("answered HTTP 404");
    }

    @Test
    void aCachedFileIsDownloadedOnceAndMadeExecutable() throws Exception {
        served.put("/tool", "#!/bin/sh\necho tool ran\n".getBytes(StandardCharsets.UTF_8));
        FetchUri tool = new FetchUri().withValue(url("/tool")).withCache(true).withExecutable(true);

        TaskStatus first = runToEnd(task("first", "./tool").withUris(List.of(tool)));
        TaskStatus second = runToEnd(task("second", "./tool").withUris(List.of(tool)));

        assertThat(List.of(first.getState(), second.getState()))
                .containsExactly(TaskState.TASK_FINISHED, TaskState.TASK_FINISHED);
        assertThat(sandboxFile("second", "stdout")).isEqualTo("tool ran\n");
        assertThat(sandboxFile("second", "stderr")).contains("from the cache");
        assertThat(requests.get("/tool")).hasValue(1);
    }

    @Test
    void aLocalFileIsCopiedUnderItsOutputName() throws Exception {
        Path data = Files.writeString(files.resolve("input.txt"), "42\n");

        TaskStatus end = runToEnd(task("local", "cat answer")
                .withUris(List.of(new FetchUri().withValue(data.toString()).withOutputFile("answer"))));

        assertThat(end.getState()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(sandboxFile("local", "stdout")).isEqualTo("42\n");
    }

    @Test
    void localFilesComeOnlyFromTheAllowedDirectoriesAndArchivesCannotReplaceTheLogs() throws Exception {
        TaskStatus secret = runToEnd(task("secret", "cat e")
                .withUris(List.of(new FetchUri().withValue("/proc/self/environ").withOutputFile("e"))));
        assertThat(secret.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(secret.getReason()).isEqualTo("REASON_FETCH_FAILED");
        assertThat(secret.getMessage()).contains("is not in a directory local files may be fetched from");

        // An archive whose stdout is a link to a file of the agent's host.
        Path app = Files.createDirectories(files.resolve("evil"));
        Files.createSymbolicLink(app.resolve("stdout"), files.resolve("victim"));
        Files.writeString(files.resolve("victim"), "untouched\n");
        Process tar = new ProcessBuilder(
                        "tar", "-czf", files.resolve("evil.tgz").toString(), "-C", app.toString(), "stdout")
                .inheritIO()
                .start();
        assertThat(tar.waitFor()).isZero();
        TaskStatus evil = runToEnd(task("evil", "echo pwned")
                .withUris(List.of(
                        new FetchUri().withValue(files.resolve("evil.tgz").toString()))));

        assertThat(evil.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(Files.readString(files.resolve("victim"))).isEqualTo("untouched\n");
    }

    @Test
    void theFetcherRefusesFilesOverItsLimitAndZipsThatClimbOutOfTheSandbox() throws Exception {
        Path sandbox = Files.createDirectories(files.resolve("sandbox"));
        Fetcher small = new Fetcher(files.resolve("cache"), 10, List.of(files));
        Path big = Files.writeString(files.resolve("big.txt"), "more than ten bytes\n");

        assertThatThrownBy(() -> small.fetch(List.of(new FetchUri().withValue(big.toString())), sandbox))
                .hasMessage(big + " is larger than the fetch limit of 0 MiB (ATRIUM_AGENT_FETCH_MAX_MB)");
        assertThat(sandbox.resolve("big.txt")).doesNotExist();

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("../escaped"));
            out.write(1);
            out.closeEntry();
        }
        Path evil = Files.write(files.resolve("evil.zip"), zip.toByteArray());
        Fetcher fetcher = new Fetcher(files.resolve("cache"), 1 << 20, List.of(files));
        assertThatThrownBy(() -> fetcher.fetch(List.of(new FetchUri().withValue(evil.toString())), sandbox))
                .hasMessageContaining("would land outside the sandbox");
        assertThat(files.resolve("escaped")).doesNotExist();
    }
}
