package io.atrium.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.protocol.agent.TaskInfo;
import io.atrium.protocol.agent.TaskState;
import io.atrium.protocol.agent.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes in real sandbox directories. */
class TaskRunnerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path work;

    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    private final List<TaskStatus> reported = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopLoop() throws InterruptedException {
        loop.shutdownNow();
        loop.awaitTermination(5, TimeUnit.SECONDS);
    }

    private TaskRunner runner() {
        return runner(loop);
    }

    private TaskRunner runner(ScheduledExecutorService loop) {
        Checkpoints checkpoints = new Checkpoints(work);
        StatusUpdates[] updates = new StatusUpdates[1];
        // The master acknowledges every update it gets, on the agent's loop as a real ack would.
        updates[0] = new StatusUpdates(checkpoints, Clock.systemUTC(), Duration.ofSeconds(10), call -> {
            TaskStatus status = call.getUpdate();
            reported.add(status);
            loop.execute(() -> updates[0].acknowledged(status.getTaskId(), status.getUuid()));
            return true;
        });
        return new TaskRunner(checkpoints, updates[0], loop, Clock.systemUTC(), Duration.ofSeconds(1));
    }

    private static TaskInfo task(String id, String command) {
        return new TaskInfo()
                .withTaskId(id)
                .withFrameworkId("fw")
                .withName(id)
                .withCommand(command)
                .withResources("cpus:0.1;mem:32")
                .withEnvironment(Map.of("GREETING", "hello"));
    }

    private List<TaskState> states(String task) {
        return reported.stream()
                .filter(s -> s.getTaskId().equals(task))
                .map(TaskStatus::getState)
                .distinct()
                .toList();
    }

    private void on(TaskRunner runner, java.util.function.Consumer<TaskRunner> action) {
        on(loop, runner, action);
    }

    private static void on(
            ScheduledExecutorService loop, TaskRunner runner, java.util.function.Consumer<TaskRunner> action) {
        loop.execute(() -> action.accept(runner));
    }

    @Test
    void aCommandRunsInItsSandboxWithItsEnvironmentAndFinishes() throws Exception {
        TaskRunner runner = runner();
        on(runner, r -> r.launch(task("t1", "echo \"$GREETING from $ATRIUM_TASK_ID\"; pwd; echo oops >&2")));

        await().atMost(PATIENCE).until(() -> states("t1").contains(TaskState.TASK_FINISHED));

        assertThat(states("t1"))
                .containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
        Path sandbox;
        try (Stream<Path> runs = Files.list(work.resolve("sandboxes/fw/t1"))) {
            sandbox = runs.findFirst().orElseThrow();
        }
        assertThat(Files.readString(sandbox.resolve("stdout"))).isEqualTo("hello from t1\n" + sandbox + "\n");
        assertThat(Files.readString(sandbox.resolve("stderr"))).isEqualTo("oops\n");
    }

    @Test
    void aNonZeroExitFailsTheTaskWithItsExitCode() {
        TaskRunner runner = runner();
        on(runner, r -> r.launch(task("t2", "exit 3")));

        await().atMost(PATIENCE).until(() -> states("t2").contains(TaskState.TASK_FAILED));

        TaskStatus failed = reported.getLast();
        assertThat(failed.getExitCode()).isEqualTo(3L);
        assertThat(failed.getMessage()).isEqualTo("Command exited with status 3");
    }

    @Test
    void aKilledTaskIsKillingThenKilledEvenIfItIgnoresSigterm() {
        TaskRunner runner = runner();
        on(runner, r -> r.launch(task("t3", "trap '' TERM; sleep 30")));
        await().atMost(PATIENCE).until(() -> states("t3").contains(TaskState.TASK_RUNNING));

        on(runner, r -> r.kill("t3", Duration.ofMillis(300)));

        await().atMost(PATIENCE).until(() -> states("t3").contains(TaskState.TASK_KILLED));
        assertThat(states("t3")).endsWith(TaskState.TASK_KILLING, TaskState.TASK_KILLED);
    }

    @Test
    void aRestartedAgentReportsATaskThatEndedWhileItWasDownWithItsExitStatus() {
        ScheduledExecutorService firstAgent = Executors.newSingleThreadScheduledExecutor();
        TaskRunner before = runner(firstAgent);
        on(firstAgent, before, r -> r.launch(task("t4", "sleep 1; exit 4")));
        await().atMost(PATIENCE).until(() -> states("t4").contains(TaskState.TASK_RUNNING));
        firstAgent.shutdownNow();
        reported.clear();

        // A new runner on the same work dir, as after an agent restart; the first one is gone.
        TaskRunner after = runner();
        on(after, TaskRunner::recover);

        await().atMost(PATIENCE).until(() -> states("t4").contains(TaskState.TASK_FAILED));
        assertThat(reported.getLast().getExitCode()).isEqualTo(4L);
    }
}
