package io.atrium.tenancy;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An Atrium API token as lists show it: never its secret. */
@Schema(name = "ApiToken")
public record ApiTokenView(
        @Schema(description = "The token's public id", examples = "tok_5f2c9a0e41b7")
        String id,

        @Schema(examples = "ci-deploy") String name,

        @Schema(
                description = "The most it may do in the tenant (never more than its owner's role)",
                enumeration = {"tenant-admin", "developer", "viewer"})
        String role,

        @Schema(description = "The person it acts for: their Keycloak subject")
        String owner,

        @Schema(description = "Their user name", examples = "bob")
        String ownerName,

        Instant createdAt,
        Instant expiresAt,

        @Schema(nullable = true) Instant revokedAt,

        @Schema(description = "When it was last used, to the minute", nullable = true)
        Instant lastUsedAt) {}
