package io.atrium.agent;

import static io.atrium.agent.RunnerHarness.on;
import static io.atrium.agent.RunnerHarness.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.agent.containerizer.Containerizer;
import io.atrium.protocol.agent.TaskState;
import io.atrium.protocol.agent.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes in real sandbox directories, isolated as the agent would on this host. */
class TaskRunnerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path work;

    private RunnerHarness harness;
    private ScheduledExecutorService loop;
    private Containerizer containerizer;

    @BeforeEach
    void start() throws Exception {
        harness = new RunnerHarness(work);
        loop = harness.newLoop();
        // What the agent would pick on this host: linux isolation when run as root, else posix.
        containerizer = Containerizer.create(Containerizer.Settings.defaults(work));
    }

    @AfterEach
    void stop() throws InterruptedException {
        harness.close();
        containerizer.recover(Set.of());
    }

    private TaskRunner runner(ScheduledExecutorService loop) {
        return harness.runner(loop, containerizer, Duration.ofSeconds(1));
    }

    @Test
    void aCommandRunsInItsSandboxWithItsEnvironmentAndFinishes() throws Exception {
        TaskRunner runner = runner(loop);
        on(loop, runner, r -> r.launch(task("t1", "echo \"$GREETING from $ATRIUM_TASK_ID\"; pwd; echo oops >&2")));

        await().atMost(PATIENCE).until(() -> harness.states("t1").contains(TaskState.TASK_FINISHED));

        assertThat(harness.states("t1"))
                .containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
        Path sandbox = harness.sandbox("t1");
        assertThat(Files.readString(sandbox.resolve("stdout"))).isEqualTo("hello from t1\n" + sandbox + "\n");
        assertThat(Files.readString(sandbox.resolve("stderr"))).isEqualTo("oops\n");
    }

    @Test
    void theTaskSeesItsPortsAndNotTheAgentsSecrets() throws Exception {
        TaskRunner runner = runner(loop);
        on(
                loop,
                runner,
                r -> r.launch(task("ports", "echo \"$PORT0 $PORT1 $PORTS\"; env | grep -c ATRIUM_AGENT_ || true")
                        .withResources("cpus:0.1;mem:32;ports:[31000-31000,31005-31005]")));

        await().atMost(PATIENCE).until(() -> harness.states("ports").contains(TaskState.TASK_FINISHED));

        assertThat(Files.readString(harness.sandbox("ports").resolve("stdout")))
                .isEqualTo("31000 31005 31000,31005\n0\n");
    }

    @Test
    void aLogOverItsSizeIsRotatedWhileTheTaskKeepsWriting() throws Exception {
        TaskRunner runner = runner(loop);
        // The harness rotates past 1 MiB.
        on(
                loop,
                runner,
                r -> r.launch(task(
                        "chatty", "head -c 1500000 /dev/zero; while [ ! -e go ]; do sleep 0.05; done; echo after")));
        await().atMost(PATIENCE).until(() -> harness.states("chatty").contains(TaskState.TASK_RUNNING));
        Path sandbox = harness.sandbox("chatty");
        await().atMost(PATIENCE).until(() -> Files.exists(sandbox.resolve("stdout.1")));

        Files.createFile(sandbox.resolve("go"));

        await().atMost(PATIENCE).until(() -> harness.states("chatty").contains(TaskState.TASK_FINISHED));
        assertThat(Files.size(sandbox.resolve("stdout.1"))).isEqualTo(1_500_000);
        assertThat(Files.readString(sandbox.resolve("stdout"))).isEqualTo("after\n");
    }

    @Test
    void theTasksPathSteersOnlyTheTaskNotTheAgentsLaunchChain() throws Exception {
        TaskRunner runner = runner(loop);
        // Were the root side to look tools up on this PATH, the launch would fail.
        on(loop, runner, r -> r.launch(task("own-path", "echo \"$PATH\"").withEnvironment(Map.of("PATH", "/nowhere"))));

        await().atMost(PATIENCE).until(() -> harness.states("own-path").contains(TaskState.TASK_FINISHED));
        assertThat(Files.readString(harness.sandbox("own-path").resolve("stdout")))
                .isEqualTo("/nowhere\n");
    }

    @Test
    void aNonZeroExitFailsTheTaskWithItsExitCode() {
        TaskRunner runner = runner(loop);
        on(loop, runner, r -> r.launch(task("t2", "exit 3")));

        await().atMost(PATIENCE).until(() -> harness.states("t2").contains(TaskState.TASK_FAILED));

        TaskStatus failed = harness.last("t2");
        assertThat(failed.getExitCode()).isEqualTo(3L);
        assertThat(failed.getMessage()).isEqualTo("Command exited with status 3");
    }

    @Test
    void aKilledTaskIsKillingThenKilledEvenIfItIgnoresSigterm() {
        TaskRunner runner = runner(loop);
        on(loop, runner, r -> r.launch(task("t3", "trap '' TERM; sleep 30")));
        await().atMost(PATIENCE).until(() -> harness.states("t3").contains(TaskState.TASK_RUNNING));

        on(loop, runner, r -> r.kill("t3", Duration.ofMillis(300)));

        await().atMost(PATIENCE).until(() -> harness.states("t3").contains(TaskState.TASK_KILLED));
        assertThat(harness.states("t3")).endsWith(TaskState.TASK_KILLING, TaskState.TASK_KILLED);
    }

    @Test
    void aKillThatNamesNoGracePeriodUsesTheTasksOwn() {
        // The agent's default here is a minute: only the task's 0.2 s ends it within our patience.
        TaskRunner runner = harness.runner(loop, containerizer, Duration.ofMinutes(1));
        on(
                loop,
                runner,
                r -> r.launch(task("stubborn", "trap '' TERM; sleep 300").withKillGracePeriodSeconds(0.2)));
        await().atMost(PATIENCE).until(() -> harness.states("stubborn").contains(TaskState.TASK_RUNNING));

        on(loop, runner, r -> r.kill("stubborn", null));

        await().atMost(PATIENCE).until(() -> harness.states("stubborn").contains(TaskState.TASK_KILLED));
    }

    @Test
    void aRestartedAgentReportsATaskThatEndedWhileItWasDownWithItsExitStatus() throws Exception {
        ScheduledExecutorService firstAgent = harness.newLoop();
        TaskRunner before = runner(firstAgent);
        on(firstAgent, before, r -> r.launch(task("t4", "sleep 1; exit 4")));
        await().atMost(PATIENCE).until(() -> harness.states("t4").contains(TaskState.TASK_RUNNING));
        firstAgent.shutdownNow();
        harness.reported.clear();

        // A new runner on the same work dir, as after an agent restart; the first one is gone.
        TaskRunner after = runner(loop);
        on(loop, after, TaskRunner::recover);

        await().atMost(PATIENCE).until(() -> harness.states("t4").contains(TaskState.TASK_FAILED));
        assertThat(harness.last("t4").getExitCode()).isEqualTo(4L);
    }
}
