package io.atrium.tasks;

import io.atrium.api.ErrorCode;
import io.atrium.master.Master;
import io.atrium.master.MasterService;
import io.atrium.protocol.agent.LogData;
import io.atrium.protocol.agent.ReadLog;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Task logs for the REST layer, read through the task's agent (browsers never talk to
 * agents): range reads, and follow mode as a stream of lines, each carrying the byte offset
 * just after it so that a client resumes exactly where it stopped.
 */
@ApplicationScoped
public class TaskLogs {

    /** Most bytes one read asks an agent for. */
    static final int CHUNK = 64 * 1024;

    /** How long one follow read waits on the agent for new output. */
    static final long FOLLOW_WAIT_MILLIS = 10_000;

    /** One line of a followed log: its text and the offset after it. */
    public record Line(String text, long next) {}

    @Inject
    MasterService master;

    public Uni<LogChunk> read(String tenant, String taskId, ReadLog.Stream stream, long offset, int length) {
        ReadLog request = new ReadLog()
                .withStream(stream)
                .withOffset(offset)
                .withLength((long) length)
                .withWaitMillis(0L);
        return master.callAsync(() -> master.get().readLog(tenant, taskId, request))
                .onFailure()
                .transform(TaskLogs::problem)
                .map(read -> {
                    LogData data = answered(read.data(), taskId);
                    return new LogChunk(
                            data.getOffset(),
                            data.getSize(),
                            new String(Base64.getDecoder().decode(data.getData()), StandardCharsets.UTF_8));
                });
    }

    /**
     * The log's lines from {@code offset} on, as they are written; ends once the task has
     * ended and everything it wrote was sent. A last line without a newline is sent when the
     * task ends; a line longer than {@link #MAX_LINE} bytes is sent in pieces. Reads only as
     * fast as the client takes lines: a slow client holds at most one chunk in the master.
     */
    public Multi<Line> follow(String tenant, String taskId, ReadLog.Stream stream, long offset) {
        Follow follow = new Follow(offset);
        return Multi.createBy()
                .repeating()
                .completionStage(() -> next(follow, tenant, taskId, stream))
                .until(lines -> lines == END)
                .onFailure()
                .transform(TaskLogs::problem)
                .onItem()
                .transformToIterable(lines -> lines);
    }

    /** Most bytes of one line held before it is sent anyway. */
    static final int MAX_LINE = 64 * 1024;

    /** Marks the end of a follow (compared by identity). */
    private static final List<Line> END = new ArrayList<>();

    /** Where a follow stands: the next offset to read, the line begun, whether it is over. */
    private static final class Follow {
        long offset;
        final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        boolean over;

        Follow(long offset) {
            this.offset = offset;
        }
    }

    /** The complete lines of the next piece of the log (often none), or {@link #END}. */
    private CompletionStage<List<Line>> next(Follow follow, String tenant, String taskId, ReadLog.Stream stream) {
        if (follow.over) {
            return CompletableFuture.completedFuture(END);
        }
        ReadLog request = new ReadLog()
                .withStream(stream)
                .withOffset(follow.offset)
                .withLength((long) CHUNK)
                .withWaitMillis(FOLLOW_WAIT_MILLIS);
        Master core = master.get();
        return core.submit(() -> core.readLog(tenant, taskId, request))
                .thenCompose(stage -> stage)
                .handle((read, error) -> {
                    if (error != null) {
                        throw error instanceof CompletionException c ? c : new CompletionException(error);
                    }
                    LogData data = answered(read.data(), taskId);
                    byte[] bytes = Base64.getDecoder().decode(data.getData());
                    List<Line> lines = new ArrayList<>();
                    long position = data.getOffset();
                    for (byte b : bytes) {
                        if (b != '\n' && follow.pending.size() >= MAX_LINE) {
                            lines.add(new Line(follow.pending.toString(StandardCharsets.UTF_8), position));
                            follow.pending.reset();
                        }
                        position++;
                        if (b == '\n') {
                            lines.add(new Line(follow.pending.toString(StandardCharsets.UTF_8), position));
                            follow.pending.reset();
                        } else {
                            follow.pending.write(b);
                        }
                    }
                    follow.offset = position;
                    if (bytes.length == 0 && read.taskEnded()) {
                        if (follow.pending.size() > 0) {
                            lines.add(new Line(follow.pending.toString(StandardCharsets.UTF_8), position));
                        }
                        follow.over = true;
                    }
                    return lines;
                });
    }

    private static LogData answered(LogData data, String taskId) {
        if (data.getError() != null) {
            throw ErrorCode.NOT_FOUND.exception("No log for task " + taskId + ": " + data.getError());
        }
        return data;
    }

    private static Throwable problem(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof NoSuchElementException) {
            return ErrorCode.NOT_FOUND.exception(cause.getMessage());
        }
        if (cause instanceof IllegalStateException) {
            return ErrorCode.UNAVAILABLE.exception(cause.getMessage());
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return ErrorCode.UNAVAILABLE.exception("The task's agent did not answer in time");
        }
        return cause;
    }
}
