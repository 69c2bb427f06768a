package io.atrium.agent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Rotates a running task's {@code stdout} and {@code stderr} once they pass a size, the way
 * logrotate's {@code copytruncate} does (Mesos' LogrotateContainerLogger): the file is copied
 * to {@code stdout.1} (older copies move up to {@code .keep}, the oldest is dropped) and cut
 * to zero; the task keeps writing to the same open file, at its new end. What the task writes
 * between the copy and the cut is lost — the price of not putting a pipe between the task
 * and its files.
 */
final class LogRotator {

    private final long maxBytes;
    private final int keep;

    LogRotator(long maxBytes, int keep) {
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    /** Rotates the sandbox's logs that are over the size; returns the ones it rotated. */
    List<Path> rotate(Path sandbox) {
        return List.of("stdout", "stderr").stream()
                .map(sandbox::resolve)
                .filter(this::rotateFile)
                .toList();
    }

    private boolean rotateFile(Path log) {
        // The task owns its sandbox: a link or pipe in place of its log is left alone, never followed.
        if (!Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (FileChannel channel =
                FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            if (channel.size() <= maxBytes) {
                return false;
            }
            Files.deleteIfExists(numbered(log, keep));
            for (int i = keep - 1; i >= 1; i--) {
                if (Files.exists(numbered(log, i), LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(numbered(log, i), numbered(log, i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.deleteIfExists(numbered(log, 1));
            try (FileChannel copy = FileChannel.open(
                    numbered(log, 1),
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                long size = channel.size();
                for (long done = 0; done < size; ) {
                    done += channel.transferTo(done, size - done, copy);
                }
            }
            channel.truncate(0);
            return true;
        } catch (IOException e) {
            return false; // the sandbox went away, or the task raced us: nothing to rotate now
        }
    }

    private static Path numbered(Path log, int n) {
        return log.resolveSibling(log.getFileName() + "." + n);
    }
}
