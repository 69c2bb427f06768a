package io.atrium.agent.containerizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host's cgroup hierarchy as the containerizer uses it: one cgroup per container under
 * this agent's own parent cgroup, limits written into it, statistics read from it. cgroup v1
 * and v2 name their files differently; {@link CgroupsV1} and {@link CgroupsV2} hide that.
 *
 * <p>Container ids are file names; callers pass only ids they made.
 */
public sealed interface Cgroups permits CgroupsV1, CgroupsV2 {

    /** Memory figures of one container. */
    record MemoryStats(long currentBytes, long peakBytes, long oomKills) {}

    /**
     * Finds the hierarchy from a {@code /proc/mounts}-style file: v1 when a v1 hierarchy holds
     * the memory controller, else v2 when the unified hierarchy offers it, else none.
     *
     * @param parent this agent's parent cgroup, relative to each hierarchy's root
     */
    static Optional<Cgroups> detect(Path mounts, String parent) {
        List<String[]> lines = new ArrayList<>();
        try (Stream<String> all = Files.lines(mounts)) {
            all.map(line -> line.split(" ")).filter(f -> f.length >= 4).forEach(lines::add);
        } catch (IOException e) {
            return Optional.empty();
        }
        Optional<Cgroups> v1 = CgroupsV1.from(lines, parent);
        if (v1.isPresent()) {
            return v1;
        }
        return CgroupsV2.from(lines, parent);
    }

    /** "v1" or "v2". */
    String version();

    /** Creates the container's cgroup(s); existing ones are reused. */
    void create(String container) throws IOException;

    /** The files a process writes {@code 0} into to move itself into the container. */
    List<Path> joinFiles(String container);

    /** Host pids of the processes in the container; empty when it has no cgroup. */
    List<Long> pids(String container);

    /** Removes the container's cgroup(s); they must be empty. Missing ones are fine. */
    void remove(String container) throws IOException;

    /** Removes this agent's parent cgroup(s) if no container is left in them; best effort. */
    void removeParent();

    /** Ids of the containers that have a cgroup under this agent's parent. */
    List<String> containers();

    void limitMemory(String container, long bytes) throws IOException;

    MemoryStats memory(String container);

    /** Proportional cpu share for {@code cpus}; with {@code hard}, also a CFS cap at that many cpus. */
    void limitCpu(String container, double cpus, boolean hard) throws IOException;

    /** Cpu time the container's processes used, in seconds. */
    double cpuSeconds(String container);

    void limitPids(String container, long max) throws IOException;

    // ---- file helpers shared by both versions ----

    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }

    /** The whole file, trimmed; empty when the file is missing or unreadable. */
    static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static long readLong(Path file) {
        return read(file)
                .map(text -> {
                    try {
                        return Long.parseLong(text);
                    } catch (NumberFormatException e) {
                        return 0L;
                    }
                })
                .orElse(0L);
    }

    /** A {@code key value} line's value from a flat-keyed file such as memory.events; 0 when absent. */
    static long keyed(Path file, String key) {
        return read(file).stream()
                .flatMap(String::lines)
                .map(line -> line.split(" "))
                .filter(f -> f.length == 2 && f[0].equals(key))
                .mapToLong(f -> Long.parseLong(f[1]))
                .findFirst()
                .orElse(0L);
    }

    static List<Long> procs(Path file) {
        return read(file).stream()
                .flatMap(String::lines)
                .filter(line -> !line.isBlank())
                .map(Long::parseLong)
                .toList();
    }

    static List<String> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** rmdir, as cgroupfs wants (its control files cannot be deleted one by one). */
    static void rmdir(Path dir) throws IOException {
        try {
            Files.delete(dir);
        } catch (NoSuchFileException gone) {
            // already removed
        }
    }
}
