package io.atrium.cluster;

import io.atrium.protocol.agent.TaskState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The cluster at a glance: what the connected agents have, what is allocated, agents and tasks by state. */
@Schema(name = "Cluster")
public record ClusterView(
        Instant time,

        @Schema(
                description =
                        "Scalar resources of the connected agents: cpus, mem and disk in MiB, gpus (always there, 0"
                                + " when none), and any other scalar an agent offers",
                examples = "{\"cpus\": 8, \"mem\": 16384, \"disk\": 200000}")
        Map<String, BigDecimal> capacity,

        @Schema(description = "What of the capacity is offered to frameworks or used by their tasks")
        Map<String, BigDecimal> allocated,

        @Schema(
                description = "Agents by state: ACTIVE, DRAINING (active, taking no new work), DISCONNECTED,"
                        + " UNREACHABLE, GONE")
        Map<String, Integer> agents,

        @Schema(
                description = "Tasks by state: every tenant's for platform admins, the caller's tenants' otherwise;"
                        + " those that have not ended, and those that ended since the master started")
        Map<TaskState, Integer> tasks,

        @Schema(description = "Capacity and allocation over the last hour, oldest first, one sample every 10 s")
        List<Sample> history) {

    /** Capacity and allocation at one moment. */
    @Schema(name = "ClusterSample")
    public record Sample(Instant time, Map<String, BigDecimal> capacity, Map<String, BigDecimal> allocated) {}
}
