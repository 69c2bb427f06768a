package io.atrium.agent;

import io.atrium.protocol.agent.AgentCall;
import io.atrium.protocol.agent.FileEntry;
import io.atrium.protocol.agent.FileFault;
import io.atrium.protocol.agent.FileList;
import io.atrium.protocol.agent.ListFiles;
import io.atrium.protocol.agent.LogData;
import io.atrium.protocol.agent.ReadFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Answers the master's LIST_FILES and READ_FILE requests from a task's latest sandbox, also
 * after the task ended: the entries of a directory, or a byte range of a file. Every path is
 * confined to the sandbox by {@link SandboxPath}; what cannot be served is answered with a
 * {@link FileFault} and a reason, never with an exception.
 *
 * <p>Runs on {@code reads}, off the agent's loop, like {@link LogReader}: one answer is at most
 * {@link #MAX_ENTRIES} entries or one read's bytes.
 */
final class SandboxFiles {

    /** Most entries one FILE_LIST carries, to stay well under the WebSocket message cap. */
    static final int MAX_ENTRIES = 500;

    private final Checkpoints checkpoints;
    private final Executor reads;
    private final Predicate<AgentCall> send;

    SandboxFiles(Checkpoints checkpoints, Executor reads, Predicate<AgentCall> send) {
        this.checkpoints = checkpoints;
        this.reads = reads;
        this.send = send;
    }

    void list(ListFiles request) {
        offLoop(
                () -> listNow(request),
                fault -> send.test(new AgentCall()
                        .withType(AgentCall.Type.FILE_LIST)
                        .withFileList(new FileList()
                                .withRequestId(request.getRequestId())
                                .withPath(request.getPath())
                                .withEntries(List.of())
                                .withError(fault)
                                .withFault(FileFault.UNREADABLE))));
    }

    void read(ReadFile request) {
        offLoop(
                () -> readNow(request),
                fault -> send.test(new AgentCall()
                        .withType(AgentCall.Type.LOG_DATA)
                        .withLogData(new LogData()
                                .withRequestId(request.getRequestId())
                                .withOffset(0L)
                                .withSize(0L)
                                .withData("")
                                .withError(fault)
                                .withFault(FileFault.UNREADABLE))));
    }

    /** Runs {@code work} on {@link #reads}; when it is full or the work fails unexpectedly, {@code failed} answers. */
    private void offLoop(Runnable work, java.util.function.Consumer<String> failed) {
        try {
            reads.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) { // a path the platform cannot encode, a directory gone mid-listing
                    failed.accept("the agent could not read it");
                    throw e;
                }
            });
        } catch (RejectedExecutionException e) {
            failed.accept(e.getMessage());
        }
    }

    void listNow(ListFiles request) {
        FileList answer = new FileList().withRequestId(request.getRequestId()).withPath(request.getPath());
        try {
            answer.withEntries(entries(request.getFrameworkId(), request.getTaskId(), request.getPath(), answer));
        } catch (SandboxPath.Refused e) {
            answer.withEntries(List.of()).withError(e.getMessage()).withFault(e.fault());
        }
        send.test(new AgentCall().withType(AgentCall.Type.FILE_LIST).withFileList(answer));
    }

    void readNow(ReadFile request) {
        LogData answer = new LogData()
                .withRequestId(request.getRequestId())
                .withOffset(0L)
                .withSize(0L)
                .withData("");
        try {
            read(request, answer);
        } catch (SandboxPath.Refused e) {
            answer.withError(e.getMessage()).withFault(e.fault());
        }
        send.test(new AgentCall().withType(AgentCall.Type.LOG_DATA).withLogData(answer));
    }

    /** The entries of a sandbox directory (unsorted, at most {@link #MAX_ENTRIES}). */
    List<FileEntry> entries(String frameworkId, String taskId, String path, FileList answer)
            throws SandboxPath.Refused {
        Path root = sandbox(frameworkId, taskId);
        List<String> segments = SandboxPath.resolve(root, path);
        if (!Files.isDirectory(root.resolve(String.join("/", segments)), LinkOption.NOFOLLOW_LINKS)) {
            throw new SandboxPath.Refused(FileFault.NOT_A_DIRECTORY, "'" + path + "' is not a directory");
        }
        List<FileEntry> entries = new ArrayList<>();
        try (SecureDirectoryStream<Path> directory = SandboxPath.openDirectory(root, segments)) {
            for (Path entry : directory) {
                if (entries.size() == MAX_ENTRIES) {
                    answer.withTruncated(true);
                    break;
                }
                entry(directory, entry.getFileName()).ifPresent(entries::add);
            }
        } catch (SandboxPath.Refused e) {
            throw e;
        } catch (IOException e) {
            throw failure(e, path);
        }
        return entries;
    }

    private static Optional<FileEntry> entry(SecureDirectoryStream<Path> directory, Path name) {
        try {
            BasicFileAttributes attributes = directory
                    .getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
            return Optional.of(new FileEntry()
                    .withName(name.toString())
                    .withDirectory(attributes.isDirectory())
                    .withSymlink(attributes.isSymbolicLink())
                    .withSize(attributes.size())
                    .withModifiedAt(attributes.lastModifiedTime().toMillis()));
        } catch (IOException e) {
            return Optional.empty(); // gone since it was listed
        }
    }

    private void read(ReadFile request, LogData answer) throws SandboxPath.Refused {
        Path root = sandbox(request.getFrameworkId(), request.getTaskId());
        List<String> segments = SandboxPath.resolve(root, request.getPath());
        if (segments.isEmpty()) {
            throw new SandboxPath.Refused(FileFault.NOT_A_FILE, "the sandbox is a directory");
        }
        Path name = Path.of(segments.getLast());
        try (SecureDirectoryStream<Path> directory =
                SandboxPath.openDirectory(root, segments.subList(0, segments.size() - 1))) {
            BasicFileAttributes attributes = directory
                    .getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
            // Never open a pipe or a device the task put there: opening a FIFO would block the agent.
            if (!attributes.isRegularFile()) {
                throw new SandboxPath.Refused(
                        FileFault.NOT_A_FILE,
                        "'" + request.getPath() + "' is "
                                + (attributes.isDirectory() ? "a directory" : "not a plain file"));
            }
            try (SeekableByteChannel channel =
                    directory.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                long size = channel.size();
                long offset = request.getOffset() < 0
                        ? Math.max(0, size - request.getLength())
                        : Math.min(request.getOffset(), size);
                int length = (int) Math.max(0, Math.min(request.getLength(), size - offset));
                ByteBuffer buffer = ByteBuffer.allocate(length);
                channel.position(offset);
                while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                    // keep reading until the range is full or the file ends
                }
                byte[] data = new byte[buffer.position()];
                buffer.flip().get(data);
                answer.withOffset(offset)
                        .withSize(size)
                        .withData(Base64.getEncoder().encodeToString(data));
            }
        } catch (SandboxPath.Refused e) {
            throw e;
        } catch (IOException e) {
            throw failure(e, request.getPath());
        }
    }

    private static SandboxPath.Refused failure(IOException e, String path) {
        if (e instanceof NoSuchFileException) {
            return new SandboxPath.Refused(FileFault.NOT_FOUND, "no '" + path + "' in the sandbox");
        }
        if (e instanceof AccessDeniedException) {
            return new SandboxPath.Refused(FileFault.UNREADABLE, "'" + path + "' may not be read");
        }
        // The exception's message names the sandbox's place on the host: kept out of the answer.
        return new SandboxPath.Refused(
                FileFault.UNREADABLE,
                "could not read '" + path + "' (" + e.getClass().getSimpleName() + ")");
    }

    /** The real path of the task's most recent sandbox. */
    private Path sandbox(String frameworkId, String taskId) throws SandboxPath.Refused {
        try {
            return latestRun(checkpoints, frameworkId, taskId)
                    .orElseThrow(() -> noSandbox(taskId))
                    .toRealPath();
        } catch (IllegalArgumentException e) {
            throw new SandboxPath.Refused(FileFault.INVALID_PATH, e.getMessage());
        } catch (IOException e) {
            throw noSandbox(taskId);
        }
    }

    private static SandboxPath.Refused noSandbox(String taskId) {
        return new SandboxPath.Refused(FileFault.NOT_FOUND, "task " + taskId + " has no sandbox on this agent");
    }

    /** The directory of the task's most recent run, if it has one here. */
    static Optional<Path> latestRun(Checkpoints checkpoints, String frameworkId, String taskId) {
        Checkpoints.requireSafe(taskId);
        Checkpoints.requireSafe(frameworkId);
        Path runs = checkpoints.sandbox(frameworkId, taskId, "x").getParent();
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (Stream<Path> list = Files.list(runs)) {
            return list.filter(Files::isDirectory).max(Comparator.comparing(SandboxFiles::modified));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
