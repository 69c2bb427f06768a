package io.atrium.agent;

import static io.atrium.agent.RunnerHarness.on;
import static io.atrium.agent.RunnerHarness.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atrium.agent.containerizer.Cgroups;
import io.atrium.agent.containerizer.Containerizer;
import io.atrium.protocol.agent.TaskInfo;
import io.atrium.protocol.agent.TaskState;
import io.atrium.protocol.agent.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Tasks in real cgroups and namespaces, as the agent runs them as root on a Linux host:
 * what a task's owner and its neighbours would notice. Needs root and mounted cgroups.
 */
@Tag("root")
@EnabledIf(value = "linuxIsolationWorksHere", disabledReason = "needs root, cgroups, unshare and setpriv")
class LinuxIsolationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final long PIDS_LIMIT = 48;

    /** Not under /tmp: a sandbox there would keep the host's /tmp (see NamespacesIsolator). */
    private Path work;

    private RunnerHarness harness;
    private ScheduledExecutorService loop;
    private Containerizer containerizer;
    private TaskRunner runner;

    static boolean linuxIsolationWorksHere() {
        try {
            Containerizer.create(settings("linux", Path.of("/tmp"), Set.of()));
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static Containerizer.Settings settings(String isolation, Path work, Set<String> rootFrameworks) {
        return new Containerizer.Settings(
                isolation, "nobody", rootFrameworks, PIDS_LIMIT, false, work, Duration.ofMillis(200));
    }

    @BeforeEach
    void start() throws Exception {
        // Not under /tmp, wherever the checkout is: such a sandbox keeps the host's /tmp.
        Path base = Path.of("/var/tmp", "atrium-isolation-tests");
        Files.createDirectories(base);
        work = Files.createTempDirectory(base, "work-");
        harness = new RunnerHarness(work);
        loop = harness.newLoop();
        containerizer = Containerizer.create(settings("linux", work, Set.of("trusted")));
        runner = harness.runner(loop, containerizer, Duration.ofMillis(500));
    }

    @AfterEach
    void stop() throws InterruptedException {
        harness.close();
        containerizer.recover(Set.of());
        Checkpoints.deleteTree(work);
    }

    private TaskStatus runToEnd(TaskInfo task) {
        on(loop, runner, r -> r.launch(task));
        await().atMost(PATIENCE)
                .until(() -> harness.states(task.getTaskId()).stream().anyMatch(TaskRunner.TERMINAL::contains));
        return harness.last(task.getTaskId());
    }

    private String stdout(String task) throws Exception {
        return Files.readString(harness.sandbox(task).resolve("stdout"));
    }

    private Cgroups cgroups() {
        return containerizer.cgroups().orElseThrow();
    }

    @Test
    void aTaskRunsAsNobodySeesOnlyItsOwnProcessesAndHasAPrivateTmp() throws Exception {
        String mark = "atrium-" + UUID.randomUUID();

        TaskStatus end =
                runToEnd(task("inside", "id -u; ps -e -o comm= | sort | uniq -c | tr -s ' '; touch /tmp/" + mark));

        assertThat(end.getState()).as(end.getMessage()).isEqualTo(TaskState.TASK_FINISHED);
        // The init shell, the task's shell and the pipeline: nothing of the host's.
        assertThat(stdout("inside")).isEqualTo("65534\n 1 ps\n 2 sh\n 1 sort\n 1 tr\n 1 uniq\n");
        assertThat(harness.sandbox("inside").resolve(".tmp").resolve(mark)).exists();
        assertThat(Path.of("/tmp", mark)).doesNotExist();
    }

    @Test
    void aTaskCannotWriteOutsideItsSandbox() throws Exception {
        TaskStatus end = runToEnd(task("outside", "echo x > " + work.resolve("escaped")));

        assertThat(end.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(Files.readString(harness.sandbox("outside").resolve("stderr")))
                .contains("Permission denied");
        assertThat(work.resolve("escaped")).doesNotExist();
    }

    @Test
    void aTaskOverItsMemoryIsOomKilledWithTheMemoryReasonWhileItsNeighbourFinishes() throws Exception {
        on(loop, runner, r -> r.launch(task("neighbour", "sleep 2; echo fine")));

        TaskStatus hog = runToEnd(task("hog", "head -c 300m /dev/zero | tail").withResources("cpus:0.1;mem:32"));

        assertThat(hog.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(hog.getReason()).isEqualTo("REASON_CONTAINER_LIMITATION_MEMORY");
        assertThat(hog.getMessage()).contains("32 MiB");
        await().atMost(PATIENCE).until(() -> harness.states("neighbour").contains(TaskState.TASK_FINISHED));
        assertThat(stdout("neighbour")).isEqualTo("fine\n");
    }

    @Test
    void aTaskWhoseSandboxOutgrowsItsDiskIsEndedWithTheDiskReason() {
        TaskStatus end = runToEnd(
                task("filler", "head -c 30m /dev/zero > big; sleep 60").withResources("cpus:0.1;mem:32;disk:10"));

        assertThat(end.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(end.getReason()).isEqualTo("REASON_CONTAINER_LIMITATION_DISK");
        assertThat(end.getMessage()).isEqualTo("Disk limit exceeded: the sandbox holds 30 MiB, over its 10 MiB");
    }

    @Test
    void aForkBombIsStoppedByThePidsLimitWhileItsNeighbourFinishes() throws Exception {
        on(loop, runner, r -> r.launch(task("neighbour", "sleep 1; echo fine")));

        TaskStatus bomb = runToEnd(task("bomb", "bomb() { bomb & bomb & wait; }; bomb"));

        assertThat(Files.readString(harness.sandbox("bomb").resolve("stderr"))).contains("Cannot fork");
        assertThat(cgroups().containers()).doesNotContain(container("bomb"));
        await().atMost(PATIENCE).until(() -> harness.states("neighbour").contains(TaskState.TASK_FINISHED));
        assertThat(stdout("neighbour")).isEqualTo("fine\n");
        assertThat(bomb.getState()).isIn(TaskState.TASK_FINISHED, TaskState.TASK_FAILED);
    }

    @Test
    void aKillReachesEveryProcessOfTheTaskAndLeavesNothingBehind() throws Exception {
        on(loop, runner, r -> r.launch(task("family", "sleep 300 & sleep 300 & trap '' TERM; wait")));
        await().atMost(PATIENCE).until(() -> harness.states("family").contains(TaskState.TASK_RUNNING));
        String container = container("family");
        await().atMost(PATIENCE).until(() -> cgroups().pids(container).size() == 4);

        on(loop, runner, r -> r.kill("family", Duration.ofMillis(200)));

        await().atMost(PATIENCE).until(() -> harness.states("family").contains(TaskState.TASK_KILLED));
        assertThat(harness.states("family")).endsWith(TaskState.TASK_KILLING, TaskState.TASK_KILLED);
        assertThat(cgroups().pids(container)).isEmpty();
        assertThat(cgroups().containers()).doesNotContain(container);
    }

    /** A task's container id is its sandbox's name. */
    private String container(String task) throws Exception {
        return harness.sandbox(task).getFileName().toString();
    }

    @Test
    void rootIsRefusedUnlessTheAgentAllowsItForTheFramework() throws Exception {
        TaskStatus refused = runToEnd(task("as-root", "id -u").withUser("root"));
        TaskStatus allowed =
                runToEnd(task("trusted-root", "id -u").withUser("root").withFrameworkId("trusted"));

        assertThat(refused.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(refused.getReason()).isEqualTo("REASON_CONTAINER_LAUNCH_FAILED");
        assertThat(refused.getMessage())
                .isEqualTo(
                        "Tasks of framework fw may not run as root on this agent (see ATRIUM_AGENT_ROOT_FRAMEWORKS)");
        assertThat(allowed.getState()).isEqualTo(TaskState.TASK_FINISHED);
        try (var runs = Files.list(work.resolve("sandboxes/trusted/trusted-root"))) {
            assertThat(Files.readString(runs.findFirst().orElseThrow().resolve("stdout")))
                    .isEqualTo("0\n");
        }
    }

    @Test
    void aSandboxTheTaskUserCannotReachFailsTheLaunchSayingWhy() throws Exception {
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));

        TaskStatus end = runToEnd(task("unreachable", "true"));

        assertThat(end.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(end.getReason()).isEqualTo("REASON_CONTAINER_LAUNCH_FAILED");
        assertThat(end.getMessage())
                .isEqualTo("The task user nobody cannot reach its sandbox: " + work
                        + " is not searchable by others (chmod o+x " + work + ")");
    }

    @Test
    void aTaskWithoutNetworkSeesOnlyLoopback() throws Exception {
        TaskStatus end = runToEnd(task("offline", "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '")
                .withNetwork(TaskInfo.Network.NONE));

        assertThat(end.getState()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(stdout("offline")).isEqualTo("lo\n");
    }

    @Test
    void aRestartedAgentReattachesToARunningTaskAndKillsContainersItCannotVouchFor() throws Exception {
        ScheduledExecutorService firstAgent = harness.newLoop();
        TaskRunner before = harness.runner(firstAgent, containerizer, Duration.ofMillis(500));
        on(firstAgent, before, r -> r.launch(task("survivor", "while [ ! -e go ]; do sleep 0.1; done; exit 6")));
        await().atMost(PATIENCE).until(() -> harness.states("survivor").contains(TaskState.TASK_RUNNING));
        firstAgent.shutdownNow();
        // A container no checkpoint knows, with a process in it.
        cgroups().create("stray");
        Process stray = new ProcessBuilder("sleep", "300").start();
        for (Path join : cgroups().joinFiles("stray")) {
            Files.writeString(join, Long.toString(stray.pid()));
        }
        harness.reported.clear();

        on(loop, runner, TaskRunner::recover);

        await().atMost(PATIENCE).until(() -> !stray.isAlive());
        assertThat(cgroups().containers()).doesNotContain("stray");
        assertThat(harness.reported).isEmpty();
        Files.createFile(harness.sandbox("survivor").resolve("go"));
        await().atMost(PATIENCE).until(() -> harness.states("survivor").contains(TaskState.TASK_FAILED));
        assertThat(harness.last("survivor").getExitCode()).isEqualTo(6L);
        assertThat(List.of(harness.last("survivor").getMessage())).containsExactly("Command exited with status 6");
    }
}
