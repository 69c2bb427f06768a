package io.atrium.tenancy;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a {@link TenantStream} before it starts to anyone who may not read its tenant: 404
 * to outsiders, as every tenant read. Anonymous callers pass on to the method's own
 * authentication check (401).
 */
public class TenantStreamFilter {

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    TenantAccess access;

    @ServerRequestFilter
    @TenantStream
    public Uni<Void> mayRead(UriInfo uri) {
        String tenant = uri.getPathParameters().getFirst("tenant");
        return identities
                .getDeferredIdentity()
                .chain(identity -> identity.isAnonymous() || tenant == null
                        ? Uni.createFrom().voidItem()
                        : access.require(identity, tenant, TenantAccess.READERS));
    }
}
