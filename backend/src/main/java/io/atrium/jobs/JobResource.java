package io.atrium.jobs;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's batch jobs: submit, list, and follow each task's states. */
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
    @Operation(summary = "List the tenant's jobs")
    public Uni<List<JobView>> list(@PathParam("tenant") String tenant) {
        return access.require(identity, tenant, TenantAccess.READERS).chain(() -> jobs.list(tenant));
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "A job with each task's states and their times")
    public Uni<JobView> get(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return access.require(identity, tenant, TenantAccess.READERS).chain(() -> jobs.get(tenant, id));
    }
}
