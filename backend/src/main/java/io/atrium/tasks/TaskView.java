package io.atrium.tasks;

import io.atrium.protocol.agent.TaskState;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A task and the states it went through. */
@Schema(name = "Task")
public record TaskView(
        String id,
        String name,

        @Schema(description = "The agent it was launched on")
        String agentId,

        String hostname,
        TaskState state,

        @Schema(description = "Resources it holds, Mesos text form")
        String resources,

        List<StateChange> states) {

    /** One state the task reached, when, and why. */
    @Schema(name = "TaskStateChange")
    public record StateChange(TaskState state, Instant time, String reason, String message, Long exitCode) {}
}
