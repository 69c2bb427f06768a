package io.atrium.cluster;

import io.atrium.master.MasterService;
import io.atrium.tenancy.CurrentUser;
import io.atrium.tenancy.TenantAccess;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The overview's numbers. Capacity, allocation and agent counts are the cluster's and name no
 * tenant, so every signed-in user sees them; task counts are scoped to the caller's tenants.
 */
@Path("/cluster")
@Authenticated
@Tag(name = "cluster")
public class ClusterResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    TenantAccess access;

    @Inject
    MasterService master;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The cluster at a glance",
            description = "Capacity and allocation of the connected agents, now and over the last hour; agents by"
                    + " state; tasks by state, every tenant's for platform admins and the caller's tenants'"
                    + " otherwise")
    public Uni<ClusterView> get() {
        if (identity.hasRole(TenantAccess.PLATFORM_ADMIN)) {
            return master.call(() -> master.get().overview(tenant -> true));
        }
        return access.memberships(identity).chain(memberships -> {
            Set<String> tenants =
                    memberships.stream().map(CurrentUser.TenantRole::tenant).collect(Collectors.toUnmodifiableSet());
            return master.call(() -> master.get().overview(tenants::contains));
        });
    }
}
