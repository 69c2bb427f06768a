package io.atrium.master;

import io.atrium.frameworks.FrameworkId;
import io.atrium.frameworks.SchedulerDriver;
import io.atrium.tasks.LaunchTask;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/** A framework's handle on the master: every call is queued onto the master's thread. */
final class Driver implements SchedulerDriver {

    private final Master master;
    private final FrameworkId id;
    private final Executor loop;

    Driver(Master master, FrameworkId id, Executor loop) {
        this.master = master;
        this.id = id;
        this.loop = loop;
    }

    @Override
    public FrameworkId frameworkId() {
        return id;
    }

    @Override
    public void accept(List<String> offerIds, List<LaunchTask> launches, Duration refuse) {
        List<String> offers = List.copyOf(offerIds);
        List<LaunchTask> tasks = List.copyOf(launches);
        loop.execute(() -> master.accept(id, offers, tasks, refuse));
    }

    @Override
    public void decline(List<String> offerIds, Duration refuse) {
        List<String> offers = List.copyOf(offerIds);
        loop.execute(() -> master.decline(id, offers, refuse));
    }

    @Override
    public void kill(String taskId) {
        loop.execute(() -> master.kill(id, taskId));
    }

    @Override
    public void subscribeRoles(Set<String> roles) {
        Set<String> copy = Set.copyOf(roles);
        loop.execute(() -> master.updateRoles(id, copy));
    }

    @Override
    public void revive(Set<String> roles) {
        Set<String> copy = Set.copyOf(roles);
        loop.execute(() -> master.revive(id, copy));
    }

    @Override
    public void suppress(Set<String> roles) {
        Set<String> copy = Set.copyOf(roles);
        loop.execute(() -> master.suppress(id, copy));
    }
}
