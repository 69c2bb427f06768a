package io.atrium.tasks;

import io.atrium.api.ErrorCode;
import io.atrium.master.Master;
import io.atrium.master.MasterService;
import io.atrium.protocol.agent.LogData;
import io.atrium.protocol.agent.ReadLog;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
     * task ends.
     */
    public Multi<Line> follow(String tenant, String taskId, ReadLog.Stream stream, long offset) {
        return Multi.createFrom().emitter(emitter -> next(emitter, tenant, taskId, stream, offset, new Pending()));
    }

    /** Bytes of a line that has not ended yet, and where they started. */
    private static final class Pending {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    }

    private void next(
            MultiEmitter<? super Line> emitter,
            String tenant,
            String taskId,
            ReadLog.Stream stream,
            long offset,
            Pending pending) {
        if (emitter.isCancelled()) {
            return;
        }
        ReadLog request = new ReadLog()
                .withStream(stream)
                .withOffset(offset)
                .withLength((long) CHUNK)
                .withWaitMillis(FOLLOW_WAIT_MILLIS);
        Master core = master.get();
        core.submit(() -> core.readLog(tenant, taskId, request))
                .thenCompose(stage -> stage)
                .whenComplete((read, error) -> {
                    if (error != null) {
                        emitter.fail(problem(error));
                        return;
                    }
                    LogData data;
                    try {
                        data = answered(read.data(), taskId);
                    } catch (RuntimeException e) {
                        emitter.fail(e);
                        return;
                    }
                    byte[] bytes = Base64.getDecoder().decode(data.getData());
                    long position = data.getOffset();
                    for (byte b : bytes) {
                        position++;
                        if (b == '\n') {
                            emitter.emit(new Line(pending.bytes.toString(StandardCharsets.UTF_8), position));
                            pending.bytes.reset();
                        } else {
                            pending.bytes.write(b);
                        }
                    }
                    if (bytes.length == 0 && read.taskEnded()) {
                        if (pending.bytes.size() > 0) {
                            emitter.emit(new Line(pending.bytes.toString(StandardCharsets.UTF_8), position));
                        }
                        emitter.complete();
                        return;
                    }
                    next(emitter, tenant, taskId, stream, position, pending);
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
