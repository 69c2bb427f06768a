package io.atrium.agent.containerizer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * disk/du with enforcement, as Mesos' posix/disk isolator: every {@code interval} the
 * sandbox's size is measured; a task holding more than its {@code disk} resource is ended
 * with {@code REASON_CONTAINER_LIMITATION_DISK}. A task without a disk resource is measured,
 * never limited. Works without root.
 */
public final class DiskIsolator implements Isolator {

    private static final long MIB = 1024 * 1024;

    private record Measured(Instant at, long bytes) {}

    private final Duration interval;
    private final Clock clock;
    private final Map<String, Measured> measured = new ConcurrentHashMap<>();
    private final Set<String> measuring = ConcurrentHashMap.newKeySet();

    DiskIsolator(Duration interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public Optional<Limitation> watch(Container container) {
        long bytes = measure(container);
        long limitMiB = container.resources().diskMiB();
        if (limitMiB <= 0 || bytes <= limitMiB * MIB) {
            return Optional.empty();
        }
        return Optional.of(new Limitation(
                "REASON_CONTAINER_LIMITATION_DISK",
                "Disk limit exceeded: the sandbox holds " + (bytes + MIB - 1) / MIB + " MiB, over its " + limitMiB
                        + " MiB"));
    }

    @Override
    public Usage usage(Container container) {
        return new Usage(0, 0, 0, measure(container));
    }

    @Override
    public void cleanup(Container container) {
        measuring.remove(container.id());
        measured.remove(container.id());
    }

    /**
     * The sandbox's size as last measured (0 before the first figure). A figure older than
     * the interval is refreshed in the background: walking a sandbox with millions of files
     * must not hold up the agent's loop.
     */
    private long measure(Container container) {
        String id = container.id();
        Instant now = clock.instant();
        Measured last = measured.get(id);
        if ((last == null || !last.at().plus(interval).isAfter(now)) && measuring.add(id)) {
            Thread.ofVirtual().name("disk-" + id).start(() -> {
                measured.put(id, new Measured(clock.instant(), size(container.sandbox())));
                if (!measuring.remove(id)) {
                    measured.remove(id); // cleaned up meanwhile
                }
            });
        }
        return last == null ? 0 : last.bytes();
    }

    /** Apparent size of every regular file under {@code dir}; links are not followed. */
    static long size(Path dir) {
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        total[0] += attributes.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // deleted while we walked
                }
            });
        } catch (IOException e) {
            // the sandbox is gone
        }
        return total[0];
    }
}
