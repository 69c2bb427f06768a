package io.atrium.master;

import io.atrium.agents.AgentId;
import io.atrium.frameworks.FrameworkId;
import io.atrium.master.MasterStore.TaskRecord;
import io.atrium.protocol.agent.TaskInfo;
import io.atrium.protocol.agent.TaskState;
import io.atrium.resources.Resources;
import io.atrium.tasks.ContainerSpec;
import io.atrium.tasks.TaskView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The master's record of one task; touched only on the master's thread. */
final class TaskEntry {
    final String id;
    final String name;
    final FrameworkId framework;
    final String role;
    final AgentId agent;
    final String command;
    final Resources resources;
    final Map<String, String> environment;
    final Map<String, String> labels;
    final ContainerSpec container;
    TaskState state;
    /** What its latest health check said; null before the first or without a check. */
    Boolean healthy;
    /**
     * Someone asked to kill it: a launch still being written is not sent to its agent, and an
     * agent that comes back with it running is told again.
     */
    boolean killRequested;
    /** True while a master-decided update is being written, so reconciliation does not race it. */
    boolean inFlight;
    /** Uuids of the updates applied, so a resent update is acknowledged but not applied twice. */
    final Set<String> uuids = new HashSet<>();
    /** Uuids of agent updates being written, so a copy arriving meanwhile is not written twice. */
    final Set<String> recording = new HashSet<>();
    /** The state of the latest agent update being written (meaningful while {@link #recording} is not empty). */
    TaskState writing;

    final List<TaskView.StateChange> history = new ArrayList<>();
    /** The latest usage its agent reported while it ran. */
    TaskView.Usage usage;
    /**
     * The latest write about this task; the next waits for it, so that its events reach the
     * outbox (and Kafka) in the order the master decided them.
     */
    CompletionStage<Void> written = CompletableFuture.completedFuture(null);

    TaskEntry(
            String id,
            String name,
            FrameworkId framework,
            String role,
            AgentId agent,
            String command,
            Resources resources,
            Map<String, String> environment,
            Map<String, String> labels,
            ContainerSpec container,
            TaskState state) {
        this.id = id;
        this.name = name;
        this.framework = framework;
        this.role = role;
        this.agent = agent;
        this.command = command;
        this.resources = resources;
        this.environment = environment;
        this.labels = labels;
        this.container = container;
        this.state = state;
    }

    static TaskEntry of(TaskRecord record) {
        return new TaskEntry(
                record.id(),
                record.name(),
                new FrameworkId(record.frameworkId()),
                record.role(),
                new AgentId(record.agentId()),
                record.command(),
                Resources.parse(record.resources()),
                record.environment(),
                record.labels(),
                record.container(),
                record.state());
    }

    TaskRecord record(java.time.Instant createdAt) {
        return new TaskRecord(
                id,
                framework.value(),
                role,
                agent.value(),
                name,
                command,
                resources.toString(),
                environment,
                labels,
                container,
                state,
                createdAt);
    }

    TaskInfo info() {
        return container.applyTo(new TaskInfo()
                .withTaskId(id)
                .withFrameworkId(framework.value())
                .withName(name)
                .withCommand(command)
                .withResources(resources.toString())
                .withEnvironment(environment));
    }
}
