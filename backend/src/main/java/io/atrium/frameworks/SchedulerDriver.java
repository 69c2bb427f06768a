package io.atrium.frameworks;

import io.atrium.tasks.LaunchTask;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What a framework may ask of the master (Mesos' scheduler calls ACCEPT, DECLINE, KILL,
 * REVIVE, SUPPRESS). One driver per subscribed framework; calls are queued onto the master's
 * thread, so frameworks may call from anywhere.
 */
public interface SchedulerDriver {

    FrameworkId frameworkId();

    /**
     * Launches tasks on the offers' resources; what the tasks do not use goes back to the pool
     * and is not offered to this framework again on those agents for {@code refuse}.
     */
    void accept(List<String> offerIds, List<LaunchTask> launches, Duration refuse);

    void decline(List<String> offerIds, Duration refuse);

    void kill(String taskId);

    /** Adds roles the framework takes offers for (Mesos UPDATE_FRAMEWORK). */
    void subscribeRoles(Set<String> roles);

    void revive(Set<String> roles);

    void suppress(Set<String> roles);
}
