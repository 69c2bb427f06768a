package io.atrium.tenancy;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Browser login and logout. {@code /login} is protected by an HTTP permission, so reaching it
 * means the OIDC code flow with Keycloak has completed; it then sends the browser back to the
 * portal. {@code /logout} is handled by Quarkus OIDC for a logged-in session; this endpoint
 * answers only when there is no session to end.
 */
@Path("/")
@Tag(name = "identity")
public class LoginResource {

    @GET
    @Path("login")
    @Operation(summary = "Log in through Keycloak, then return to the portal")
    public Response login() {
        return Response.seeOther(URI.create("/")).build();
    }

    @GET
    @Path("logout")
    @Operation(summary = "End the browser session at Keycloak, then return to the portal")
    public Response logout() {
        return Response.seeOther(URI.create("/")).build();
    }
}
