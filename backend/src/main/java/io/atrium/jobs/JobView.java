package io.atrium.jobs;

import io.atrium.protocol.agent.TaskState;
import io.atrium.tasks.TaskView;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job, its progress and every task it ran with the states they went through. */
@Schema(name = "Job")
public record JobView(
        String id,
        String tenant,
        String name,
        String command,

        @Schema(description = "Resources of one instance, Mesos text form", examples = "cpus:0.1;mem:32")
        String resources,

        int instances,
        JobState state,

        @Schema(description = "Instances that finished successfully")
        int finished,

        @Schema(description = "Instances that failed after their last retry")
        int failed,

        @Schema(description = "Instances running or being launched")
        int active,

        @Schema(description = "Instances the job's kill stopped, or kept from launching")
        int killed,

        Instant createdAt,

        @Schema(description = "When the job was killed; absent unless it was")
        Instant killedAt,

        List<JobTask> tasks) {

    /**
     * PENDING until an instance launches, RUNNING while any is not done, then FINISHED or
     * FAILED; a killed job is KILLING while its tasks are being killed, then KILLED.
     */
    public enum JobState {
        PENDING,
        RUNNING,
        FINISHED,
        FAILED,
        KILLING,
        KILLED
    }

    /** One attempt of one instance. */
    @Schema(name = "JobTask")
    public record JobTask(
            String id,
            int instance,
            int attempt,
            String agentId,
            String hostname,
            TaskState state,
            List<TaskView.StateChange> states) {}
}
