package io.atrium.tenancy;

import io.atrium.master.MasterService;
import io.atrium.master.RoleView;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What a tenant uses against its quota, for its members; platform admins set the quota. Rooted
 * at {@code /} like the event streams: a class at {@code /tenants/{tenant}} would take every
 * path below it from the other resources.
 */
@Path("/")
@Authenticated
@Tag(name = "usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    /** A tenant's allocation now, beside its quota. */
    @Schema(name = "Usage")
    public record Usage(
            @Schema(description = "Weight, guarantees, limits and what the tenant's roles hold now")
            RoleView quota,

            @Schema(description = "Its tasks that have not ended")
            int activeTasks) {}

    @Inject
    MasterService master;

    @Inject
    TenantAccess access;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/tenants/{tenant}/usage")
    @Operation(summary = "Usage against quota", description = "Current allocation and running tasks beside the quota")
    public Uni<Usage> usage(@PathParam("tenant") String tenant) {
        return access.require(identity, tenant, TenantAccess.READERS)
                .chain(() -> master.call(
                        () -> new Usage(master.get().role(tenant), master.get().activeTasks(tenant))));
    }

    @GET
    @Path("/tenants/{tenant}/quota")
    @Operation(summary = "The tenant's quota and weight", description = "Read-only here; platform admins change it")
    public Uni<RoleView> quota(@PathParam("tenant") String tenant) {
        return access.require(identity, tenant, TenantAccess.READERS)
                .chain(() -> master.call(() -> master.get().role(tenant)));
    }
}
