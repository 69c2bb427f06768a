package io.atrium.agents;

import io.atrium.protocol.agent.TaskState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A task on an agent, as admins see it beside the agent: whose it is and what it holds. */
@Schema(name = "AgentTask")
public record AgentTask(
        String id,
        String name,

        @Schema(description = "The tenant it belongs to") String tenant,

        @Schema(description = "The role whose resources it uses (the tenant, or a team below it)")
        String role,

        TaskState state,

        @Schema(description = "Resources it holds, Mesos text form", examples = "cpus:0.1;mem:32")
        String resources) {}
