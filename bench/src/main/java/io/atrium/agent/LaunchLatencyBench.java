package io.atrium.agent;

import io.atrium.agent.containerizer.Cgroups;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Launch latency of a sandboxed {@code true} on the real agent code (the agent's own
 * {@link TaskRunner}, containerizer, checkpoints and status updates; no master), beside the
 * bare cost of the same isolation primitives without Atrium, measured in the same run: a
 * cgroup made and limited, and {@code unshare} + {@code setpriv} spawned into it.
 *
 * <p>It lives in the agent's package to drive the package-private runner directly.
 * {@code java -cp bench/target/atrium-bench.jar io.atrium.agent.LaunchLatencyBench [launches]}
 * (as root for linux isolation).
 */
public final class LaunchLatencyBench {

    private static final int WARMUP = 50;

    private final Map<String, Long> running = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> finished = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int launches = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path base = Path.of("bench", "target", "launch-bench").toAbsolutePath();
        Files.createDirectories(base);
        Path work = Files.createTempDirectory(base, "work-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Containerizer containerizer = Containerizer.create(Containerizer.Settings.defaults(work));
        System.out.println(containerizer.describe());

        LaunchLatencyBench bench = new LaunchLatencyBench();
        long[][] atrium = bench.atrium(containerizer, work, WARMUP + launches);
        long[][] bare = containerizer.cgroups().isPresent()
                ? bare(containerizer.cgroups().get(), work, WARMUP + launches)
                : null;
        containerizer.recover(java.util.Set.of());
        Checkpoints.deleteTree(work);

        System.out.println();
        System.out.printf(
                "Launch of a sandboxed `true`, %d launches after %d warm-up, one at a time%n", launches, WARMUP);
        System.out.printf(
                "%-26s %9s %9s %-30s %9s %9s %8s %8s%n",
                "Atrium", "p50 ms", "p99 ms", "floor: same primitives, bare", "p50 ms", "p99 ms", "x p50", "target");
        row(
                "launch -> TASK_RUNNING",
                atrium[0],
                "cgroup + spawn returned",
                bare == null ? null : bare[0],
                "p50<=25 p99<=100");
        row("launch -> TASK_FINISHED", atrium[1], "cgroup + `true` ran", bare == null ? null : bare[1], "");
    }

    private static void row(String name, long[] ours, String floorName, long[] floor, String target) {
        double p50 = percentile(ours, 50);
        double p99 = percentile(ours, 99);
        String verdict = target.isEmpty() ? "" : (p50 <= 25 && p99 <= 100 ? "met" : "MISSED");
        if (floor == null) {
            System.out.printf(
                    "%-26s %9.2f %9.2f %-30s %9s %9s %8s %8s%n", name, p50, p99, "(posix: none)", "", "", "", verdict);
            return;
        }
        double floor50 = percentile(floor, 50);
        System.out.printf(
                "%-26s %9.2f %9.2f %-30s %9.2f %9.2f %7.1fx %8s%n",
                name, p50, p99, floorName, floor50, percentile(floor, 99), p50 / floor50, verdict);
    }

    /** Milliseconds at the given percentile of nanosecond samples, warm-up dropped. */
    private static double percentile(long[] nanos, int percentile) {
        long[] measured = Arrays.copyOfRange(nanos, WARMUP, nanos.length);
        Arrays.sort(measured);
        int index = (int) Math.ceil(percentile / 100.0 * measured.length) - 1;
        return measured[Math.max(0, index)] / 1e6;
    }

    /** Launches one task at a time through the runner; nanoseconds to RUNNING and to FINISHED. */
    private long[][] atrium(Containerizer containerizer, Path work, int count) throws Exception {
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        Checkpoints checkpoints = new Checkpoints(work);
        StatusUpdates[] updates = new StatusUpdates[1];
        TaskRunner[] runner = new TaskRunner[1];
        updates[0] = new StatusUpdates(checkpoints, Clock.systemUTC(), Duration.ofSeconds(10), call -> {
            TaskStatus status = call.getUpdate();
            long now = System.nanoTime();
            if (status.getState() == TaskState.TASK_RUNNING) {
                running.put(status.getTaskId(), now);
            }
            loop.execute(() -> {
                updates[0].acknowledged(status.getTaskId(), status.getUuid());
                if (TaskRunner.TERMINAL.contains(status.getState())) {
                    runner[0].forget(status.getTaskId());
                    finished.get(status.getTaskId()).countDown();
                }
            });
            return true;
        });
        runner[0] = new TaskRunner(
                checkpoints,
                containerizer,
                new Fetcher(work.resolve("fetch-cache"), 1 << 20, List.of()),
                new LogRotator(1024 * 1024, 2),
                updates[0],
                loop,
                Clock.systemUTC(),
                Duration.ofSeconds(1));
        long[] toRunning = new long[count];
        long[] toFinished = new long[count];
        for (int i = 0; i < count; i++) {
            String id = "bench-" + i;
            CountDownLatch done = new CountDownLatch(1);
            finished.put(id, done);
            TaskInfo task = new TaskInfo()
                    .withTaskId(id)
                    .withFrameworkId("bench")
                    .withName(id)
                    .withCommand("true")
                    .withResources("cpus:0.1;mem:32");
            long start = System.nanoTime();
            loop.execute(() -> runner[0].launch(task));
            if (!done.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("task " + id + " did not finish");
            }
            long end = System.nanoTime();
            toRunning[i] = running.get(id) - start;
            toFinished[i] = end - start;
        }
        loop.shutdownNow();
        return new long[][] {toRunning, toFinished};
    }

    /** The same primitives by hand: a limited cgroup, then unshare + setpriv + true spawned into it. */
    private static long[][] bare(Cgroups cgroups, Path work, int count) throws IOException, InterruptedException {
        long[] spawned = new long[count];
        long[] ran = new long[count];
        for (int i = 0; i < count; i++) {
            String container = "bare-" + i;
            long start = System.nanoTime();
            cgroups.create(container);
            cgroups.limitMemory(container, 32L << 20);
            cgroups.limitCpu(container, 0.1, false);
            cgroups.limitPids(container, 1024);
            StringBuilder join = new StringBuilder();
            for (Path file : cgroups.joinFiles(container)) {
                join.append("echo 0 > ").append(file).append("; ");
            }
            List<String> command = new ArrayList<>(List.of(
                    "unshare",
                    "--pid",
                    "--fork",
                    "--mount-proc",
                    "--mount",
                    "--ipc",
                    "--uts",
                    "/bin/sh",
                    "-c",
                    join + "exec setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs /bin/sh -c true"));
            Process process = new ProcessBuilder(command)
                    .directory(work.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            spawned[i] = System.nanoTime() - start;
            process.waitFor();
            ran[i] = System.nanoTime() - start;
            cgroups.remove(container);
        }
        return new long[][] {spawned, ran};
    }
}
