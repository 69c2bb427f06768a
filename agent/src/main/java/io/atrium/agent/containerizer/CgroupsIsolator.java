package io.atrium.agent.containerizer;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * cgroups/mem, cgroups/cpu and cgroups/pids: a cgroup per container with a memory limit of
 * its {@code mem}, a cpu share of its {@code cpus} (and a CFS cap when configured), a pids
 * limit; memory, cpu time and OOM kills read back from it. The task's first process joins it
 * before the user's command starts (see {@link LaunchSpec}).
 */
public final class CgroupsIsolator implements Isolator {

    private static final Logger LOG = Logger.getLogger(CgroupsIsolator.class.getName());
    private static final long MIB = 1024 * 1024;

    /** The kernel needs a little memory for the launch itself; Mesos' floor is 32 MiB. */
    static final long MIN_MEMORY_MIB = 32;

    private final Cgroups cgroups;
    private final long pidsMax;
    private final boolean cpuHardLimit;

    public CgroupsIsolator(Cgroups cgroups, long pidsMax, boolean cpuHardLimit) {
        this.cgroups = cgroups;
        this.pidsMax = pidsMax;
        this.cpuHardLimit = cpuHardLimit;
    }

    Cgroups cgroups() {
        return cgroups;
    }

    @Override
    public void recover(Set<String> live) {
        for (String orphan : cgroups.containers()) {
            if (live.contains(orphan)) {
                continue;
            }
            List<Long> pids = cgroups.pids(orphan);
            LOG.warning(() -> "container " + orphan + " belongs to no task this agent knows: killing its " + pids.size()
                    + " process(es)");
            killAll(pids);
            try {
                cgroups.remove(orphan);
            } catch (IOException e) {
                LOG.warning(() -> "could not remove the cgroup of container " + orphan + ": " + e.getMessage());
            }
        }
        if (live.isEmpty()) {
            cgroups.removeParent();
        }
    }

    /** SIGKILL to each process, then waits (briefly) until they are gone, so the cgroup can go. */
    private static void killAll(List<Long> pids) {
        List<ProcessHandle> processes =
                pids.stream().flatMap(pid -> ProcessHandle.of(pid).stream()).toList();
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warning(() -> "process " + process.pid() + " did not exit after SIGKILL");
            }
        }
    }

    @Override
    public void prepare(Container container, LaunchSpec launch) throws IOException {
        cgroups.create(container.id());
        long memMiB = Math.max(MIN_MEMORY_MIB, container.resources().memMiB());
        cgroups.limitMemory(container.id(), memMiB * MIB);
        cgroups.limitCpu(container.id(), container.resources().cpus(), cpuHardLimit);
        cgroups.limitPids(container.id(), pidsMax);
        launch.join(cgroups.joinFiles(container.id()));
    }

    @Override
    public Optional<Limitation> watch(Container container) {
        Cgroups.MemoryStats memory = cgroups.memory(container.id());
        if (memory.oomKills() == 0) {
            return Optional.empty();
        }
        long limitMiB = Math.max(MIN_MEMORY_MIB, container.resources().memMiB());
        return Optional.of(new Limitation(
                "REASON_CONTAINER_LIMITATION_MEMORY",
                "Memory limit exceeded: the task used more than its " + limitMiB + " MiB and was OOM-killed"));
    }

    @Override
    public Usage usage(Container container) {
        Cgroups.MemoryStats memory = cgroups.memory(container.id());
        return new Usage(cgroups.cpuSeconds(container.id()), memory.currentBytes(), memory.peakBytes(), 0);
    }

    @Override
    public void cleanup(Container container) {
        // Whatever is left (the task's init is gone, its pid namespace is being torn down) goes now.
        killAll(cgroups.pids(container.id()));
        try {
            cgroups.remove(container.id());
        } catch (IOException e) {
            LOG.warning(() -> "could not remove the cgroup of container " + container.id() + ": " + e.getMessage());
        }
    }
}
