package io.atrium.agent;

import io.atrium.protocol.agent.AgentCall;
import io.atrium.protocol.agent.LogData;
import io.atrium.protocol.agent.ReadLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Answers the master's READ_LOG requests from a task's latest sandbox, also after the task
 * ended: a byte range of {@code stdout} or {@code stderr}; in follow mode it waits (polling
 * every {@link #POLL_MILLIS} ms) for the file to grow before answering empty.
 *
 * <p>Reads run on {@code reads}, off the agent's loop (a task can put a pipe in place of its
 * log); the waits between polls are timers on the loop. An answer the master cannot get (not
 * connected) is dropped: the master times the request out.
 */
final class LogReader {

    static final long POLL_MILLIS = 20;

    private final Checkpoints checkpoints;
    private final ScheduledExecutorService loop;
    private final Executor reads;
    private final Clock clock;
    private final Predicate<AgentCall> send;

    LogReader(
            Checkpoints checkpoints,
            ScheduledExecutorService loop,
            Executor reads,
            Clock clock,
            Predicate<AgentCall> send) {
        this.checkpoints = checkpoints;
        this.loop = loop;
        this.reads = reads;
        this.clock = clock;
        this.send = send;
    }

    void read(ReadLog request) {
        long waitMillis = request.getWaitMillis() == null ? 0 : request.getWaitMillis();
        readOffLoop(request, clock.millis() + waitMillis);
    }

    private void readOffLoop(ReadLog request, long deadline) {
        try {
            reads.execute(() -> read(request, deadline));
        } catch (RejectedExecutionException e) {
            answer(request, 0, 0, new byte[0], e.getMessage());
        }
    }

    private void read(ReadLog request, long deadline) {
        Optional<Path> file;
        try {
            file = logFile(request);
        } catch (IllegalArgumentException e) {
            answer(request, 0, 0, new byte[0], e.getMessage());
            return;
        }
        if (file.isEmpty() || Files.notExists(file.get(), LinkOption.NOFOLLOW_LINKS)) {
            if (clock.millis() < deadline) {
                // Followed before it started (staging, fetching): wait for its log to appear.
                loop.schedule(() -> readOffLoop(request, deadline), POLL_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            answer(
                    request,
                    0,
                    0,
                    new byte[0],
                    "task " + request.getTaskId() + " has no " + request.getStream() + " on this agent");
            return;
        }
        // The task owns its sandbox: never read through a link it put in place of its log (O_NOFOLLOW),
        // nor open a pipe or device there (opening a FIFO would block the agent).
        if (Files.exists(file.get(), LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(file.get(), LinkOption.NOFOLLOW_LINKS)) {
            answer(request, 0, 0, new byte[0], "the task's " + request.getStream() + " is not a plain file");
            return;
        }
        try (FileChannel channel = FileChannel.open(file.get(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            long offset = request.getOffset() < 0
                    ? Math.max(0, size - request.getLength())
                    // past the end: the file was rotated (cut to zero) since; go on from its start
                    : request.getOffset() > size ? 0 : request.getOffset();
            if (offset >= size && clock.millis() < deadline) {
                loop.schedule(() -> readOffLoop(request, deadline), POLL_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            int length = (int) Math.max(0, Math.min(request.getLength(), size - offset));
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // keep reading until the range is full or the file ends
            }
            byte[] data = new byte[buffer.position()];
            buffer.flip().get(data);
            answer(request, offset, size, data, null);
        } catch (FileSystemException e) {
            if (!(e instanceof NoSuchFileException)) {
                answer(request, 0, 0, new byte[0], "the task's " + request.getStream() + " is not a plain file");
                return;
            }
            answer(request, 0, 0, new byte[0], "task " + request.getTaskId() + " has no " + request.getStream());
        } catch (IOException e) {
            answer(request, 0, 0, new byte[0], "could not read the log: " + e.getMessage());
        }
    }

    /** The stream's file in the task's most recent run. */
    private Optional<Path> logFile(ReadLog request) throws IllegalArgumentException {
        return SandboxFiles.latestRun(checkpoints, request.getFrameworkId(), request.getTaskId())
                .map(run -> run.resolve(request.getStream().value()));
    }

    private void answer(ReadLog request, long offset, long size, byte[] data, String error) {
        send.test(new AgentCall()
                .withType(AgentCall.Type.LOG_DATA)
                .withLogData(new LogData()
                        .withRequestId(request.getRequestId())
                        .withOffset(offset)
                        .withSize(size)
                        .withData(Base64.getEncoder().encodeToString(data))
                        .withError(error)));
    }
}
