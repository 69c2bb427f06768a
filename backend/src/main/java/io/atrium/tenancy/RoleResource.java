package io.atrium.tenancy;

import io.atrium.allocator.Quota;
import io.atrium.api.ErrorCode;
import io.atrium.api.Problem;
import io.atrium.master.MasterService;
import io.atrium.master.RoleView;
import io.atrium.protocol.events.Actor;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Roles (tenants) in the allocator for platform admins: weight and quota, taking effect at
 * once. Kept in memory for now; the tenancy issue stores and audits them.
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
    MasterService master;

    @GET
    @Operation(summary = "A role's weight, quota and current allocation")
    public Uni<RoleView> get(@PathParam("role") String role) {
        String valid = valid(role);
        return master.call(() -> master.get().role(valid));
    }

    @PUT
    @Path("/quota")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a role's quota", description = "Guarantees are held back for it; limits are never passed")
    public Uni<RoleView> quota(
            @PathParam("role") String role, @NotNull @Valid QuotaRequest request, HttpServerRequest http) {
        String valid = valid(role);
        Quota quota;
        try {
            quota = Quota.of(QuotaRequest.text(request.guarantees()), QuotaRequest.text(request.limits()));
        } catch (IllegalArgumentException e) {
            throw new io.atrium.api.AtriumException(
                    ErrorCode.VALIDATION_FAILED,
                    "Fix the fields listed in errors",
                    List.of(new Problem.FieldError("guarantees", e.getMessage())));
        }
        Actor actor = Actors.of(identity, http);
        return master.call(() -> master.get().updateQuota(valid, quota, actor));
    }

    @PUT
    @Path("/weight")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a role's weight in weighted DRF")
    public Uni<RoleView> weight(
            @PathParam("role") String role, @NotNull @Valid WeightRequest request, HttpServerRequest http) {
        String valid = valid(role);
        Actor actor = Actors.of(identity, http);
        return master.call(() -> master.get().updateWeight(valid, request.weight(), actor));
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
