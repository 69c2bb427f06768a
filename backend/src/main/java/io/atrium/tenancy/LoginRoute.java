package io.atrium.tenancy;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Browser login at {@code /login}, outside the REST API. The path is protected by an HTTP
 * permission, so reaching this handler means the OIDC code flow with Keycloak has completed;
 * it sends the browser back to the portal. {@code /logout} is protected the same way and
 * handled entirely by Quarkus OIDC, which ends the session at Keycloak and returns to the portal.
 */
@ApplicationScoped
class LoginRoute {

    void register(@Observes Router router) {
        router.get("/login").handler(context -> context.redirect("/"));
    }
}
