package io.atrium.agent.containerizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * cgroup v1: one hierarchy per controller (memory, cpu, cpuacct, pids; cpu and cpuacct are
 * often mounted together), so a container has one directory in each.
 */
public record CgroupsV1(Path memory, Path cpu, Path cpuacct, Path pids) implements Cgroups {

    /** A v1 layout when memory, cpu and pids controllers are mounted; cpuacct is optional. */
    static Optional<Cgroups> from(List<String[]> mounts, String parent) {
        Path memory = null;
        Path cpu = null;
        Path cpuacct = null;
        Path pids = null;
        for (String[] mount : mounts) {
            if (!mount[2].equals("cgroup")) {
                continue;
            }
            Set<String> options = Set.of(mount[3].split(","));
            Path base = Path.of(mount[1]).resolve(parent);
            memory = options.contains("memory") ? base : memory;
            cpu = options.contains("cpu") ? base : cpu;
            cpuacct = options.contains("cpuacct") ? base : cpuacct;
            pids = options.contains("pids") ? base : pids;
        }
        if (memory == null || cpu == null || pids == null) {
            return Optional.empty();
        }
        return Optional.of(new CgroupsV1(memory, cpu, cpuacct, pids));
    }

    @Override
    public String version() {
        return "v1";
    }

    private List<Path> dirs(String container) {
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(memory.resolve(container));
        dirs.add(cpu.resolve(container));
        if (cpuacct != null) {
            dirs.add(cpuacct.resolve(container));
        }
        dirs.add(pids.resolve(container));
        return new ArrayList<>(dirs);
    }

    @Override
    public void create(String container) throws IOException {
        for (Path dir : dirs(container)) {
            Files.createDirectories(dir);
        }
    }

    @Override
    public List<Path> joinFiles(String container) {
        return dirs(container).stream().map(dir -> dir.resolve("cgroup.procs")).toList();
    }

    @Override
    public List<Long> pids(String container) {
        return Cgroups.procs(pids.resolve(container).resolve("cgroup.procs"));
    }

    @Override
    public void remove(String container) throws IOException {
        for (Path dir : dirs(container)) {
            Cgroups.rmdir(dir);
        }
    }

    @Override
    public void removeParent() {
        for (Path dir : new LinkedHashSet<>(Arrays.asList(memory, cpu, cpuacct, pids))) {
            try {
                if (dir != null) {
                    Cgroups.rmdir(dir);
                }
            } catch (IOException busy) {
                // still in use
            }
        }
    }

    @Override
    public List<String> containers() {
        return Cgroups.children(memory);
    }

    @Override
    public void limitMemory(String container, long bytes) throws IOException {
        Path dir = memory.resolve(container);
        Cgroups.write(dir.resolve("memory.limit_in_bytes"), Long.toString(bytes));
        // With swap accounting on, the limit covers swap too, so a task cannot page its way past it.
        Path memsw = dir.resolve("memory.memsw.limit_in_bytes");
        if (Files.exists(memsw)) {
            Cgroups.write(memsw, Long.toString(bytes));
        }
    }

    @Override
    public MemoryStats memory(String container) {
        Path dir = memory.resolve(container);
        return new MemoryStats(
                Cgroups.readLong(dir.resolve("memory.usage_in_bytes")),
                Cgroups.readLong(dir.resolve("memory.max_usage_in_bytes")),
                Cgroups.keyed(dir.resolve("memory.oom_control"), "oom_kill"));
    }

    @Override
    public void limitCpu(String container, double cpus, boolean hard) throws IOException {
        Path dir = cpu.resolve(container);
        Cgroups.write(dir.resolve("cpu.shares"), Long.toString(CpuMath.shares(cpus)));
        if (hard) {
            Cgroups.write(dir.resolve("cpu.cfs_period_us"), Long.toString(CpuMath.PERIOD_MICROS));
            Cgroups.write(dir.resolve("cpu.cfs_quota_us"), Long.toString(CpuMath.quotaMicros(cpus)));
        }
    }

    @Override
    public double cpuSeconds(String container) {
        if (cpuacct == null) {
            return 0;
        }
        return Cgroups.readLong(cpuacct.resolve(container).resolve("cpuacct.usage")) / 1e9;
    }

    @Override
    public void limitPids(String container, long max) throws IOException {
        Cgroups.write(pids.resolve(container).resolve("pids.max"), Long.toString(max));
    }
}
