package io.atrium.agent;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

/**
 * Garbage-collects sandboxes as Mesos' agent does: a sandbox whose task is not running is
 * removed once it is older than {@code gcDelay × max(0, 1 − headroom − disk used)} — a week
 * on an empty disk, sooner as the disk fills, at once when it is nearly full. Age is the time
 * since anything in the sandbox's top level last changed. Sandboxes of running tasks are
 * never touched.
 */
final class SandboxCollector {

    private final Path sandboxes;
    private final Duration gcDelay;
    private final double headroom;
    private final Clock clock;
    private final DoubleSupplier diskUsed;

    /** @param diskUsed the fraction of the work dir's file system in use, 0 to 1 */
    SandboxCollector(Path sandboxes, Duration gcDelay, double headroom, Clock clock, DoubleSupplier diskUsed) {
        this.sandboxes = sandboxes;
        this.gcDelay = gcDelay;
        this.headroom = headroom;
        this.clock = clock;
        this.diskUsed = diskUsed;
    }

    /** The oldest a finished sandbox may be now. */
    Duration maxAge() {
        double factor = Math.max(0, 1 - headroom - diskUsed.getAsDouble());
        return Duration.ofMillis((long) (gcDelay.toMillis() * factor));
    }

    /** Removes sandboxes older than {@link #maxAge()} that are not in {@code live}; returns them. */
    List<Path> collect(Set<Path> live) {
        Instant cutoff = clock.instant().minus(maxAge());
        List<Path> removed = new ArrayList<>();
        for (Path run : runs()) {
            if (live.contains(run) || lastChange(run).isAfter(cutoff)) {
                continue;
            }
            if (deleteSecurely(run)) {
                removed.add(run);
            }
            deleteIfEmpty(run.getParent());
            deleteIfEmpty(run.getParent().getParent());
        }
        return removed;
    }

    /** sandboxes/framework/task/run directories. */
    private List<Path> runs() {
        List<Path> runs = new ArrayList<>();
        for (Path framework : list(sandboxes)) {
            for (Path task : list(framework)) {
                runs.addAll(list(task));
            }
        }
        return runs;
    }

    private static Instant lastChange(Path run) {
        Instant latest = modified(run);
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.toList()) {
                Instant time = modified(file);
                latest = time.isAfter(latest) ? time : latest;
            }
        } catch (IOException e) {
            // gone meanwhile
        }
        return latest;
    }

    /**
     * Deletes a tree a task owned without ever following a link in it, even one swapped in
     * while we delete: every step is relative to an open directory (openat/unlinkat).
     */
    static boolean deleteSecurely(Path dir) {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
                return false; // no safe way here: leave it
            }
            deleteContents(secure);
        } catch (IOException e) {
            return false;
        }
        try {
            Files.delete(dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteContents(SecureDirectoryStream<Path> dir) throws IOException {
        for (Path entry : dir) {
            Path name = entry.getFileName();
            BasicFileAttributes attributes = dir.getFileAttributeView(
                            name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
            if (attributes.isDirectory()) {
                try (SecureDirectoryStream<Path> child = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                    deleteContents(child);
                }
                dir.deleteDirectory(name);
            } else {
                dir.deleteFile(name);
            }
        }
    }

    private static Instant modified(Path path) {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException notEmpty) {
            // another run or task is still there
        }
    }
}
