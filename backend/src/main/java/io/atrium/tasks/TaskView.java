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

        List<StateChange> states,

        @Schema(description = "What it used when its agent last measured it; absent before that and once it ended")
        Usage usage,

        @Schema(description = "What its latest health check said; absent without a check or before the first")
        Boolean healthy) {

    /** One state the task reached, when, and why. */
    @Schema(name = "TaskStateChange")
    public record StateChange(TaskState state, Instant time, String reason, String message, Long exitCode) {}

    /** Resource usage as the task's isolators measured it (0 where nothing measures it). */
    @Schema(name = "TaskUsage")
    public record Usage(
            @Schema(description = "Cpu time since it started")
            double cpuSeconds,

            @Schema(description = "Memory in use, page cache included")
            long memoryBytes,

            @Schema(description = "The most memory it used") long memoryPeakBytes,
            @Schema(description = "Size of its sandbox") long diskBytes,
            Instant measuredAt) {}
}
