package io.atrium.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The agent's files under its work dir, and how they are written: a checkpoint is written to
 * a temporary file, forced to disk and renamed, so a crash leaves either the old or the new
 * content, never half of one.
 *
 * <pre>
 * meta/agent-id                              the id the master gave this agent
 * meta/tasks/{taskId}/task.json              what was launched
 * meta/tasks/{taskId}/run.json               pid, start time, sandbox of the running process
 * meta/tasks/{taskId}/updates/{seq}.json     status updates not yet acknowledged, in order
 * sandboxes/{frameworkId}/{taskId}/{runId}/  stdout, stderr, the command's exit status
 * </pre>
 */
final class Checkpoints {

    /** Ids become path segments: only these characters are accepted. */
    static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path root;

    Checkpoints(Path root) {
        this.root = root;
    }

    /**
     * Creates the work dir's two halves with their permissions: {@code meta} (checkpoints, the
     * tasks' specs and environments) for root only; {@code sandboxes} passable but not
     * listable, so a task reaches its own sandbox and cannot find another's.
     */
    void secureLayout() {
        try {
            Files.createDirectories(root.resolve("meta"));
            Files.setPosixFilePermissions(root.resolve("meta"), PosixFilePermissions.fromString("rwx------"));
            Files.createDirectories(root.resolve("sandboxes"));
            Files.setPosixFilePermissions(root.resolve("sandboxes"), PosixFilePermissions.fromString("rwx--x--x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a run's sandbox: its parents passable only, itself the agent's alone until it is handed over. */
    Path createSandbox(String frameworkId, String taskId, String runId) throws IOException {
        Path sandbox = sandbox(frameworkId, taskId, runId);
        Files.createDirectories(sandbox);
        Files.setPosixFilePermissions(sandbox.getParent().getParent(), PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(sandbox.getParent(), PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(sandbox, PosixFilePermissions.fromString("rwx------"));
        return sandbox;
    }

    Path agentIdFile() {
        return root.resolve("meta").resolve("agent-id");
    }

    Path tasksDir() {
        return root.resolve("meta").resolve("tasks");
    }

    Path taskDir(String taskId) {
        return tasksDir().resolve(requireSafe(taskId));
    }

    Path sandbox(String frameworkId, String taskId, String runId) {
        return root.resolve("sandboxes")
                .resolve(requireSafe(frameworkId))
                .resolve(requireSafe(taskId))
                .resolve(runId);
    }

    static String requireSafe(String id) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a valid id (letters, digits, '.', '_', '-')");
        }
        return id;
    }

    static void writeJson(Path file, Object value) {
        try {
            write(file, JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T readJson(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(
                    temporary,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
