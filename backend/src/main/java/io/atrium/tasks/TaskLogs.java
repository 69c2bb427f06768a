package io.atrium.tasks;

import io.atrium.api.ErrorCode;
import io.atrium.master.Master;
import io.atrium.master.MasterService;
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
import java.util.concurrent.CompletionException;

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
        return read(tenant, taskId, stream, offset, length, 0)
                .map(read -> new LogChunk(
                        read.data().getOffset(),
                        read.data().getSize(),
                        new String(Base64.getDecoder().decode(read.data().getData()), StandardCharsets.UTF_8)));
    }

    /** One read through the task's agent; an agent that has no such log answers as not found. */
    private Uni<Master.LogRead> read(
            String tenant, String taskId, ReadLog.Stream stream, long offset, long length, long waitMillis) {
        ReadLog request = new ReadLog()
                .withStream(stream)
                .withOffset(offset)
                .withLength(length)
                .withWaitMillis(waitMillis);
        return master.callAsync(() -> master.get().readLog(tenant, taskId, request))
                .onFailure()
                .transform(TaskLogs::problem)
                .invoke(read -> {
                    if (read.data().getError() != null) {
                        throw ErrorCode.NOT_FOUND.exception(
                                "No log for task " + taskId + ": " + read.data().getError());
                    }
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
                .uni(() -> follow.over
                        ? Uni.createFrom().item(END)
                        : read(tenant, taskId, stream, follow.offset, CHUNK, FOLLOW_WAIT_MILLIS)
                                .map(follow::lines))
                .until(lines -> lines == END)
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

        /** The complete lines a read brought (often none); the follow is over once the task ended and went quiet. */
        List<Line> lines(Master.LogRead read) {
            byte[] bytes = Base64.getDecoder().decode(read.data().getData());
            List<Line> lines = new ArrayList<>();
            long position = read.data().getOffset();
            for (byte b : bytes) {
                if (b != '\n' && pending.size() >= MAX_LINE) {
                    lines.add(new Line(pending.toString(StandardCharsets.UTF_8), position));
                    pending.reset();
                }
                position++;
                if (b == '\n') {
                    lines.add(new Line(pending.toString(StandardCharsets.UTF_8), position));
                    pending.reset();
                } else {
                    pending.write(b);
                }
            }
            offset = position;
            if (bytes.length == 0 && read.taskEnded()) {
                if (pending.size() > 0) {
                    lines.add(new Line(pending.toString(StandardCharsets.UTF_8), position));
                }
                over = true;
            }
            return lines;
        }
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
