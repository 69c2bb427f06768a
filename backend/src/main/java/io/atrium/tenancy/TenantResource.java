package io.atrium.tenancy;

import io.atrium.api.ErrorCode;
import io.atrium.api.Page;
import io.atrium.api.Versions;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tenants for platform admins: create, rename, suspend and resume, delete (with drain). */
@Path("/admin/tenants")
@RolesAllowed(TenantAccess.PLATFORM_ADMIN)
@Tag(name = "tenants")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

    /** A new tenant. */
    @Schema(name = "TenantRequest")
    public record TenantRequest(
            @Schema(
                    description = "Its id and top-level role: lower-case letters, digits and dashes",
                    examples = "initech")
            @NotNull
            @Pattern(
                    regexp = "[a-z][a-z0-9-]{1,62}",
                    message = "must be 2 to 63 lower-case letters, digits or dashes, starting with a letter")
            String name,

            @Schema(examples = "Initech")
            @NotNull
            @Size(min = 1, max = 200)
            @Pattern(regexp = ".*\\S.*", message = "must not be blank")
            String displayName) {}

    /** A change to a tenant: a new display name, suspended or resumed; absent fields stay. */
    @Schema(name = "TenantUpdate")
    public record TenantUpdate(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
            String displayName,

            @Schema(description = "true suspends (running work goes on, no new jobs), false resumes")
            Boolean suspended) {}

    @Inject
    Tenants tenants;

    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "List tenants", description = "By name, a page at a time")
    public Uni<Page<TenantView>> list(
            @Parameter(description = "From the `next` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500 (default 100)") @QueryParam("limit") String limit) {
        return tenants.list(cursor, Page.limit(limit));
    }

    @GET
    @Path("/{tenant}")
    @Operation(summary = "A tenant", description = "The ETag is its version: send it as If-Match to change it")
    @APIResponseSchema(TenantView.class)
    public Uni<Response> get(@PathParam("tenant") String tenant) {
        return tenants.get(tenant).map(view -> tagged(Response.ok(view), view));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a tenant", description = "409 when the name is taken. Emits tenant.created")
    @APIResponse(responseCode = "201", description = "Created")
    public Uni<Response> create(@NotNull @Valid TenantRequest request, UriInfo uri, HttpServerRequest http) {
        return tenants.create(request.name(), request.displayName().strip(), Actors.of(identity, http))
                .map(view -> tagged(
                        Response.created(uri.getAbsolutePathBuilder()
                                        .path(view.name())
                                        .build())
                                .entity(view),
                        view));
    }

    @PATCH
    @Path("/{tenant}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Rename, suspend or resume a tenant",
            description = "If-Match must name the version read: 412 when someone changed it since, 428 without."
                    + " Emits tenant.updated")
    @APIResponseSchema(TenantView.class)
    public Uni<Response> update(
            @PathParam("tenant") String tenant,
            @Parameter(description = "The ETag the change is made from") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid TenantUpdate change,
            HttpServerRequest http) {
        if (change.displayName() == null && change.suspended() == null) {
            throw ErrorCode.VALIDATION_FAILED.invalid("displayName", "give displayName, suspended or both");
        }
        long from = Versions.ifMatch(ifMatch, "this tenant");
        String displayName =
                change.displayName() == null ? null : change.displayName().strip();
        return tenants.update(tenant, from, displayName, change.suspended(), Actors.of(identity, http))
                .map(view -> tagged(Response.ok(view), view));
    }

    @DELETE
    @Path("/{tenant}")
    @Operation(
            summary = "Delete a tenant",
            description = "With its members, API tokens, jobs and quota. 204 when it is gone. While its tasks run:"
                    + " 409, or with drain=true 202 and the tenant in state DELETING: it is suspended, its tasks are"
                    + " killed, and it goes when the last has ended. If-Match is optional. Emits tenant.deleted")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "202", description = "Its tasks are being killed; it goes when they have ended")
    public Uni<Response> delete(
            @PathParam("tenant") String tenant,
            @Parameter(description = "Kill its running tasks first") @QueryParam("drain") @DefaultValue("false")
                    boolean drain,
            @Parameter(description = "The ETag the deletion is made from (optional)") @HeaderParam("If-Match")
                    String ifMatch,
            HttpServerRequest http) {
        Long from = ifMatch == null || ifMatch.isBlank() ? null : Versions.ifMatch(ifMatch, "this tenant");
        return tenants.delete(tenant, from, drain, Actors.of(identity, http))
                .map(deleting -> deleting.map(view -> tagged(Response.accepted(view), view))
                        .orElseGet(() -> Response.noContent().build()));
    }

    private static Response tagged(Response.ResponseBuilder response, TenantView view) {
        return Versions.tagged(response, view.version()).build();
    }
}
