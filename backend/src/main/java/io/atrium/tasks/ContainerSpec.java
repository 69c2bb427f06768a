package io.atrium.tasks;

import io.atrium.protocol.agent.FetchUri;
import io.atrium.protocol.agent.HealthCheck;
import io.atrium.protocol.agent.TaskInfo;
import java.util.List;

/**
 * How a task's container is set up beyond its command and resources — what Mesos spreads
 * over CommandInfo.uris and user, ContainerInfo's network, HealthCheck and KillPolicy. Kept
 * with the task as one value, so a new setting is one field here and one in the agent's
 * TaskInfo.
 *
 * @param uris files fetched into the sandbox first
 * @param healthCheck how the agent checks the running task; null for none
 * @param killGracePeriodSeconds SIGTERM to SIGKILL when it is killed; null for the agent's default
 * @param user who it runs as; null for the agent's task user
 * @param network host or none; null for host
 */
public record ContainerSpec(
        List<FetchUri> uris,
        HealthCheck healthCheck,
        Double killGracePeriodSeconds,
        String user,
        TaskInfo.Network network) {

    public static final ContainerSpec NONE = new ContainerSpec(List.of(), null, null, null, null);

    public ContainerSpec {
        uris = uris == null ? List.of() : List.copyOf(uris);
    }

    /** Sets these settings on the agent's view of the task. */
    public TaskInfo applyTo(TaskInfo info) {
        return info.withUris(uris.isEmpty() ? null : uris)
                .withHealthCheck(healthCheck)
                .withKillGracePeriodSeconds(killGracePeriodSeconds)
                .withUser(user)
                .withNetwork(network);
    }
}
