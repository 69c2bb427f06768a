package io.atrium.tenancy;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Chooses how a request authenticates. API clients send a bearer token and use the default
 * ({@code service}) OIDC tenant, which answers 401 when credentials are missing. Browsers log
 * in through {@code /login} and then carry a session cookie: those use the {@code web} tenant
 * (authorization-code flow, tokens kept server-side in an encrypted cookie).
 */
@ApplicationScoped
public class OidcTenantSelector implements TenantResolver {

    static final String WEB = "web";
    private static final String SESSION_COOKIE = "q_session_" + WEB;

    @Override
    public String resolve(RoutingContext context) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String path = context.normalizedPath();
        if (path.equals("/login") || path.equals("/logout") || hasSession(context)) {
            return WEB;
        }
        return null;
    }

    private static boolean hasSession(RoutingContext context) {
        for (Cookie cookie : context.request().cookies()) {
            if (cookie.getName().startsWith(SESSION_COOKIE)) {
                return true;
            }
        }
        return false;
    }
}
