package io.atrium.tenancy;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A member of a tenant, as its tenant admins see them. */
@Schema(name = "Member")
public record MemberView(
        @Schema(description = "Their Keycloak subject: the member's id in this API")
        String subject,

        @Schema(examples = "bob") String username,

        @Schema(description = "Their e-mail address, when they were added by it", nullable = true)
        String email,

        @Schema(enumeration = {"tenant-admin", "developer", "viewer"})
        String role,

        Instant addedAt,

        @Schema(description = "The version of this membership: send it as If-Match to change it")
        long version) {}
