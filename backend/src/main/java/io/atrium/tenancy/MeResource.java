package io.atrium.tenancy;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own identity and tenants: what the portal shows in its masthead. */
@Path("/me")
@Authenticated
@Tag(name = "identity")
public class MeResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    TenantAccess access;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who am I", description = "The logged-in user, their platform roles and tenant memberships")
    public Uni<CurrentUser> me() {
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        return access.memberships(identity)
                .map(memberships -> new CurrentUser(
                        token.getSubject(),
                        token.<String>getClaim("preferred_username"),
                        token.<String>getClaim("name"),
                        token.<String>getClaim("email"),
                        identity.getRoles().stream().sorted().toList(),
                        memberships));
    }
}
