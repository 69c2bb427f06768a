package io.atrium.tasks;

import io.atrium.api.AtriumException;
import io.atrium.api.ErrorCode;
import io.atrium.master.MasterService;
import io.atrium.protocol.agent.FileEntry;
import io.atrium.protocol.agent.FileFault;
import io.atrium.protocol.agent.ListFiles;
import io.atrium.protocol.agent.LogData;
import io.atrium.protocol.agent.ReadFile;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * The files of a task's sandbox for the REST layer, read through the task's agent: listing a
 * directory, reading a byte range, and a whole file as a stream of chunks. Paths are checked
 * here first ({@link #checkPath}) so that a malformed one never reaches an agent; the agent
 * checks again and is the only judge of symbolic links (it sees the files).
 */
@ApplicationScoped
public class TaskFiles {

    /** Most bytes one read asks an agent for (one WebSocket message, base64, under its cap). */
    static final int CHUNK = 128 * 1024;

    /** Longest path accepted, as the agent protocol allows. */
    static final int MAX_PATH = 4096;

    private static final Comparator<SandboxEntry> DIRECTORIES_FIRST =
            Comparator.comparing((SandboxEntry entry) -> !entry.directory()).thenComparing(SandboxEntry::name);

    /** A read of a whole file: its first chunk and the file's size when it began. */
    public record Download(String name, byte[] first, long size) {}

    @Inject
    MasterService master;

    public Uni<SandboxListing> list(String tenant, String taskId, String path) {
        String directory = checkPath(path, true);
        ListFiles request = new ListFiles().withPath(directory);
        return master.callAsync(() -> master.get().listFiles(tenant, taskId, request))
                .onFailure()
                .transform(TaskFiles::problem)
                .map(list -> {
                    if (list.getError() != null) {
                        throw refused(taskId, directory, list.getFault(), list.getError());
                    }
                    List<SandboxEntry> entries = list.getEntries().stream()
                            .map(entry -> entry(directory, entry))
                            .sorted(DIRECTORIES_FIRST)
                            .toList();
                    return new SandboxListing(directory, entries, Boolean.TRUE.equals(list.getTruncated()));
                });
    }

    public Uni<LogChunk> read(String tenant, String taskId, String path, long offset, int length) {
        return bytes(tenant, taskId, checkPath(path, false), offset, length)
                .map(data -> new LogChunk(
                        data.getOffset(),
                        data.getSize(),
                        new String(Base64.getDecoder().decode(data.getData()), StandardCharsets.UTF_8)));
    }

    /** The first chunk of a file to download; fails as a problem before anything is sent. */
    public Uni<Download> startDownload(String tenant, String taskId, String path) {
        String file = checkPath(path, false);
        return bytes(tenant, taskId, file, 0, CHUNK)
                .map(data -> new Download(
                        file.substring(file.lastIndexOf('/') + 1),
                        Base64.getDecoder().decode(data.getData()),
                        data.getSize()));
    }

    /**
     * The whole file, chunk after chunk, up to the size it had when the download began: a
     * file that grows meanwhile is cut there, one that shrinks ends early. Reads only as fast
     * as the client takes the bytes.
     */
    public Multi<byte[]> rest(String tenant, String taskId, String path, Download download) {
        String file = checkPath(path, false);
        long[] offset = {download.first().length};
        Multi<byte[]> following = Multi.createBy()
                .repeating()
                .uni(() -> bytes(tenant, taskId, file, offset[0], (int) Math.min(CHUNK, download.size() - offset[0]))
                        .map(data -> {
                            byte[] bytes = Base64.getDecoder().decode(data.getData());
                            offset[0] += bytes.length;
                            return bytes;
                        }))
                .whilst(bytes -> bytes.length > 0 && offset[0] < download.size());
        if (download.first().length == 0 || offset[0] >= download.size()) {
            following = Multi.createFrom().empty();
        }
        return Multi.createBy()
                .concatenating()
                .streams(Multi.createFrom().item(download.first()), following)
                .filter(bytes -> bytes.length > 0);
    }

    private Uni<LogData> bytes(String tenant, String taskId, String path, long offset, int length) {
        ReadFile request = new ReadFile().withPath(path).withOffset(offset).withLength((long) length);
        return master.callAsync(() -> master.get().readFile(tenant, taskId, request))
                .onFailure()
                .transform(TaskFiles::problem)
                .invoke(data -> {
                    if (data.getError() != null) {
                        throw refused(taskId, path, data.getFault(), data.getError());
                    }
                });
    }

    /**
     * The path as the agent expects it ('/'-separated segments, no trailing '/'), or a 400
     * naming {@code path}: absolute paths, {@code ..}, {@code .} and empty segments never leave
     * the master.
     */
    static String checkPath(String path, boolean directory) {
        String given = path == null ? "" : path;
        if (given.isEmpty() || given.equals("/") && directory) {
            if (directory) {
                return "";
            }
            throw invalidPath("must name a file in the sandbox, such as stdout");
        }
        if (given.length() > MAX_PATH) {
            throw invalidPath("must be at most " + MAX_PATH + " characters");
        }
        if (given.startsWith("/")) {
            throw invalidPath("must be relative to the task's sandbox, not absolute: '" + given + "'");
        }
        if (given.indexOf('\0') >= 0 || given.indexOf('\\') >= 0) {
            throw invalidPath("must not contain NUL or '\\'");
        }
        String trimmed = given.endsWith("/") ? given.substring(0, given.length() - 1) : given;
        for (String segment : trimmed.split("/", -1)) {
            if (segment.equals("..")) {
                throw invalidPath("must stay inside the task's sandbox: '..' is not allowed");
            }
            if (segment.isEmpty() || segment.equals(".")) {
                throw invalidPath("must not contain empty or '.' segments: '" + given + "'");
            }
        }
        return trimmed;
    }

    private static SandboxEntry entry(String directory, FileEntry entry) {
        return new SandboxEntry(
                entry.getName(),
                directory.isEmpty() ? entry.getName() : directory + "/" + entry.getName(),
                Boolean.TRUE.equals(entry.getDirectory()),
                Boolean.TRUE.equals(entry.getSymlink()),
                entry.getSize(),
                Instant.ofEpochMilli(entry.getModifiedAt()));
    }

    /**
     * What the agent refused: a missing file (404), the agent unable to read it now (503: busy,
     * or an I/O error), or else the caller's mistake (400 naming path).
     */
    private static AtriumException refused(String taskId, String path, FileFault fault, String error) {
        if (fault == null || fault == FileFault.NOT_FOUND) {
            return ErrorCode.NOT_FOUND.exception("No '" + path + "' in the sandbox of task " + taskId + ": " + error);
        }
        if (fault == FileFault.UNREADABLE) {
            return ErrorCode.UNAVAILABLE.exception(
                    "The agent of task " + taskId + " could not read '" + path + "' now: " + error);
        }
        return invalidPath(error);
    }

    private static AtriumException invalidPath(String reason) {
        return ErrorCode.VALIDATION_FAILED.invalid("path", reason);
    }

    private static Throwable problem(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof NoSuchElementException) {
            return ErrorCode.NOT_FOUND.exception(cause.getMessage());
        }
        if (cause instanceof IllegalStateException) {
            return ErrorCode.UNAVAILABLE.exception(cause.getMessage());
        }
        if (cause instanceof TimeoutException) {
            return ErrorCode.UNAVAILABLE.exception("The task's agent did not answer in time");
        }
        return cause;
    }
}
