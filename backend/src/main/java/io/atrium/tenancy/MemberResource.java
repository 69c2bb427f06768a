package io.atrium.tenancy;

import io.atrium.api.Page;
import io.atrium.api.Versions;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/**
 * A tenant's members, managed by its tenant admins (and platform admins) without Keycloak
 * admin rights. Changes name the version they were made from (If-Match).
 */
@Path("/tenants/{tenant}/members")
@Authenticated
@Tag(name = "members")
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {

    private static final String ROLE = "tenant-admin|developer|viewer";
    private static final String ROLE_MESSAGE = "must be tenant-admin, developer or viewer";

    /** Someone to add: a user name or e-mail address of the realm, and their role. */
    @Schema(name = "MemberRequest")
    public record MemberRequest(
            @Schema(description = "User name or e-mail address in Keycloak", examples = "dave")
            @NotNull
            @Size(min = 1, max = 255)
            String user,

            @Schema(enumeration = {"tenant-admin", "developer", "viewer"})
            @NotNull
            @Pattern(regexp = ROLE, message = ROLE_MESSAGE)
            String role) {}

    /** A member's new role. */
    @Schema(name = "RoleRequest")
    public record RoleRequest(
            @Schema(enumeration = {"tenant-admin", "developer", "viewer"})
            @NotNull
            @Pattern(regexp = ROLE, message = ROLE_MESSAGE)
            String role) {}

    @Inject
    Members members;

    @Inject
    TenantAccess access;

    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "List the tenant's members", description = "Tenant admins only; by subject, a page at a time")
    public Uni<Page<MemberView>> list(
            @PathParam("tenant") String tenant,
            @Parameter(description = "From the `next` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500 (default 100)") @QueryParam("limit") String limit) {
        int size = Page.limit(limit);
        return access.require(identity, tenant, TenantAccess.ADMINS).chain(() -> members.list(tenant, cursor, size));
    }

    @GET
    @Path("/{subject}")
    @Operation(summary = "A member", description = "The ETag is the membership's version")
    @APIResponseSchema(MemberView.class)
    public Uni<Response> get(@PathParam("tenant") String tenant, @PathParam("subject") String subject) {
        return access.require(identity, tenant, TenantAccess.ADMINS)
                .chain(() -> members.get(tenant, subject))
                .map(member -> tagged(Response.ok(member), member));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add a member",
            description = "Finds the user in Keycloak by user name or e-mail; 400 naming `user` when there is no"
                    + " such user, 409 when they are a member already. Emits member.changed")
    @APIResponse(responseCode = "201", description = "Added")
    public Uni<Response> add(
            @PathParam("tenant") String tenant,
            @NotNull @Valid MemberRequest request,
            UriInfo uri,
            HttpServerRequest http) {
        return access.require(identity, tenant, TenantAccess.ADMINS)
                .chain(() -> access.notThroughAToken(identity))
                .chain(() -> members.add(tenant, request.user().strip(), request.role(), Actors.of(identity, http)))
                .map(member -> tagged(
                        Response.created(uri.getAbsolutePathBuilder()
                                        .path(member.subject())
                                        .build())
                                .entity(member),
                        member));
    }

    @PUT
    @Path("/{subject}/role")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change a member's role",
            description = "If-Match must name the version read: 412 when someone changed it since, 428 without. 409"
                    + " when it would leave the tenant without a tenant admin. Emits member.changed")
    @APIResponseSchema(MemberView.class)
    public Uni<Response> role(
            @PathParam("tenant") String tenant,
            @PathParam("subject") String subject,
            @Parameter(description = "The ETag the change is made from") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid RoleRequest request,
            HttpServerRequest http) {
        return access.require(identity, tenant, TenantAccess.ADMINS)
                .chain(() -> access.notThroughAToken(identity))
                .chain(() -> members.change(
                        tenant,
                        subject,
                        Versions.ifMatch(ifMatch, "this member"),
                        request.role(),
                        Actors.of(identity, http)))
                .map(member -> tagged(Response.ok(member), member));
    }

    @DELETE
    @Path("/{subject}")
    @Operation(
            summary = "Remove a member",
            description = "If-Match as for a role change; 409 for the last tenant admin. Their API tokens for this"
                    + " tenant stop working. Emits member.changed")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> remove(
            @PathParam("tenant") String tenant,
            @PathParam("subject") String subject,
            @Parameter(description = "The ETag the change is made from") @HeaderParam("If-Match") String ifMatch,
            HttpServerRequest http) {
        return access.require(identity, tenant, TenantAccess.ADMINS)
                .chain(() -> access.notThroughAToken(identity))
                .chain(() -> members.remove(
                        tenant, subject, Versions.ifMatch(ifMatch, "this member"), Actors.of(identity, http)))
                .map(removed -> Response.noContent().build());
    }

    private static Response tagged(Response.ResponseBuilder response, MemberView member) {
        return Versions.tagged(response, member.version()).build();
    }
}
