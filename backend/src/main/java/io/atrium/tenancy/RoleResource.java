package io.atrium.tenancy;

import io.atrium.allocator.Quota;
import io.atrium.api.ErrorCode;
import io.atrium.api.Problem;
import io.atrium.api.Versions;
import io.atrium.events.EventType;
import io.atrium.master.RoleView;
import io.atrium.protocol.events.Actor;
import io.atrium.protocol.events.QuotaChanged;
import io.atrium.protocol.events.WeightChanged;
import io.atrium.resources.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Roles (tenants) in the allocator for platform admins: weight and quota, stored and audited
 * ({@link RoleSettings}) and taking effect at once; changes name the version they were made
 * from (If-Match), so two admins cannot overwrite each other.
 */
@Path("/admin/roles/{role}")
@RolesAllowed(TenantAccess.PLATFORM_ADMIN)
@Tag(name = "roles")
@Produces(MediaType.APPLICATION_JSON)
public class RoleResource {

    /** A weight for weighted DRF. */
    public record WeightRequest(
            @NotNull @DecimalMin("0.001") @DecimalMax("1000")
            Double weight) {}

    @Inject
    SecurityIdentity identity;

    @Inject
    RoleSettings settings;

    @GET
    @Operation(
            summary = "A role's weight, quota and current allocation",
            description = "The ETag header is the version of the role's settings: send it as If-Match to change them")
    @APIResponseSchema(RoleView.class)
    public Uni<Response> get(@PathParam("role") String role) {
        return settings.get(valid(role)).map(RoleResource::withVersion);
    }

    @PUT
    @Path("/quota")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set a role's quota",
            description =
                    "Guarantees are held back for it; limits are never passed; maxTasks caps its tasks at once. If-Match must name the"
                            + " version read (the ETag of GET): 412 when someone changed it since, 428 without If-Match")
    @APIResponseSchema(RoleView.class)
    public Uni<Response> quota(
            @PathParam("role") String role,
            @Parameter(description = "The ETag the change is made from") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid QuotaRequest request,
            HttpServerRequest http) {
        String valid = valid(role);
        long from = version(ifMatch);
        String guarantees = QuotaRequest.text(request.guarantees());
        String limits = QuotaRequest.text(request.limits());
        Quota quota;
        try {
            quota = Quota.of(guarantees, limits);
        } catch (IllegalArgumentException e) {
            throw new io.atrium.api.AtriumException(
                    ErrorCode.VALIDATION_FAILED,
                    "Fix the fields listed in errors",
                    List.of(new Problem.FieldError("guarantees", e.getMessage())));
        }
        Actor actor = Actors.of(identity, http);
        return settings.update(
                        valid,
                        from,
                        current -> new RoleSettings.Setting(
                                valid, current.weight(), guarantees, limits, request.maxTasks(), 0),
                        EventType.QUOTA_CHANGED,
                        written -> new QuotaChanged()
                                .withRole(valid)
                                .withGuarantee(
                                        RoleSettings.amounts(quota.guarantees().asMap()))
                                .withLimit(RoleSettings.amounts(quota.limits()))
                                .withMaxTasks(
                                        request.maxTasks() == null
                                                ? null
                                                : request.maxTasks().longValue())
                                .withActor(actor))
                .map(RoleResource::withVersion);
    }

    @PUT
    @Path("/weight")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set a role's weight in weighted DRF",
            description = "If-Match must name the version read (the ETag of GET), as for the quota")
    @APIResponseSchema(RoleView.class)
    public Uni<Response> weight(
            @PathParam("role") String role,
            @Parameter(description = "The ETag the change is made from") @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid WeightRequest request,
            HttpServerRequest http) {
        String valid = valid(role);
        long from = version(ifMatch);
        Actor actor = Actors.of(identity, http);
        return settings.update(
                        valid,
                        from,
                        current -> new RoleSettings.Setting(
                                valid, request.weight(), current.guarantees(), current.limits(), current.maxTasks(), 0),
                        EventType.WEIGHT_CHANGED,
                        written -> new WeightChanged()
                                .withRole(valid)
                                .withWeight(request.weight())
                                .withActor(actor))
                .map(RoleResource::withVersion);
    }

    private static Response withVersion(RoleSettings.Versioned role) {
        return Versions.tagged(Response.ok(role.role()), role.version()).build();
    }

    private static long version(String ifMatch) {
        return Versions.ifMatch(ifMatch, "this role");
    }

    private static String valid(String role) {
        String problem = Roles.problem(role);
        if (problem != null) {
            throw new io.atrium.api.AtriumException(
                    ErrorCode.VALIDATION_FAILED,
                    "The role is not valid",
                    List.of(new Problem.FieldError("role", problem)));
        }
        return role;
    }
}
