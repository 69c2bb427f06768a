package io.atrium.master;

import io.atrium.events.Event;
import io.atrium.events.Outbox;
import io.atrium.events.OutboxRelay;
import io.atrium.protocol.agent.TaskState;
import io.atrium.tasks.ContainerSpec;
import io.atrium.tasks.TaskStateMachine;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * The master's state in PostgreSQL through the reactive client: plain statements, batched
 * inserts for launches, and a single statement per status update that inserts the update,
 * moves the task and writes its event only if the update is new and the task had not ended
 * (idempotent by task and uuid). Every write that carries events wakes the {@link OutboxRelay} once it committed.
 */
@ApplicationScoped
public class PgMasterStore implements MasterStore {

    private static final String TERMINAL = TaskStateMachine.TERMINAL.stream()
            .map(state -> "'" + state.value() + "'")
            .sorted()
            .collect(Collectors.joining(", "));

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @Override
    public CompletionStage<Void> saveAgent(AgentRecord agent, List<Event> events) {
        return pool.withTransaction(connection -> connection
                        .preparedQuery("""
                                insert into agent (id, hostname, resources, attributes, state, since)
                                values ($1, $2, $3, $4, $5, $6)
                                on conflict (id) do update set hostname = excluded.hostname,
                                    resources = excluded.resources, attributes = excluded.attributes,
                                    state = excluded.state, since = excluded.since""")
                        .execute(Tuple.of(
                                agent.id(),
                                agent.hostname(),
                                agent.resources(),
                                json(agent.attributes()),
                                agent.state(),
                                time(agent.since())))
                        .chain(() -> Outbox.insert(connection, events)))
                .invoke(() -> wake(events))
                .subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Void> insertTasks(List<TaskRecord> tasks, List<Event> events) {
        List<Tuple> rows = new ArrayList<>();
        for (TaskRecord task : tasks) {
            rows.add(Tuple.tuple(List.<Object>of(
                    task.id(),
                    task.frameworkId(),
                    task.role(),
                    task.agentId(),
                    task.name(),
                    task.command(),
                    task.resources(),
                    json(task.environment()),
                    json(task.labels()),
                    JsonObject.mapFrom(task.container()),
                    task.state().value(),
                    time(task.createdAt()))));
        }
        return pool.withTransaction(connection ->
                        connection.preparedQuery("""
                                insert into task (id, framework_id, role, agent_id, name, command, resources,
                                    environment, labels, container, state, created_at, updated_at)
                                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)""").executeBatch(rows).chain(() -> Outbox.insert(connection, events)))
                .invoke(() -> wake(events))
                .subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Void> recordUpdate(TaskUpdateRecord update, Event event) {
        List<Object> values = new ArrayList<>(java.util.Arrays.<Object>asList(
                update.taskId(),
                update.uuid(),
                update.state().value(),
                update.reason(),
                update.message(),
                update.source(),
                update.exitCode(),
                time(update.time())));
        values.addAll(Outbox.values(event));
        return pool.preparedQuery("""
                        with recorded as (
                            insert into task_update (task_id, uuid, state, reason, message, source, exit_code, time)
                            values ($1, $2, $3, $4, $5, $6, $7, $8)
                            on conflict (task_id, uuid) do nothing
                            returning task_id),
                        moved as (
                            update task set state = $3, updated_at = $8
                            where id = (select task_id from recorded) and state not in (%s)
                            returning id)
                        insert into outbox (event_id, topic, key, tenant, type, envelope)
                        select $9, $10, $11, $12, $13, $14 from moved""".formatted(TERMINAL))
                .execute(Tuple.tuple(values))
                .invoke(() -> relay.wake())
                .replaceWithVoid()
                .subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Void> append(List<Event> events) {
        return Outbox.insert(pool, events).invoke(() -> wake(events)).subscribeAsCompletionStage();
    }

    private void wake(List<Event> events) {
        if (!events.isEmpty()) {
            relay.wake();
        }
    }

    @Override
    public CompletionStage<Recovered> load() {
        return pool.query("select id, hostname, resources, attributes, state, since from agent order by id")
                .execute()
                .map(rows -> {
                    List<AgentRecord> agents = new ArrayList<>();
                    for (Row row : rows) {
                        agents.add(new AgentRecord(
                                row.getString("id"),
                                row.getString("hostname"),
                                row.getString("resources"),
                                strings(row.getJsonObject("attributes")),
                                row.getString("state"),
                                row.getOffsetDateTime("since").toInstant()));
                    }
                    return agents;
                })
                .chain(agents -> pool.query("select id, framework_id, role, agent_id, name, command, resources, "
                                + "environment, labels, container, state, created_at from task where state not in ("
                                + TERMINAL
                                + ") order by created_at, id")
                        .execute()
                        .map(rows -> {
                            List<TaskRecord> tasks = new ArrayList<>();
                            for (Row row : rows) {
                                tasks.add(new TaskRecord(
                                        row.getString("id"),
                                        row.getString("framework_id"),
                                        row.getString("role"),
                                        row.getString("agent_id"),
                                        row.getString("name"),
                                        row.getString("command"),
                                        row.getString("resources"),
                                        strings(row.getJsonObject("environment")),
                                        strings(row.getJsonObject("labels")),
                                        row.getJsonObject("container").mapTo(ContainerSpec.class),
                                        TaskState.fromValue(row.getString("state")),
                                        row.getOffsetDateTime("created_at").toInstant()));
                            }
                            return new Recovered(agents, tasks);
                        }))
                .subscribeAsCompletionStage();
    }

    private static JsonObject json(Map<String, String> map) {
        JsonObject json = new JsonObject();
        map.forEach(json::put);
        return json;
    }

    private static Map<String, String> strings(JsonObject json) {
        return json.getMap().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
