package io.atrium.master;

import java.math.BigDecimal;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A role (tenant) as the allocator treats it. */
@Schema(name = "Role")
public record RoleView(
        @Schema(examples = "acme") String role,

        @Schema(description = "Weight in weighted DRF (default 1)")
        double weight,

        @Schema(description = "Amounts held back for the role until it uses them")
        Map<String, BigDecimal> guarantees,

        @Schema(description = "Amounts the role is never offered past")
        Map<String, BigDecimal> limits,

        @Schema(description = "Most tasks the role (with the roles below it) runs at once; absent: no such limit")
        Integer maxTasks,

        @Schema(description = "What the role and the roles below it hold now")
        Map<String, BigDecimal> allocated) {}
