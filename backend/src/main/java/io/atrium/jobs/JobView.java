package io.atrium.jobs;

import io.atrium.protocol.agent.TaskState;
import io.atrium.tasks.TaskView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job, its progress and every task it ran with the states they went through. */
@Schema(name = "Job")
public record JobView(
        String id,
        String tenant,
        String name,

        @Schema(description = "Who submitted it (their user name); absent for jobs from before owners were kept")
        String owner,

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

        @Schema(description = "Why instances wait to launch, as the master sees it now; absent when none waits")
        Waiting waiting,

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

    /** Why some instances of a job are not running yet. */
    @Schema(name = "JobWaiting")
    public record Waiting(
            @Schema(description = "Instances waiting to launch")
            int instances,

            WaitReason reason,

            @Schema(
                    description = "The reason in words",
                    examples = "acme's quota limit of 2 cpus leaves 0 (2 held); each instance asks 0.5")
            String message,

            @Schema(description = "QUOTA: each resource whose limit leaves too little headroom")
            List<QuotaHeadroom> quota,

            @Schema(
                    description = "CAPACITY: the agents the job's constraints allow; CONSTRAINTS: the agents taking"
                            + " tasks, none of which the constraints allow")
            Integer agents,

            @Schema(description = "BACKOFF: when the next retry may launch")
            Instant retryAt) {}

    /**
     * QUOTA: launching one more would pass a quota limit; CAPACITY: no agent the job may use has
     * room now; CONSTRAINTS: no agent taking tasks satisfies its constraints; BACKOFF: failed
     * instances wait before their retry; NEXT_OFFER: an agent has room, the next offer launches it.
     */
    public enum WaitReason {
        QUOTA,
        CAPACITY,
        CONSTRAINTS,
        BACKOFF,
        NEXT_OFFER
    }

    /** {@code role} may hold {@code limit} of {@code resource}, holds {@code held}; an instance asks {@code asked}. */
    @Schema(name = "QuotaHeadroom")
    public record QuotaHeadroom(
            String role,
            @Schema(examples = "cpus") String resource,
            BigDecimal limit,
            BigDecimal held,
            BigDecimal asked,

            @Schema(description = "What the role may still take: limit - held, never below 0")
            BigDecimal headroom) {}

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
