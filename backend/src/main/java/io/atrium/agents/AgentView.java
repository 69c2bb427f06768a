package io.atrium.agents;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agent as admins see it. */
@Schema(name = "Agent")
public record AgentView(
        @Schema(description = "The agent's id") String id,
        @Schema(description = "Its host name") String hostname,
        AgentState state,

        @Schema(description = "True while the agent is being drained: it gets no new offers")
        boolean draining,

        @Schema(description = "True when a draining agent has no tasks left")
        boolean drained,

        @Schema(
                description = "Total resources, Mesos text form",
                examples = "cpus:4;mem:8192;disk:100000;ports:[31000-32000]")
        String resources,

        @Schema(description = "Resources not allocated to any framework")
        String available,

        Map<String, String> attributes,

        @Schema(description = "Tasks on the agent that have not ended")
        int activeTasks,

        @Schema(description = "When the master last heard from the agent")
        Instant lastSeen) {}
