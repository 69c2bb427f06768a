package io.atrium.tenancy;

import io.atrium.api.ErrorCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who may touch a tenant's objects: its members (in the roles asked for) and platform
 * admins. Anyone else gets 404, never 403, so a tenant's existence is not confirmed to
 * outsiders. The tenancy issue grows this into the full policy.
 */
@ApplicationScoped
public class TenantAccess {

    public static final String PLATFORM_ADMIN = "platform-admin";

    public static final String TENANT_ADMIN = "tenant-admin";

    /** Roles that may manage the tenant's members and everyone's API tokens. */
    public static final Set<String> ADMINS = Set.of(TENANT_ADMIN);

    /** Roles that may submit and change work. */
    public static final Set<String> WRITERS = Set.of("tenant-admin", "developer");

    /** Every tenant role: reading is open to all members. */
    public static final Set<String> READERS = Set.of("tenant-admin", "developer", "viewer");

    /**
     * Completes when the caller may act on {@code tenant} with one of {@code roles}; fails with
     * 404 for outsiders and 403 for members whose role does not allow it.
     */
    public Uni<Void> require(SecurityIdentity identity, String tenant, Set<String> roles) {
        // Reuses the caller's session when it has one (@WithSession), opens one when not (streams).
        return Panache.withSession(() -> check(identity, tenant, roles));
    }

    private Uni<Void> check(SecurityIdentity identity, String tenant, Set<String> roles) {
        if (identity.hasRole(PLATFORM_ADMIN)) {
            return Tenant.<Tenant>findById(tenant).map(found -> {
                if (found == null) {
                    throw notFound(tenant);
                }
                return null;
            });
        }
        Optional<ApiTokens.Scope> token = ApiTokens.scope(identity);
        if (token.isPresent() && !token.get().tenant().equals(tenant)) {
            return Uni.createFrom().failure(notFound(tenant));
        }
        String subject = ((JsonWebToken) identity.getPrincipal()).getSubject();
        return Membership.<Membership>find("tenant = ?1 and subject = ?2", tenant, subject)
                .firstResult()
                .map(membership -> {
                    if (membership == null) {
                        throw notFound(tenant);
                    }
                    // A token does at most what its role allows, and never more than its owner now may.
                    String role = token.map(scope -> lesser(scope.role(), membership.role))
                            .orElse(membership.role);
                    if (!roles.contains(role)) {
                        throw ErrorCode.FORBIDDEN.exception("Your role in " + tenant + " (" + role + ")"
                                + (token.isPresent() ? " through this API token" : "") + " cannot do this");
                    }
                    return null;
                });
    }

    /** The caller's role in {@code tenant} (capped by their API token's); empty when not a member. */
    public Uni<Optional<String>> role(SecurityIdentity identity, String tenant) {
        Optional<ApiTokens.Scope> token = ApiTokens.scope(identity);
        if (token.isPresent() && !token.get().tenant().equals(tenant)) {
            return Uni.createFrom().item(Optional.empty());
        }
        String subject = ((JsonWebToken) identity.getPrincipal()).getSubject();
        return Panache.withSession(() -> Membership.<Membership>find("tenant = ?1 and subject = ?2", tenant, subject)
                .firstResult()
                .map(membership -> Optional.ofNullable(membership)
                        .map(found -> token.map(scope -> lesser(scope.role(), found.role))
                                .orElse(found.role))));
    }

    /**
     * The caller's tenants with their role in each, by tenant name; through an API token only
     * the token's tenant, with at most the token's role.
     */
    public Uni<List<CurrentUser.TenantRole>> memberships(SecurityIdentity identity) {
        Optional<ApiTokens.Scope> token = ApiTokens.scope(identity);
        String subject = ((JsonWebToken) identity.getPrincipal()).getSubject();
        return Panache.withSession(() -> Membership.<Membership>find("subject = ?1 order by tenant", subject)
                .list()
                .map(found -> found.stream()
                        .filter(membership -> token.map(scope -> scope.tenant().equals(membership.tenant))
                                .orElse(true))
                        .map(membership -> new CurrentUser.TenantRole(
                                membership.tenant,
                                token.map(scope -> lesser(scope.role(), membership.role))
                                        .orElse(membership.role)))
                        .toList()));
    }

    /**
     * Fails with 403 when the caller signed in with an API token: tokens and members are managed
     * by people, so that a leaked token cannot give itself a lasting foothold.
     */
    public Uni<Void> notThroughAToken(SecurityIdentity identity) {
        if (ApiTokens.scope(identity).isPresent()) {
            return Uni.createFrom()
                    .failure(ErrorCode.FORBIDDEN.exception("API tokens cannot do this: sign in as yourself to do it"));
        }
        return Uni.createFrom().voidItem();
    }

    /** The less powerful of two tenant roles. */
    static String lesser(String one, String other) {
        return RANK.indexOf(one) <= RANK.indexOf(other) ? one : other;
    }

    /** Tenant roles from least to most powerful. */
    private static final List<String> RANK = List.of("viewer", "developer", TENANT_ADMIN);

    private static RuntimeException notFound(String tenant) {
        return ErrorCode.NOT_FOUND.exception("No tenant " + tenant + " that you belong to");
    }
}
