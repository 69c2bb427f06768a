package io.atrium.tasks;

import io.atrium.api.AtriumException;
import io.atrium.api.ErrorCode;
import io.atrium.api.Problem;
import io.atrium.master.MasterService;
import io.atrium.protocol.agent.ReadLog;
import io.atrium.tenancy.TenantAccess;
import io.atrium.tenancy.TenantStream;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's tasks: their states and their logs. Another tenant's task is simply not found. */
@Path("/tenants/{tenant}/tasks/{id}")
@Authenticated
@Tag(name = "tasks")
public class TaskResource {

    /** One read travels as one agent WebSocket message (base64, under its 256 KiB cap). */
    private static final int MAX_LENGTH = 128 * 1024;

    @Inject
    MasterService master;

    @Inject
    TaskLogs logs;

    @Inject
    TenantAccess access;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A task with its states, their times and reasons")
    public Uni<TaskView> get(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return access.require(identity, tenant, TenantAccess.READERS)
                .chain(() -> master.call(() -> master.get().task(tenant, id)))
                .map(task -> task.orElseThrow(() -> ErrorCode.NOT_FOUND.exception("No task " + id + " in " + tenant)));
    }

    @GET
    @Path("/logs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Read a piece of the task's stdout or stderr",
            description = "Bytes [offset, offset + length) of the file as it is now; offset -1 reads the last"
                    + " `length` bytes. For new output as it is written, ask with Accept: text/event-stream")
    public Uni<LogChunk> read(
            @PathParam("tenant") String tenant,
            @PathParam("id") String id,
            @QueryParam("stream") @DefaultValue("stdout") String stream,
            @QueryParam("offset") @DefaultValue("0") long offset,
            @QueryParam("length") @DefaultValue("65536") int length,
            @QueryParam("follow") @DefaultValue("false") boolean follow) {
        if (follow) {
            throw invalid("follow", "follow=true streams: ask with Accept: text/event-stream");
        }
        ReadLog.Stream file = stream(stream);
        if (offset < -1) {
            throw invalid("offset", "must be -1 (the end) or a byte offset, got " + offset);
        }
        if (length < 0 || length > MAX_LENGTH) {
            throw invalid("length", "must be between 0 and " + MAX_LENGTH + ", got " + length);
        }
        return access.require(identity, tenant, TenantAccess.READERS)
                .chain(() -> logs.read(tenant, id, file, offset, length));
    }

    @GET
    @Path("/logs")
    // qs < 1: a client that accepts anything (*/*) gets the JSON range read, not a stream.
    @Produces(MediaType.SERVER_SENT_EVENTS + ";qs=0.5")
    @TenantStream
    @Operation(
            summary = "Follow the task's stdout or stderr",
            description = "One event per line, from `offset` (or just after the event id in Last-Event-ID) on, as"
                    + " lines are written; each event's id is the byte offset after its line. Ends after the"
                    + " task has ended and all its output was sent")
    public Multi<OutboundSseEvent> follow(
            @PathParam("tenant") String tenant,
            @PathParam("id") String id,
            @QueryParam("stream") @DefaultValue("stdout") String stream,
            @QueryParam("offset") @DefaultValue("0") long offset,
            @Parameter(description = "Resume after this event") @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        ReadLog.Stream file = stream(stream);
        long from = lastEventId == null ? offset : resumeAt(lastEventId);
        if (from < 0) {
            throw invalid("offset", "must be a byte offset, got " + from);
        }
        // TenantStream has refused outsiders before the stream began; this is the same check, kept close.
        return access.require(identity, tenant, TenantAccess.READERS)
                .onItem()
                .transformToMulti(ignored -> logs.follow(tenant, id, file, from))
                .map(line -> sse.newEventBuilder()
                        .id(Long.toString(line.next()))
                        .name("line")
                        .data(line.text())
                        .build());
    }

    private static long resumeAt(String lastEventId) {
        try {
            return Long.parseLong(lastEventId.strip());
        } catch (NumberFormatException e) {
            throw invalid("Last-Event-ID", "must be an event id this stream sent, got '" + lastEventId + "'");
        }
    }

    private static ReadLog.Stream stream(String name) {
        try {
            return ReadLog.Stream.fromValue(name);
        } catch (IllegalArgumentException e) {
            throw invalid("stream", "must be stdout or stderr, got '" + name + "'");
        }
    }

    private static AtriumException invalid(String field, String reason) {
        return new AtriumException(
                ErrorCode.VALIDATION_FAILED,
                "Fix the fields listed in errors",
                List.of(new Problem.FieldError(field, reason)));
    }
}
