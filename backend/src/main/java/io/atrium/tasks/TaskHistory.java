package io.atrium.tasks;

import io.atrium.api.Page;
import io.atrium.api.PageRequest;
import io.atrium.protocol.agent.TaskState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A tenant's tasks as PostgreSQL keeps them: every task it ever ran, ended ones included
 * (the master's memory holds only the tasks since it started and those still running). The
 * task rows follow the master's decisions once they are written, so a task launched a moment
 * ago may show up a moment later.
 */
@ApplicationScoped
public class TaskHistory {

    @Inject
    Pool pool;

    /** Filters of a task list; a null or empty one does not filter. */
    public record Filter(Set<TaskState> states, String job) {}

    /** A page of the tenant's tasks (its role's and its sub-roles'), newest first. */
    public Uni<Page<TaskSummary>> list(String tenant, Filter filter, PageRequest page) {
        StringBuilder sql = new StringBuilder("""
                select t.id, t.name, t.labels ->> 'job' as job, t.agent_id, a.hostname, t.state, t.resources,
                       t.created_at, t.updated_at
                from task t join agent a on a.id = t.agent_id
                where (t.role = $1 or starts_with(t.role, $1 || '/'))""");
        List<Object> values = new ArrayList<>(List.of(tenant));
        if (filter.states() != null && !filter.states().isEmpty()) {
            values.add(filter.states().stream().map(TaskState::value).toArray(String[]::new));
            sql.append(" and t.state = any($").append(values.size()).append(')');
        }
        if (filter.job() != null) {
            values.add(filter.job());
            sql.append(" and t.labels ->> 'job' = $").append(values.size());
        }
        if (page.after() != null) {
            values.add(page.after().time().atOffset(ZoneOffset.UTC));
            values.add(page.after().id());
            sql.append(" and (t.created_at, t.id) < ($")
                    .append(values.size() - 1)
                    .append(", $")
                    .append(values.size())
                    .append(')');
        }
        values.add(page.limit() + 1);
        sql.append(" order by t.created_at desc, t.id desc limit $").append(values.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(values)).map(rows -> {
            List<TaskSummary> tasks = new ArrayList<>();
            for (Row row : rows) {
                tasks.add(summary(row));
            }
            return page.cut(tasks, task -> new PageRequest.Key(task.createdAt(), task.id()));
        });
    }

    private static TaskSummary summary(Row row) {
        return new TaskSummary(
                row.getString("id"),
                row.getString("name"),
                row.getString("job"),
                row.getString("agent_id"),
                row.getString("hostname"),
                TaskState.fromValue(row.getString("state")),
                row.getString("resources"),
                row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("updated_at").toInstant());
    }
}
