package io.atrium.tenancy;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who is calling: identity from the token, tenant roles from Atrium's memberships. */
@Schema(name = "CurrentUser")
public record CurrentUser(
        @Schema(description = "Keycloak subject (stable user id)")
        String subject,

        @Schema(description = "Login name", examples = "bob")
        String username,

        @Schema(description = "Display name", examples = "Bob Builder")
        String name,

        String email,

        @Schema(description = "Platform roles, e.g. platform-admin")
        List<String> roles,

        @Schema(description = "Tenants this user belongs to, with the role in each")
        List<TenantRole> memberships) {

    /** The caller's role in one tenant. */
    public record TenantRole(String tenant, String role) {}
}
