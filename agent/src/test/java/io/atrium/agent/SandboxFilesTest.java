package io.atrium.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.protocol.agent.AgentCall;
import io.atrium.protocol.agent.FileEntry;
import io.atrium.protocol.agent.FileFault;
import io.atrium.protocol.agent.FileList;
import io.atrium.protocol.agent.ListFiles;
import io.atrium.protocol.agent.LogData;
import io.atrium.protocol.agent.ReadFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the agent serves from a sandbox and what it refuses, on real files and links. */
@Timeout(60)
class SandboxFilesTest {

    @TempDir
    Path workDir;

    @TempDir
    Path elsewhere;

    private final List<AgentCall> sent = new ArrayList<>();
    private SandboxFiles files;
    private Path sandbox;

    @BeforeEach
    void sandboxWithFilesAndLinks() throws Exception {
        Checkpoints checkpoints = new Checkpoints(workDir);
        sandbox = checkpoints.createSandbox("fw", "task-1", "run-1");
        Files.writeString(sandbox.resolve("stdout"), "one\ntwo\n");
        Files.writeString(sandbox.resolve("stderr"), "");
        Files.createDirectories(sandbox.resolve("out/deeper"));
        Files.writeString(sandbox.resolve("out/result.txt"), "42\n");
        Files.writeString(elsewhere.resolve("secret"), "not yours\n");
        Files.createSymbolicLink(sandbox.resolve("inside"), Path.of("out/result.txt"));
        Files.createSymbolicLink(sandbox.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(sandbox.resolve("secret"), elsewhere.resolve("secret"));
        Files.createSymbolicLink(sandbox.resolve("up"), Path.of("../../../.."));
        Files.createSymbolicLink(sandbox.resolve("out/climb"), Path.of("../../run-1/../.."));
        Files.createSymbolicLink(sandbox.resolve("outdir"), elsewhere);
        Files.createSymbolicLink(sandbox.resolve("dangling"), Path.of("/no/such/place"));
        assertThat(new ProcessBuilder("mkfifo", sandbox.resolve("pipe").toString())
                        .inheritIO()
                        .start()
                        .waitFor())
                .as("mkfifo")
                .isZero();
        this.checkpoints = checkpoints;
        // Answers in the test's thread, so each call's answer is the last one sent.
        files = new SandboxFiles(checkpoints, Runnable::run, sent::add);
    }

    private Checkpoints checkpoints;

    @Test
    @Timeout(30)
    void aReadStuckOnAPipeTakesOneSlotAndTheAgentGoesOnAnswering() throws Exception {
        OffLoop reads = new OffLoop(2);
        List<AgentCall> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        SandboxFiles offLoop = new SandboxFiles(checkpoints, reads, answers::add);
        java.util.concurrent.CountDownLatch opening = new java.util.concurrent.CountDownLatch(1);
        // What a task wins by swapping a pipe in after the agent's check: an open that blocks.
        Runnable stuck = () -> {
            opening.countDown();
            try (var pipe = Files.newInputStream(sandbox.resolve("pipe"))) {
                pipe.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        reads.execute(stuck);
        opening.await();

        offLoop.list(new ListFiles()
                .withRequestId("after")
                .withFrameworkId("fw")
                .withTaskId("task-1")
                .withPath(""));
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> answers.size() == 1);
        assertThat(answers.getFirst().getFileList().getEntries()).isNotEmpty();

        // With every slot taken (the listing's is free once it has answered), a request is
        // answered at once that the agent is busy.
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            try {
                reads.execute(stuck);
                return true;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return false;
            }
        });
        offLoop.read(new ReadFile()
                .withRequestId("busy")
                .withFrameworkId("fw")
                .withTaskId("task-1")
                .withPath("stdout")
                .withOffset(0L)
                .withLength(10L));
        assertThat(answers.getLast().getLogData().getFault()).isEqualTo(FileFault.UNREADABLE);
        assertThat(answers.getLast().getLogData().getError()).contains("busy");

        // The stuck readers end when something opens the pipe's other end and closes it.
        try (var writer = Files.newOutputStream(sandbox.resolve("pipe"))) {
            writer.write('x');
        }
    }

    private FileList list(String path) {
        files.list(new ListFiles()
                .withRequestId("r")
                .withFrameworkId("fw")
                .withTaskId("task-1")
                .withPath(path));
        return sent.getLast().getFileList();
    }

    private LogData read(String path, long offset, long length) {
        files.read(new ReadFile()
                .withRequestId("r")
                .withFrameworkId("fw")
                .withTaskId("task-1")
                .withPath(path)
                .withOffset(offset)
                .withLength(length));
        assertThat(sent.getLast().getType()).isEqualTo(AgentCall.Type.LOG_DATA);
        return sent.getLast().getLogData();
    }

    private static String text(LogData data) {
        return new String(Base64.getDecoder().decode(data.getData()), StandardCharsets.UTF_8);
    }

    @Test
    void listingTheSandboxShowsItsFilesDirectoriesAndLinksWithoutFollowingThem() {
        FileList listing = list("");

        assertThat(listing.getError()).isNull();
        assertThat(listing.getEntries())
                .extracting(FileEntry::getName)
                .containsExactlyInAnyOrder(
                        "stdout", "stderr", "out", "inside", "passwd", "secret", "up", "outdir", "dangling", "pipe");
        FileEntry stdout = entry(listing, "stdout");
        assertThat(stdout.getSize()).isEqualTo(8);
        assertThat(stdout.getDirectory()).isFalse();
        assertThat(entry(listing, "out").getDirectory()).isTrue();
        assertThat(entry(listing, "outdir").getSymlink()).isTrue();
        assertThat(entry(listing, "outdir").getDirectory())
                .as("a link is not followed")
                .isFalse();
    }

    @Test
    void aSubdirectoryIsListedByItsRelativePath() {
        assertThat(list("out").getEntries())
                .extracting(FileEntry::getName)
                .containsExactlyInAnyOrder("deeper", "result.txt", "climb");
        assertThat(list("out/").getEntries()).hasSize(3);
    }

    @Test
    void aFileIsReadByRangeAndFromItsEnd() {
        LogData whole = read("stdout", 0, 1024);
        assertThat(text(whole)).isEqualTo("one\ntwo\n");
        assertThat(whole.getSize()).isEqualTo(8);

        LogData tail = read("stdout", -1, 4);
        assertThat(text(tail)).isEqualTo("two\n");
        assertThat(tail.getOffset()).isEqualTo(4);

        assertThat(text(read("out/result.txt", 0, 1024))).isEqualTo("42\n");
        assertThat(text(read("stdout", 100, 10))).as("past the end is empty").isEmpty();
    }

    @Test
    void aLinkThatStaysInsideTheSandboxIsFollowed() {
        assertThat(text(read("inside", 0, 1024))).isEqualTo("42\n");
    }

    record Case(String name, String path, FileFault fault) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> refusals() {
        return Stream.of(
                new Case("a parent segment", "../task-1/run-1/stdout", FileFault.INVALID_PATH),
                new Case("a parent segment inside", "out/../../x", FileFault.INVALID_PATH),
                new Case("an absolute path", "/etc/passwd", FileFault.INVALID_PATH),
                new Case("an empty segment", "out//result.txt", FileFault.INVALID_PATH),
                new Case("a dot segment", "./stdout", FileFault.INVALID_PATH),
                new Case("a NUL character", "stdout\0", FileFault.INVALID_PATH),
                new Case("an absolute link out", "passwd", FileFault.INVALID_PATH),
                new Case("a link to a file elsewhere", "secret", FileFault.INVALID_PATH),
                new Case("a relative link climbing out", "up/etc/passwd", FileFault.INVALID_PATH),
                new Case("a link climbing out from a subdirectory", "out/climb", FileFault.INVALID_PATH),
                new Case("through a link to a directory elsewhere", "outdir/secret", FileFault.INVALID_PATH),
                new Case("a dangling link out", "dangling", FileFault.INVALID_PATH),
                new Case("a pipe", "pipe", FileFault.NOT_A_FILE),
                new Case("a directory", "out", FileFault.NOT_A_FILE),
                new Case("a missing file", "nothing-here", FileFault.NOT_FOUND),
                new Case("below a file", "stdout/x", FileFault.NOT_A_DIRECTORY));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void readingOutsideTheSandboxOrSomethingUnreadableIsRefused(Case given) {
        LogData answer = read(given.path(), 0, 1024);

        assertThat(answer.getFault()).isEqualTo(given.fault());
        assertThat(answer.getError()).isNotBlank();
        assertThat(answer.getData()).isEmpty();
    }

    @Test
    void listingThroughALinkOutOfTheSandboxIsRefused() {
        for (String path : List.of("outdir", "up", "../..", "/")) {
            FileList answer = list(path);
            assertThat(answer.getFault()).as(path).isEqualTo(FileFault.INVALID_PATH);
            assertThat(answer.getEntries()).as(path).isEmpty();
        }
        assertThat(list("stdout").getFault()).isEqualTo(FileFault.NOT_A_DIRECTORY);
    }

    @Test
    void aTaskWithoutASandboxHereIsNotFound() {
        files.list(new ListFiles()
                .withRequestId("r")
                .withFrameworkId("fw")
                .withTaskId("task-2")
                .withPath(""));

        assertThat(sent.getLast().getFileList().getFault()).isEqualTo(FileFault.NOT_FOUND);
    }

    private static FileEntry entry(FileList listing, String name) {
        return listing.getEntries().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
