package io.atrium.master;

import io.atrium.protocol.agent.TaskState;
import io.atrium.tasks.ContainerSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Where the master keeps what must survive it: agents, tasks and every task status update.
 * Asynchronous: the master's thread never waits on the database; completions come back to it.
 */
public interface MasterStore {

    CompletionStage<Void> saveAgent(AgentRecord agent);

    /** Inserts newly launched tasks (in one batch). */
    CompletionStage<Void> insertTasks(List<TaskRecord> tasks);

    /**
     * Records a status update and moves its task to the update's state, in one transaction.
     * Idempotent by (task, uuid): a duplicate changes nothing.
     */
    CompletionStage<Void> recordUpdate(TaskUpdateRecord update);

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
