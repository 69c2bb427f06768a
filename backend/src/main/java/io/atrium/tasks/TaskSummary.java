package io.atrium.tasks;

import io.atrium.protocol.agent.TaskState;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A task as a list shows it: where it runs and its state now (its history is in {@link TaskView}). */
@Schema(name = "TaskSummary")
public record TaskSummary(
        @Schema(examples = "0b6f3c1e-5d0e-4c1f-9a59-2a1b4c8e7d10.0.1")
        String id,

        @Schema(examples = "sleepers.0") String name,

        @Schema(description = "The job it is a run of; absent for tasks of other frameworks")
        String job,

        @Schema(description = "The agent it was launched on")
        String agentId,

        String hostname,
        TaskState state,

        @Schema(description = "Resources it holds, Mesos text form", examples = "cpus:0.1;mem:32")
        String resources,

        Instant createdAt,

        @Schema(description = "When its state last changed") Instant updatedAt) {}
