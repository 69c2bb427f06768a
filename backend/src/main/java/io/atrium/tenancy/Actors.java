package io.atrium.tenancy;

import io.atrium.protocol.events.Actor;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who made a change, as events and the audit trail record it: subject, user name, client address. */
public final class Actors {

    private Actors() {}

    public static Actor of(SecurityIdentity identity, HttpServerRequest request) {
        Actor actor = new Actor().withUsername(identity.getPrincipal().getName());
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            actor.setSubject(token.getSubject());
        } else {
            actor.setSubject(identity.getPrincipal().getName());
        }
        ApiTokens.scope(identity).ifPresent(token -> actor.setToken(token.id()));
        if (request != null && request.remoteAddress() != null) {
            actor.setAddress(request.remoteAddress().hostAddress());
        }
        return actor;
    }
}
