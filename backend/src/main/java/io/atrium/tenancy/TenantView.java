package io.atrium.tenancy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant as platform admins see it; its version is the ETag of its responses. */
@Schema(name = "Tenant")
public record TenantView(
        @Schema(description = "The tenant's name: its id and top-level role", examples = "acme")
        String name,

        @Schema(description = "What people call it", examples = "ACME Corporation")
        String displayName,

        @Schema(
                description = "ACTIVE; SUSPENDED (running work goes on, no new jobs); DELETING (its tasks"
                        + " are being killed, then it goes)")
        State state,

        Instant createdAt,

        @Schema(description = "Its tasks that have not ended")
        int activeTasks,

        @JsonIgnore long version) {

    /** Whether a tenant takes new work. */
    public enum State {
        ACTIVE,
        SUSPENDED,
        DELETING
    }

    TenantView withActiveTasks(int count) {
        return new TenantView(name, displayName, state, createdAt, count, version);
    }
}
