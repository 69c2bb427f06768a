package io.atrium.launcher;

import io.atrium.infra.InfraException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code <state>/run}: the launcher's pid while it runs, and the pid and start time of every
 * process it started. A launcher that was killed outright cannot clean up after itself; the
 * next {@code up} or {@code down} finds what it left from these records and stops it.
 */
final class RunDirectory {

    private final Path dir;

    RunDirectory(Path stateDir) {
        this.dir = stateDir.resolve("run");
    }

    /** The running launcher of this state directory, if any. */
    Optional<ProcessHandle> launcher() {
        return read(dir.resolve("launcher.pid")).stream()
                .map(Tracked::parse)
                .flatMap(tracked -> tracked.alive().stream())
                .findFirst();
    }

    /** Records this process as the launcher; fails if another one runs. */
    void claim() {
        launcher().ifPresent(other -> {
            throw new InfraException("Atrium is already running from " + dir.getParent() + " (pid " + other.pid()
                    + "): stop it with ./atrium down");
        });
        write(
                dir.resolve("launcher.pid"),
                List.of(Tracked.of(ProcessHandle.current()).line()),
                false);
        write(dir.resolve("children.pids"), List.of(), false);
    }

    /** Remembers a started process so that it can be stopped even if the launcher dies. */
    void track(ProcessHandle process) {
        write(dir.resolve("children.pids"), List.of(Tracked.of(process).line()), true);
    }

    /** Processes recorded by an earlier launcher that are still alive. */
    List<ProcessHandle> leftovers() {
        return read(dir.resolve("children.pids")).stream()
                .map(Tracked::parse)
                .flatMap(tracked -> tracked.alive().stream())
                .toList();
    }

    void release() {
        try {
            Files.deleteIfExists(dir.resolve("launcher.pid"));
            Files.deleteIfExists(dir.resolve("children.pids"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Path file, List<String> lines, boolean append) {
        try {
            Files.createDirectories(dir);
            Files.write(
                    file,
                    lines,
                    StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pid with its start time, so a recycled pid is never mistaken for ours. */
    private record Tracked(long pid, Instant started) {

        static Tracked of(ProcessHandle process) {
            return new Tracked(process.pid(), process.info().startInstant().orElse(Instant.EPOCH));
        }

        static Tracked parse(String line) {
            String[] parts = line.trim().split("\\s+");
            return new Tracked(Long.parseLong(parts[0]), Instant.parse(parts[1]));
        }

        String line() {
            return pid + " " + started;
        }

        Optional<ProcessHandle> alive() {
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle ->
                            handle.info().startInstant().map(started::equals).orElse(false));
        }
    }
}
