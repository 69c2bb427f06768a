package io.atrium.agent;

import io.atrium.agent.containerizer.Container;
import io.atrium.agent.containerizer.ContainerException;
import io.atrium.agent.containerizer.Containerizer;
import io.atrium.agent.containerizer.Fetcher;
import io.atrium.agent.containerizer.Limitation;
import io.atrium.agent.containerizer.TaskResources;
import io.atrium.protocol.agent.FetchUri;
import io.atrium.protocol.agent.HealthCheck;
import io.atrium.protocol.agent.RunningTask;
import io.atrium.protocol.agent.TaskInfo;
import io.atrium.protocol.agent.TaskState;
import io.atrium.protocol.agent.TaskStatus;
import io.atrium.protocol.agent.TaskUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Runs tasks through the {@link Containerizer}, one container per run in its own sandbox
 * directory; the exit status is written by a small supervisor that outlives an agent
 * restart, so a restarted agent re-attaches to running tasks and reports the ones that ended
 * meanwhile truthfully. Enforces the kill policy (SIGTERM to every process of the task, then
 * SIGKILL after the grace period), ends tasks that cross a limit with the limit's reason, and
 * reports every state change through {@link StatusUpdates}.
 *
 * <p>Not thread-safe: every method runs on the agent's loop thread.
 */
final class TaskRunner {

    private static final Logger LOG = Logger.getLogger(TaskRunner.class.getName());

    static final Set<TaskState> TERMINAL = EnumSet.of(
            TaskState.TASK_FINISHED,
            TaskState.TASK_FAILED,
            TaskState.TASK_KILLED,
            TaskState.TASK_ERROR,
            TaskState.TASK_LOST,
            TaskState.TASK_DROPPED,
            TaskState.TASK_GONE,
            TaskState.TASK_GONE_BY_OPERATOR);

    /** Written by the supervisor into the task's checkpoint dir, out of the task's reach. */
    private static final String EXIT_STATUS = "exit-status";

    private static final String LAUNCH_ERROR = "launch-error";

    /** How often running containers are checked against their limits. */
    static final Duration WATCH_INTERVAL = Duration.ofMillis(500);

    /**
     * Where a task's supervisor and container live; checkpointed as run.json so a restarted
     * agent finds them.
     */
    record RunInfo(long pid, long started, String sandbox, String containerId) {}

    private static final class Task {
        final TaskInfo info;
        TaskState state;
        RunInfo run;
        Container container;
        ProcessHandle process;
        boolean killing;
        Limitation limitation;
        HealthChecker health;

        Task(TaskInfo info, TaskState state) {
            this.info = info;
            this.state = state;
        }
    }

    private final Checkpoints checkpoints;
    private final Containerizer containerizer;
    private final Fetcher fetcher;
    private final LogRotator logs;
    private final HealthProbes probes;
    /** Fetches and health checks block: they run here, never on the loop. */
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();

    private final StatusUpdates updates;
    private final ScheduledExecutorService loop;
    private final Clock clock;
    private final Duration defaultGrace;
    private final Map<String, Task> tasks = new LinkedHashMap<>();

    TaskRunner(
            Checkpoints checkpoints,
            Containerizer containerizer,
            Fetcher fetcher,
            LogRotator logs,
            StatusUpdates updates,
            ScheduledExecutorService loop,
            Clock clock,
            Duration defaultGrace) {
        this.checkpoints = checkpoints;
        checkpoints.secureLayout();
        this.containerizer = containerizer;
        this.fetcher = fetcher;
        this.logs = logs;
        this.probes = new HealthProbes(containerizer);
        this.updates = updates;
        this.loop = loop;
        this.clock = clock;
        this.defaultGrace = defaultGrace;
    }

    void launch(TaskInfo info) {
        String taskId = info.getTaskId();
        if (tasks.containsKey(taskId)) {
            LOG.warning(() -> "ignoring a second RUN_TASK for task " + taskId + ": it is already known here");
            return;
        }
        Task task = new Task(info, TaskState.TASK_STAGING);
        tasks.put(taskId, task);
        try {
            Checkpoints.requireSafe(info.getFrameworkId());
            Path meta = checkpoints.taskDir(taskId);
            Checkpoints.writeJson(meta.resolve("task.json"), info);
            String runId = UUID.randomUUID().toString();
            Path sandbox = checkpoints.createSandbox(info.getFrameworkId(), taskId, runId);
            task.container = container(info, runId, sandbox);
            report(task, TaskState.TASK_STARTING, null, null, null);
        } catch (IOException | RuntimeException e) {
            launchFailed(task, e);
            return;
        }
        List<FetchUri> uris = info.getUris() == null ? List.of() : info.getUris();
        if (uris.isEmpty()) {
            start(task);
            return;
        }
        blocking.execute(() -> {
            try {
                fetcher.fetch(uris, task.container.sandbox());
                loop.execute(() -> start(task));
            } catch (Fetcher.FetchException e) {
                loop.execute(() -> {
                    if (!TERMINAL.contains(task.state)) {
                        LOG.info(() -> "task " + taskId + " could not fetch its URIs: " + e.getMessage());
                        report(
                                task,
                                TaskState.TASK_FAILED,
                                "REASON_FETCH_FAILED",
                                "Fetch failed: " + e.getMessage(),
                                null);
                    }
                });
            }
        });
    }

    /** Isolates and starts a prepared task, unless it was killed while its URIs were fetched. */
    private void start(Task task) {
        if (TERMINAL.contains(task.state)) {
            return;
        }
        String taskId = task.info.getTaskId();
        try {
            Path meta = checkpoints.taskDir(taskId);
            ProcessBuilder builder = containerizer.prepare(
                    task.container, task.info, meta.resolve(EXIT_STATUS), meta.resolve(LAUNCH_ERROR));
            Process process = builder.start();
            ProcessHandle handle = process.toHandle();
            task.process = handle;
            task.run = new RunInfo(
                    handle.pid(), started(handle), task.container.sandbox().toString(), task.container.id());
            Checkpoints.writeJson(meta.resolve("run.json"), task.run);
            report(task, TaskState.TASK_RUNNING, null, null, null);
            LOG.info(() -> "task " + taskId + " running as pid " + handle.pid() + " in " + task.container.sandbox());
            checkHealth(task);
            process.onExit().thenRunAsync(() -> exited(task, process.exitValue()), loop);
        } catch (IOException | RuntimeException | ContainerException e) {
            containerizer.cleanup(task.container);
            launchFailed(task, e);
        }
    }

    /** Starts the task's health check, if it has one; changes of health become TASK_RUNNING updates. */
    private void checkHealth(Task task) {
        HealthCheck check = task.info.getHealthCheck();
        if (check == null || task.container == null) {
            return;
        }
        task.health = new HealthChecker(
                check, probes.probe(task.info, task.container, task.process, check), loop, blocking, (healthy, why) -> {
                    if (task.state == TaskState.TASK_RUNNING) {
                        LOG.info(() -> "task " + task.info.getTaskId() + " is " + (healthy ? "healthy" : "unhealthy")
                                + ": " + why);
                        report(
                                task,
                                TaskState.TASK_RUNNING,
                                "REASON_TASK_HEALTH_CHECK_STATUS_UPDATED",
                                why,
                                null,
                                healthy);
                    }
                });
        task.health.start();
    }

    private void launchFailed(Task task, Exception e) {
        LOG.warning(() -> "task " + task.info.getTaskId() + " could not be launched: " + e.getMessage());
        report(
                task,
                TaskState.TASK_FAILED,
                "REASON_CONTAINER_LAUNCH_FAILED",
                e instanceof ContainerException ? e.getMessage() : "Could not launch the task: " + e.getMessage(),
                null);
    }

    private static Container container(TaskInfo info, String runId, Path sandbox) {
        return new Container(
                runId, TaskResources.parse(info.getResources()), sandbox, info.getNetwork() == TaskInfo.Network.NONE);
    }

    void kill(String taskId, Duration grace) {
        Task task = tasks.get(taskId);
        if (task == null || TERMINAL.contains(task.state)) {
            LOG.info(() -> "kill of task " + taskId + " ignored: it is not running here");
            return;
        }
        if (task.process == null) {
            report(task, TaskState.TASK_KILLED, "REASON_TASK_KILLED_DURING_LAUNCH", "Killed before it started", null);
            return;
        }
        task.killing = true;
        Double own = task.info.getKillGracePeriodSeconds();
        Duration wait = grace != null ? grace : own != null ? Duration.ofMillis((long) (own * 1000)) : defaultGrace;
        LOG.info(() -> "killing task " + taskId + ": SIGTERM, then SIGKILL after " + wait.toMillis() + " ms");
        report(task, TaskState.TASK_KILLING, null, null, null);
        ProcessHandle supervisor = task.process;
        containerizer.processes(task.container, supervisor).forEach(ProcessHandle::destroy);
        loop.schedule(
                () -> {
                    if (supervisor.isAlive()) {
                        LOG.info(() -> "task " + taskId + " outlived its grace period of " + wait + ": SIGKILL");
                        containerizer.processes(task.container, supervisor).forEach(ProcessHandle::destroyForcibly);
                    }
                },
                wait.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Ends running tasks that crossed a limit, with the limit's reason; rotates their logs. */
    void watch() {
        for (Task task : tasks.values()) {
            if (task.process == null || task.limitation != null || TERMINAL.contains(task.state)) {
                continue;
            }
            logs.rotate(task.container.sandbox());
            containerizer.watch(task.container).ifPresent(limitation -> {
                LOG.info(() -> "task " + task.info.getTaskId() + " crossed a limit: " + limitation.message());
                task.limitation = limitation;
                containerizer.processes(task.container, task.process).forEach(ProcessHandle::destroyForcibly);
            });
        }
    }

    /** Sandboxes of the tasks that have not ended: the collector leaves them alone. */
    Set<Path> liveSandboxes() {
        Set<Path> live = new HashSet<>();
        for (Task task : tasks.values()) {
            if (task.container != null && !TERMINAL.contains(task.state)) {
                live.add(task.container.sandbox());
            }
        }
        return live;
    }

    /** What each running task uses now, as its isolators measure it. */
    List<TaskUsage> usage() {
        List<TaskUsage> usage = new ArrayList<>();
        for (Task task : tasks.values()) {
            if (task.container == null || task.process == null || TERMINAL.contains(task.state)) {
                continue;
            }
            io.atrium.agent.containerizer.Usage measured = containerizer.usage(task.container);
            usage.add(new TaskUsage()
                    .withTaskId(task.info.getTaskId())
                    .withCpuSeconds(measured.cpuSeconds())
                    .withMemoryBytes(measured.memoryBytes())
                    .withMemoryPeakBytes(measured.memoryPeakBytes())
                    .withDiskBytes(measured.diskBytes()));
        }
        return usage;
    }

    /** Starts {@link #watch} on the loop. */
    void startWatching() {
        loop.scheduleWithFixedDelay(
                this::watch, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Finds the tasks a previous run of the agent left: re-attaches to processes still
     * alive and reports the ones that ended meanwhile with their exit status.
     */
    void recover() {
        Path dir = checkpoints.tasksDir();
        if (!Files.isDirectory(dir)) {
            containerizer.recover(Set.of());
            return;
        }
        List<Path> taskDirs;
        try (Stream<Path> list = Files.list(dir)) {
            taskDirs = list.filter(p -> Files.exists(p.resolve("task.json")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> live = new HashSet<>();
        for (Path meta : taskDirs) {
            TaskInfo info = Checkpoints.readJson(meta.resolve("task.json"), TaskInfo.class);
            Task task = new Task(info, lastState(meta));
            tasks.put(info.getTaskId(), task);
            if (TERMINAL.contains(task.state)) {
                if (!updates.pending(info.getTaskId())) {
                    forget(info.getTaskId());
                }
                continue;
            }
            Path runFile = meta.resolve("run.json");
            if (!Files.exists(runFile)) {
                report(
                        task,
                        TaskState.TASK_FAILED,
                        "REASON_CONTAINER_LAUNCH_FAILED",
                        "The agent stopped while launching the task",
                        null);
                continue;
            }
            task.run = Checkpoints.readJson(runFile, RunInfo.class);
            if (task.run.containerId() != null) {
                task.container = container(info, task.run.containerId(), Path.of(task.run.sandbox()));
            }
            Optional<ProcessHandle> alive = ProcessHandle.of(task.run.pid())
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> started(h) == task.run.started());
            if (alive.isPresent()) {
                task.process = alive.get();
                live.add(task.run.containerId());
                LOG.info(() -> "re-attached to task " + info.getTaskId() + " (pid " + task.run.pid() + ")");
                checkHealth(task);
                alive.get().onExit().thenRunAsync(() -> exited(task, null), loop);
            } else {
                exited(task, null);
            }
        }
        containerizer.recover(live);
    }

    /** Every task the agent knows, with its latest state, for re-registration. */
    List<RunningTask> known() {
        List<RunningTask> known = new ArrayList<>();
        tasks.values()
                .forEach(task -> known.add(new RunningTask().withTask(task.info).withState(task.state)));
        return known;
    }

    /** The terminal update was acknowledged: nothing more to say about this task. */
    void forget(String taskId) {
        tasks.remove(taskId);
        Checkpoints.deleteTree(checkpoints.taskDir(taskId));
    }

    private void exited(Task task, Integer childExitValue) {
        if (task.health != null) {
            task.health.stop();
        }
        if (TERMINAL.contains(task.state)) {
            return;
        }
        Integer code = readExitStatus(task).orElse(null);
        Path meta = checkpoints.taskDir(task.info.getTaskId());
        Optional<String> launchError = Containerizer.launchError(meta.resolve(LAUNCH_ERROR));
        Limitation limitation = task.limitation;
        if (task.container != null) {
            if (limitation == null) {
                limitation = containerizer.watch(task.container).orElse(null);
            }
            containerizer.cleanup(task.container);
        }
        if (launchError.isPresent()) {
            report(task, TaskState.TASK_FAILED, "REASON_CONTAINER_LAUNCH_FAILED", launchError.get(), null);
        } else if (limitation != null) {
            report(task, TaskState.TASK_FAILED, limitation.reason(), limitation.message(), code);
        } else if (task.killing) {
            report(task, TaskState.TASK_KILLED, null, "Killed on request", code);
        } else if (code != null && code == 0) {
            report(task, TaskState.TASK_FINISHED, null, "Command exited with status 0", 0);
        } else if (code != null) {
            report(task, TaskState.TASK_FAILED, null, "Command exited with status " + code, code);
        } else if (childExitValue != null) {
            report(
                    task,
                    TaskState.TASK_FAILED,
                    null,
                    "Command terminated with status " + childExitValue,
                    childExitValue);
        } else {
            report(
                    task,
                    TaskState.TASK_FAILED,
                    "REASON_EXECUTOR_TERMINATED",
                    "The task ended while the agent was down and left no exit status",
                    null);
        }
    }

    private Optional<Integer> readExitStatus(Task task) {
        if (task.run == null) {
            return Optional.empty();
        }
        Path file = checkpoints.taskDir(task.info.getTaskId()).resolve(EXIT_STATUS);
        try {
            return Optional.of(Integer.parseInt(
                    Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void report(Task task, TaskState state, String reason, String message, Integer exitCode) {
        report(task, state, reason, message, exitCode, null);
    }

    private void report(Task task, TaskState state, String reason, String message, Integer exitCode, Boolean healthy) {
        task.state = state;
        // The update is on disk before the state file: a crash in between leaves the update to
        // deliver, never a final state without its update (which would make recovery forget the task).
        updates.record(new TaskStatus()
                .withTaskId(task.info.getTaskId())
                .withFrameworkId(task.info.getFrameworkId())
                .withState(state)
                .withReason(reason)
                .withMessage(message)
                .withExitCode(exitCode == null ? null : exitCode.longValue())
                .withHealthy(healthy)
                .withUuid(UUID.randomUUID().toString())
                .withTimestamp(clock.millis()));
        Checkpoints.write(
                checkpoints.taskDir(task.info.getTaskId()).resolve("state"),
                state.value().getBytes(StandardCharsets.US_ASCII));
    }

    private static TaskState lastState(Path meta) {
        try {
            return TaskState.fromValue(Files.readString(meta.resolve("state")).strip());
        } catch (IOException | IllegalArgumentException e) {
            return TaskState.TASK_STAGING;
        }
    }

    /**
     * When a process started, in clock ticks since boot (/proc/pid/stat): unlike a wall-clock
     * start time it does not move when the clock is stepped, so a restarted agent still
     * recognises its supervisors. Wall-clock millis where there is no /proc.
     */
    private static long started(ProcessHandle handle) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[19]); // field 22, starttime; fields[0] is field 3
        } catch (IOException | RuntimeException e) {
            return handle.info()
                    .startInstant()
                    .map(java.time.Instant::toEpochMilli)
                    .orElse(-1L);
        }
    }
}
