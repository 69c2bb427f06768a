package io.atrium.agent.containerizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * cgroup v2: one unified hierarchy. Controllers must be enabled in every ancestor's
 * {@code cgroup.subtree_control} for a container's cgroup to get their files, so creating
 * a container enables memory, cpu and pids down the path from the root.
 */
public record CgroupsV2(Path root, Path parent) implements Cgroups {

    private static final List<String> CONTROLLERS = List.of("memory", "cpu", "pids");

    /** A v2 layout when a cgroup2 mount offers the memory, cpu and pids controllers. */
    static Optional<Cgroups> from(List<String[]> mounts, String parent) {
        for (String[] mount : mounts) {
            if (!mount[2].equals("cgroup2")) {
                continue;
            }
            Path root = Path.of(mount[1]);
            Set<String> offered = Set.of(
                    Cgroups.read(root.resolve("cgroup.controllers")).orElse("").split(" "));
            if (offered.containsAll(CONTROLLERS)) {
                return Optional.of(new CgroupsV2(root, root.resolve(parent)));
            }
        }
        return Optional.empty();
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public void create(String container) throws IOException {
        Path dir = root;
        for (Path name : root.relativize(parent)) {
            enableControllers(dir);
            dir = dir.resolve(name);
            Files.createDirectories(dir);
        }
        enableControllers(parent);
        Files.createDirectories(parent.resolve(container));
    }

    private static void enableControllers(Path dir) throws IOException {
        Path control = dir.resolve("cgroup.subtree_control");
        Set<String> enabled = Set.of(Cgroups.read(control).orElse("").split(" "));
        for (String controller : CONTROLLERS) {
            if (!enabled.contains(controller)) {
                Cgroups.write(control, "+" + controller);
            }
        }
    }

    @Override
    public List<Path> joinFiles(String container) {
        return List.of(parent.resolve(container).resolve("cgroup.procs"));
    }

    @Override
    public List<Long> pids(String container) {
        return Cgroups.procs(parent.resolve(container).resolve("cgroup.procs"));
    }

    @Override
    public void remove(String container) throws IOException {
        Cgroups.rmdir(parent.resolve(container));
    }

    @Override
    public void removeParent() {
        try {
            Cgroups.rmdir(parent);
        } catch (IOException busy) {
            // still in use
        }
    }

    @Override
    public List<String> containers() {
        return Cgroups.children(parent);
    }

    @Override
    public void limitMemory(String container, long bytes) throws IOException {
        Path dir = parent.resolve(container);
        Cgroups.write(dir.resolve("memory.max"), Long.toString(bytes));
        Path swap = dir.resolve("memory.swap.max");
        if (Files.exists(swap)) {
            Cgroups.write(swap, "0");
        }
        // One OOM kill takes the whole task, as Mesos' memory isolator does.
        Path group = dir.resolve("memory.oom.group");
        if (Files.exists(group)) {
            Cgroups.write(group, "1");
        }
    }

    @Override
    public MemoryStats memory(String container) {
        Path dir = parent.resolve(container);
        return new MemoryStats(
                Cgroups.readLong(dir.resolve("memory.current")),
                Cgroups.readLong(dir.resolve("memory.peak")),
                Cgroups.keyed(dir.resolve("memory.events"), "oom_kill"));
    }

    @Override
    public void limitCpu(String container, double cpus, boolean hard) throws IOException {
        Path dir = parent.resolve(container);
        Cgroups.write(dir.resolve("cpu.weight"), Long.toString(CpuMath.weight(cpus)));
        String quota = hard ? Long.toString(CpuMath.quotaMicros(cpus)) : "max";
        Cgroups.write(dir.resolve("cpu.max"), quota + " " + CpuMath.PERIOD_MICROS);
    }

    @Override
    public double cpuSeconds(String container) {
        return Cgroups.keyed(parent.resolve(container).resolve("cpu.stat"), "usage_usec") / 1e6;
    }

    @Override
    public void limitPids(String container, long max) throws IOException {
        Cgroups.write(parent.resolve(container).resolve("pids.max"), Long.toString(max));
    }
}
