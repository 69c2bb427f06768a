package io.atrium.master;

import io.atrium.events.Event;
import io.atrium.protocol.agent.TaskState;
import io.atrium.tasks.ContainerSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Where the master keeps what must survive it: agents, tasks and every task status update,
 * each written in one transaction with the events that describe it (the outbox). Asynchronous:
 * the master's thread never waits on the database; completions come back to it.
 */
public interface MasterStore {

    /** Saves an agent's row and the events about the change, together. */
    CompletionStage<Void> saveAgent(AgentRecord agent, List<Event> events);

    /** Inserts newly launched tasks (in one batch) and their events, together. */
    CompletionStage<Void> insertTasks(List<TaskRecord> tasks, List<Event> events);

    /**
     * Records a status update, moves its task to the update's state and writes its event, in
     * one transaction. Idempotent by (task, uuid): a duplicate changes nothing, not even the
     * outbox.
     */
    CompletionStage<Void> recordUpdate(TaskUpdateRecord update, Event event);

    /** Writes events that describe no stored state (offers, framework subscriptions). */
    CompletionStage<Void> append(List<Event> events);

    /** Everything the master needs to start again. */
    CompletionStage<Recovered> load();

    record AgentRecord(
            String id,
            String hostname,
            String resources,
            Map<String, String> attributes,
            String state,
            Instant since) {}

    record TaskRecord(
            String id,
            String frameworkId,
            String role,
            String agentId,
            String name,
            String command,
            String resources,
            Map<String, String> environment,
            Map<String, String> labels,
            ContainerSpec container,
            TaskState state,
            Instant createdAt) {}

    record TaskUpdateRecord(
            String taskId,
            String uuid,
            TaskState state,
            String reason,
            String message,
            String source,
            Long exitCode,
            Instant time) {}

    /** Agents and the tasks that were not terminal when the master stopped. */
    record Recovered(List<AgentRecord> agents, List<TaskRecord> tasks) {}
}
