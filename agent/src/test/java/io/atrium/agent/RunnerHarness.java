package io.atrium.agent;

import io.atrium.agent.containerizer.Containerizer;
import io.atrium.agent.containerizer.Fetcher;
import io.atrium.protocol.agent.TaskInfo;
import io.atrium.protocol.agent.TaskState;
import io.atrium.protocol.agent.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A {@link TaskRunner} on a real work dir whose master acknowledges every update at once;
 * records what was reported. Close it to stop its loop.
 */
final class RunnerHarness implements AutoCloseable {

    final Path work;
    final List<TaskStatus> reported = new CopyOnWriteArrayList<>();
    /** Where runners made from now on may fetch local files from (none, as on an agent by default). */
    List<Path> localFetchRoots = List.of();

    private final List<ScheduledExecutorService> loops = new CopyOnWriteArrayList<>();

    RunnerHarness(Path work) throws IOException {
        this.work = work;
        // The task user must be able to reach its sandbox (JUnit makes temp dirs 0700).
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    ScheduledExecutorService newLoop() {
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        loops.add(loop);
        return loop;
    }

    /** A runner on its own loop, as one run of the agent. */
    TaskRunner runner(ScheduledExecutorService loop, Containerizer containerizer, Duration grace) {
        Checkpoints checkpoints = new Checkpoints(work);
        StatusUpdates[] updates = new StatusUpdates[1];
        updates[0] = new StatusUpdates(checkpoints, Clock.systemUTC(), Duration.ofSeconds(10), call -> {
            TaskStatus status = call.getUpdate();
            reported.add(status);
            loop.execute(() -> updates[0].acknowledged(status.getTaskId(), status.getUuid()));
            return true;
        });
        TaskRunner runner = new TaskRunner(
                checkpoints,
                containerizer,
                new Fetcher(work.resolve("fetch-cache"), 64L << 20, localFetchRoots),
                new LogRotator(1024 * 1024, 2),
                updates[0],
                loop,
                Clock.systemUTC(),
                grace);
        loop.execute(runner::startWatching);
        return runner;
    }

    static void on(ScheduledExecutorService loop, TaskRunner runner, Consumer<TaskRunner> action) {
        loop.execute(() -> action.accept(runner));
    }

    static TaskInfo task(String id, String command) {
        return new TaskInfo()
                .withTaskId(id)
                .withFrameworkId("fw")
                .withName(id)
                .withCommand(command)
                .withResources("cpus:0.1;mem:32")
                .withEnvironment(Map.of("GREETING", "hello"));
    }

    List<TaskState> states(String task) {
        return reported.stream()
                .filter(s -> s.getTaskId().equals(task))
                .map(TaskStatus::getState)
                .distinct()
                .toList();
    }

    TaskStatus last(String task) {
        return reported.stream()
                .filter(s -> s.getTaskId().equals(task))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    Path sandbox(String task) throws IOException {
        try (Stream<Path> runs = Files.list(work.resolve("sandboxes/fw/" + task))) {
            return runs.findFirst().orElseThrow();
        }
    }

    /**
     * Stops the loops, then every process the test started (supervisors included, so none is
     * left writing into the work dir while JUnit deletes it).
     */
    @Override
    public void close() throws InterruptedException {
        for (ScheduledExecutorService loop : loops) {
            loop.shutdownNow();
            loop.awaitTermination(5, TimeUnit.SECONDS);
        }
        List<ProcessHandle> started = ProcessHandle.current().descendants().toList();
        started.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : started) {
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("process " + process.pid() + " outlived the test", e);
            }
        }
    }
}
