package io.atrium.tenancy;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
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

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    @Operation(summary = "Who am I", description = "The logged-in user, their platform roles and tenant memberships")
    public Uni<CurrentUser> me() {
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        String subject = token.getSubject();
        return Membership.<Membership>find("subject = ?1 order by tenant", subject)
                .list()
                .map(memberships -> new CurrentUser(
                        subject,
                        token.<String>getClaim("preferred_username"),
                        token.<String>getClaim("name"),
                        token.<String>getClaim("email"),
                        identity.getRoles().stream().sorted().toList(),
                        memberships.stream()
                                .map(m -> new CurrentUser.TenantRole(m.tenant, m.role))
                                .flatMap(this::throughToken)
                                .toList()));
    }

    /** Through an API token, only the token's tenant, with at most the token's role. */
    private java.util.stream.Stream<CurrentUser.TenantRole> throughToken(CurrentUser.TenantRole membership) {
        return ApiTokens.scope(identity)
                .map(scope -> scope.tenant().equals(membership.tenant())
                        ? java.util.stream.Stream.of(new CurrentUser.TenantRole(
                                membership.tenant(), TenantAccess.lesser(scope.role(), membership.role())))
                        : java.util.stream.Stream.<CurrentUser.TenantRole>empty())
                .orElseGet(() -> java.util.stream.Stream.of(membership));
    }
}
