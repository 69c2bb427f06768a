package io.atrium.jobs;

import io.atrium.api.Page;
import io.atrium.api.PageRequest;
import io.atrium.api.Problem;
import io.atrium.tenancy.Actors;
import io.atrium.tenancy.TenantAccess;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's batch jobs: submit, list, follow each task's states, kill and run again. */
@Path("/tenants/{tenant}/jobs")
@Authenticated
@Tag(name = "jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    @Inject
    JobService jobs;

    @Inject
    TenantAccess access;

    @Inject
    SecurityIdentity identity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @WithSession
    @Operation(
            summary = "Submit a job",
            description = "Runs the command as the given number of instances; answers 201 with the job once it is"
                    + " recorded")
    public Uni<Response> submit(
            @PathParam("tenant") String tenant,
            @NotNull @Valid JobRequest request,
            UriInfo uri,
            HttpServerRequest http) {
        return access.require(identity, tenant, TenantAccess.WRITERS)
                .chain(() -> jobs.submit(tenant, request, Actors.of(identity, http)))
                .map(job -> Response.created(
                                uri.getAbsolutePathBuilder().path(job.id()).build())
                        .entity(job)
                        .build());
    }

    @GET
    @WithSession
    @Operation(
            summary = "List the tenant's jobs",
            description = "Newest first, a page at a time: `items` holds at most `limit` jobs, and `next`, when"
                    + " not null, is the cursor of the following page (pass it as `cursor`). Pages neither"
                    + " repeat nor skip jobs submitted while a client walks them")
    @APIResponse(responseCode = "200", description = "A page of jobs")
    @APIResponse(
            responseCode = "400",
            description = "`limit` outside 1..500, or a `cursor` this list did not give; the problem names the field",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "limit", value = Page.BAD_LIMIT_EXAMPLE)))
    public Uni<Page<JobView>> list(
            @PathParam("tenant") String tenant,
            @Parameter(
                            description = "Jobs a page holds at most, 1 to 500",
                            example = "100",
                            schema = @Schema(type = SchemaType.INTEGER, defaultValue = "100"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(description = "The `next` of the previous page; absent for the first page") @QueryParam("cursor")
                    String cursor) {
        PageRequest page = PageRequest.of("jobs", limit, cursor);
        return access.require(identity, tenant, TenantAccess.READERS).chain(() -> jobs.list(tenant, page));
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(
            summary = "A job with each task's states and their times",
            description = "While instances wait to launch, `waiting` says why, from the master's own reasoning:"
                    + " QUOTA (a quota limit leaves too little headroom; `quota` gives each resource's limit, what"
                    + " the tenant holds and the headroom), CAPACITY (no agent the job may use has room now),"
                    + " CONSTRAINTS (no agent taking tasks satisfies its constraints), BACKOFF (failed instances wait"
                    + " for their retry at `retryAt`) or NEXT_OFFER (there is room: the next offer launches it)")
    public Uni<JobView> get(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return access.require(identity, tenant, TenantAccess.READERS).chain(() -> jobs.get(tenant, id));
    }

    @POST
    @Path("/{id}/kill")
    @WithSession
    @Operation(
            summary = "Kill a job",
            description = "Kills every active task of the job (each ends TASK_KILLED) and launches none of its"
                    + " instances that have not run yet, nor retries any. Answers 202 with the job KILLING while its"
                    + " tasks are being killed, or 200 once it has ended: at once when nothing of it was running."
                    + " Killing a job that has already ended (FINISHED, FAILED or KILLED) changes nothing and answers"
                    + " 200 with the job as it is")
    @APIResponse(
            responseCode = "202",
            description = "The job is KILLING: its tasks are being killed",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(
            responseCode = "200",
            description = "The job has ended: KILLED now, or as it was if it had ended before",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "403", description = "Viewers cannot kill jobs")
    @APIResponse(responseCode = "404", description = "No such job in a tenant you belong to")
    public Uni<Response> kill(@PathParam("tenant") String tenant, @PathParam("id") String id, HttpServerRequest http) {
        return access.require(identity, tenant, TenantAccess.WRITERS)
                .chain(() -> jobs.kill(tenant, id, Actors.of(identity, http)))
                .map(job -> Response.status(job.state() == JobView.JobState.KILLING ? 202 : 200)
                        .entity(job)
                        .build());
    }

    @POST
    @Path("/{id}/rerun")
    @WithSession
    @Operation(
            summary = "Run a job again",
            description = "Submits a new job with the same spec as this one (which may have ended or be running)."
                    + " It is checked as any submission is — valid, and within the tenant's quota limits and agent"
                    + " sizes as they are now — and answers 201 with the new job and its Location")
    @APIResponse(
            responseCode = "201",
            description = "The new job",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such job in a tenant you belong to")
    @APIResponse(
            responseCode = "422",
            description = "The spec can no longer run (the quota limit or the agents shrank)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> rerun(
            @PathParam("tenant") String tenant, @PathParam("id") String id, UriInfo uri, HttpServerRequest http) {
        return access.require(identity, tenant, TenantAccess.WRITERS)
                .chain(() -> jobs.rerun(tenant, id, Actors.of(identity, http)))
                .map(job -> Response.created(uri.getBaseUriBuilder()
                                .path(JobResource.class)
                                .path(job.id())
                                .build(tenant))
                        .entity(job)
                        .build());
    }
}
