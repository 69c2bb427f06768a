package io.atrium.tasks;

import io.atrium.api.AtriumException;
import io.atrium.api.ErrorCode;
import io.atrium.api.Page;
import io.atrium.api.PageRequest;
import io.atrium.api.Problem;
import io.atrium.master.MasterService;
import io.atrium.protocol.agent.ReadLog;
import io.atrium.protocol.agent.TaskState;
import io.atrium.tenancy.TenantAccess;
import io.atrium.tenancy.TenantStream;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A tenant's tasks: the list, each one's states and logs, killing one. Another tenant's task
 * is simply not found.
 */
@Path("/tenants/{tenant}/tasks")
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
    TaskHistory history;

    @Inject
    TenantAccess access;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    @Operation(
            summary = "List the tenant's tasks",
            description = "Every task the tenant ran, ended ones included, newest first, a page at a time:"
                    + " `items` holds at most `limit` tasks and `next`, when not null, is the cursor of the following"
                    + " page (pass it as `cursor`, with the same filters). A task launched a moment ago may show up"
                    + " a moment later")
    @APIResponse(responseCode = "200", description = "A page of tasks")
    @APIResponse(
            responseCode = "400",
            description = "An unknown `state`, `limit` outside 1..500, or a `cursor` this list did not give; the"
                    + " problem names the field",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "limit", value = Page.BAD_LIMIT_EXAMPLE)))
    public Uni<Page<TaskSummary>> list(
            @PathParam("tenant") String tenant,
            @Parameter(
                            description = "Only tasks in this state; repeat it, or separate states with commas, for"
                                    + " any of several",
                            example = "TASK_RUNNING")
                    @QueryParam("state")
                    List<String> states,
            @Parameter(description = "Only the tasks of this job") @QueryParam("job") String job,
            @Parameter(
                            description = "Tasks a page holds at most, 1 to 500",
                            example = "100",
                            schema = @Schema(type = SchemaType.INTEGER, defaultValue = "100"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(description = "The `next` of the previous page; absent for the first page") @QueryParam("cursor")
                    String cursor) {
        TaskHistory.Filter filter = new TaskHistory.Filter(states(states), job == null || job.isBlank() ? null : job);
        PageRequest page = PageRequest.of("tasks", limit, cursor);
        return access.require(identity, tenant, TenantAccess.READERS).chain(() -> history.list(tenant, filter, page));
    }

    @POST
    @Path("/{id}/kill")
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    @Operation(
            summary = "Kill a task",
            description = "Asks its agent to kill it (SIGTERM, then SIGKILL after its grace period); it goes"
                    + " TASK_KILLING, then TASK_KILLED. Answers 202 with the task while it is being killed, 200 with"
                    + " it as it is if it has already ended. The framework that launched it decides what follows: a"
                    + " job retries a killed instance if it has retries left, like any failure — to stop a job's"
                    + " instances for good, kill the job")
    @APIResponse(
            responseCode = "202",
            description = "The kill is under way",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskView.class)))
    @APIResponse(
            responseCode = "200",
            description = "The task had already ended; nothing changed",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "403", description = "Viewers cannot kill tasks")
    @APIResponse(responseCode = "404", description = "No such task in a tenant you belong to")
    public Uni<Response> kill(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return access.require(identity, tenant, TenantAccess.WRITERS)
                .chain(() -> master.call(() -> master.get().kill(tenant, id)))
                .map(task -> task.orElseThrow(() -> notFound(tenant, id)))
                .map(task -> Response.status(TaskStateMachine.isTerminal(task.state()) ? 200 : 202)
                        .entity(task)
                        .build());
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A task with its states, their times and reasons")
    public Uni<TaskView> get(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return access.require(identity, tenant, TenantAccess.READERS)
                .chain(() -> master.call(() -> master.get().task(tenant, id)))
                .map(task -> task.orElseThrow(() -> notFound(tenant, id)));
    }

    @GET
    @Path("/{id}/logs")
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
    @Path("/{id}/logs")
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

    private static AtriumException notFound(String tenant, String id) {
        return ErrorCode.NOT_FOUND.exception("No task " + id + " in " + tenant);
    }

    /** The states asked for (repeated or comma-separated); an unknown one is a 400 naming {@code state}. */
    private static Set<TaskState> states(List<String> given) {
        Set<TaskState> states = EnumSet.noneOf(TaskState.class);
        for (String value : given == null ? List.<String>of() : given) {
            for (String name : value.split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    states.add(TaskState.fromValue(name.strip()));
                } catch (IllegalArgumentException e) {
                    throw invalid(
                            "state",
                            "must be a task state such as TASK_RUNNING or TASK_FINISHED, got '" + name.strip() + "'");
                }
            }
        }
        return states;
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
