package io.atrium.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.allocator.Feasibility;
import io.atrium.api.AtriumException;
import io.atrium.api.ErrorCode;
import io.atrium.api.Page;
import io.atrium.api.PageRequest;
import io.atrium.api.Problem;
import io.atrium.events.Event;
import io.atrium.events.EventType;
import io.atrium.events.Outbox;
import io.atrium.events.OutboxRelay;
import io.atrium.master.MasterService;
import io.atrium.protocol.agent.TaskState;
import io.atrium.protocol.events.Actor;
import io.atrium.protocol.events.JobKilled;
import io.atrium.protocol.events.JobSubmitted;
import io.atrium.tasks.TaskView;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs the {@link JobsFramework} in the application: subscribes it to the master at start,
 * restores the jobs (and the tasks they ran) from PostgreSQL, and takes submissions. A job is
 * written before it is accepted, so an acknowledged submission survives a master restart.
 */
@ApplicationScoped
public class JobService {

    private static final Logger LOG = Logger.getLogger(JobService.class);

    @Inject
    MasterService master;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Inject
    OutboxRelay relay;

    @Inject
    Validator validator;

    private final Clock clock = Clock.systemUTC();
    private JobsFramework framework;

    void start(@Observes @jakarta.annotation.Priority(20) StartupEvent event) {
        framework = new JobsFramework(clock, master.get()::pending);
        // Jobs and their unfinished runs are back before the framework can hear of any update;
        // it subscribes to their tenants' roles, unsuppressed.
        List<Job> jobs = load().await().indefinitely();
        jobs.forEach(framework::restore);
        master.get().subscribe(JobsFramework.ID, framework.roles(), driver -> {
            framework.attach(driver);
            return framework;
        });
        LOG.infof("jobs framework subscribed with %d jobs", jobs.size());
    }

    /** Records the job and its job.submitted event together, then hands the job to the framework. */
    public Uni<JobView> submit(String tenant, JobRequest request, Actor actor) {
        List<Constraint> constraints = constraints(request);
        // Microseconds, as PostgreSQL keeps it: list cursors name the same time before and after a restart.
        Job job = new Job(
                UUID.randomUUID().toString(),
                tenant,
                request,
                constraints,
                clock.instant().truncatedTo(ChronoUnit.MICROS),
                actor == null ? null : actor.getUsername() != null ? actor.getUsername() : actor.getSubject());
        String spec;
        try {
            spec = json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a job request", e);
        }
        Event submitted = Event.of(
                EventType.JOB_SUBMITTED,
                job.id,
                tenant,
                job.createdAt,
                new JobSubmitted()
                        .withJobId(job.id)
                        .withName(request.name())
                        .withInstances((long) request.instances())
                        .withResources(job.resources.toString())
                        .withActor(actor));
        return master.call(() -> master.get().feasibility(tenant, job.resources))
                .invoke(fit -> {
                    if (fit instanceof Feasibility.Insufficient insufficient) {
                        throw unsatisfiable(tenant, insufficient);
                    }
                })
                .chain(() -> record(job, tenant, request, spec, submitted));
    }

    private Uni<JobView> record(Job job, String tenant, JobRequest request, String spec, Event submitted) {
        return pool.withTransaction(connection -> connection
                        .preparedQuery("""
                                insert into job (id, tenant, name, spec, created_at, owner)
                                select $1, $2, $3, $4, $5, $6 where exists
                                    (select 1 from tenant where name = $2 and not suspended)""")
                        .execute(Tuple.of(
                                job.id,
                                tenant,
                                request.name(),
                                new JsonObject(spec),
                                job.createdAt.atOffset(ZoneOffset.UTC),
                                job.owner))
                        .invoke(rows -> {
                            if (rows.rowCount() == 0) {
                                throw ErrorCode.TENANT_SUSPENDED.exception(tenant
                                        + " is suspended: running work goes on, new jobs wait until a platform"
                                        + " admin resumes it");
                            }
                        })
                        .chain(() -> Outbox.insert(connection, List.of(submitted))))
                .invoke(relay::wake)
                .chain(ignored -> master.call(() -> {
                    framework.add(job);
                    return framework.view(job);
                }))
                .invoke(view -> LOG.infof(
                        "job %s (%s) of tenant %s accepted: %d x '%s' with %s",
                        view.id(), view.name(), tenant, view.instances(), view.command(), view.resources()));
    }

    /** The refusal of a job that can never run: which resource, what bounds it, and by how much. */
    private static AtriumException unsatisfiable(String tenant, Feasibility.Insufficient insufficient) {
        List<Problem.FieldError> errors = insufficient.shortfalls().stream()
                .map(shortfall -> new Problem.FieldError(
                        "resources." + shortfall.resource(),
                        "each instance asks " + shortfall.asked() + " " + shortfall.resource() + ", but "
                                + switch (shortfall.bound()) {
                                    case QUOTA_LIMIT -> tenant + "'s quota limit is " + shortfall.most();
                                    case LARGEST_AGENT -> "no agent has more than " + shortfall.most();
                                }
                                + " (" + shortfall.excess() + " too many)"))
                .toList();
        return new AtriumException(
                ErrorCode.UNSATISFIABLE,
                "No instance of this job could ever run: ask for less, or ask a platform admin for more",
                errors);
    }

    public Uni<JobView> get(String tenant, String id) {
        return master.call(() -> framework.view(tenant, id))
                .map(found -> found.orElseThrow(() -> notFound(tenant, id)));
    }

    public Uni<Page<JobView>> list(String tenant, PageRequest page) {
        return master.call(() -> framework.list(tenant, page));
    }

    /** Kills the job (see {@link JobsFramework#kill}); answers it as it is now. */
    public Uni<JobView> kill(String tenant, String id, Actor actor) {
        // Recorded first, with its event, so that a master restarting after the answer does not
        // run it again; a job killed before is left as it is.
        Event killed = Event.of(
                EventType.JOB_KILLED,
                id,
                tenant,
                clock.instant(),
                new JobKilled().withJobId(id).withActor(actor));
        return pool.withTransaction(connection -> connection
                        .preparedQuery("update job set killed_at = now() where id = $1 and tenant = $2"
                                + " and killed_at is null")
                        .execute(Tuple.of(id, tenant))
                        .chain(rows -> rows.rowCount() == 0
                                ? Uni.createFrom().voidItem()
                                : Outbox.insert(connection, List.of(killed))))
                .invoke(relay::wake)
                .chain(() -> master.call(() -> framework.kill(tenant, id)))
                .map(found -> found.orElseThrow(() -> notFound(tenant, id)));
    }

    /**
     * Submits a new job with the spec of {@code tenant}'s job {@code id}, checked as a new
     * submission is: the spec must still be valid and feasible.
     */
    public Uni<JobView> rerun(String tenant, String id, Actor actor) {
        return master.call(() -> framework.spec(tenant, id))
                .map(found -> found.orElseThrow(() -> notFound(tenant, id)))
                .invoke(this::validate)
                .chain(spec -> submit(tenant, spec, actor));
    }

    /** Bean validation of a spec that did not come through a request (rules may have tightened). */
    private void validate(JobRequest spec) {
        List<Problem.FieldError> errors = validator.validate(spec).stream()
                .map(violation ->
                        new Problem.FieldError(violation.getPropertyPath().toString(), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        if (!errors.isEmpty()) {
            throw new AtriumException(
                    ErrorCode.VALIDATION_FAILED,
                    "The job's spec is not valid any more: submit a corrected one as a new job",
                    errors);
        }
    }

    private static AtriumException notFound(String tenant, String id) {
        return ErrorCode.NOT_FOUND.exception("No job " + id + " in " + tenant);
    }

    private static List<Constraint> constraints(JobRequest request) {
        List<Constraint> parsed = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        List<List<String>> given = request.constraints() == null ? List.of() : request.constraints();
        for (int i = 0; i < given.size(); i++) {
            try {
                parsed.add(Constraint.parse(given.get(i)));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("constraints[" + i + "]", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new io.atrium.api.AtriumException(
                    ErrorCode.VALIDATION_FAILED, "Fix the fields listed in errors", errors);
        }
        return parsed;
    }

    private Uni<List<Job>> load() {
        Map<String, Instant> killed = new HashMap<>();
        return pool.query("select id, tenant, spec, created_at, killed_at, owner from job order by created_at, id")
                .execute()
                .map(rows -> {
                    Map<String, Job> jobs = new LinkedHashMap<>();
                    for (Row row : rows) {
                        if (row.getOffsetDateTime("killed_at") != null) {
                            killed.put(
                                    row.getString("id"),
                                    row.getOffsetDateTime("killed_at").toInstant());
                        }
                        JobRequest spec = row.getJsonObject("spec").mapTo(JobRequest.class);
                        jobs.put(
                                row.getString("id"),
                                new Job(
                                        row.getString("id"),
                                        row.getString("tenant"),
                                        spec,
                                        constraints(spec),
                                        row.getOffsetDateTime("created_at").toInstant(),
                                        row.getString("owner")));
                    }
                    return jobs;
                })
                .chain(jobs -> pool.preparedQuery("""
                                select t.id, t.agent_id, a.hostname, t.created_at, t.state as task_state,
                                       u.state, u.reason, u.message, u.exit_code, u.time
                                from task t join agent a on a.id = t.agent_id
                                left join task_update u on u.task_id = t.id
                                where t.framework_id = $1
                                order by t.created_at, t.id, u.recorded_at""")
                        .execute(Tuple.of(JobsFramework.ID.value()))
                        .map(rows -> restoreRuns(jobs, rows))
                        .invoke(restored -> restored.stream()
                                .filter(job -> killed.containsKey(job.id))
                                .forEach(job -> job.kill(killed.get(job.id)))));
    }

    private static List<Job> restoreRuns(Map<String, Job> jobs, Iterable<Row> rows) {
        Map<String, List<Row>> byTask = new LinkedHashMap<>();
        for (Row row : rows) {
            byTask.computeIfAbsent(row.getString("id"), id -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<String, List<Row>> task : byTask.entrySet()) {
            String[] parts = task.getKey().split("\\.");
            Job job = jobs.get(parts[0]);
            if (job == null || parts.length != 3) {
                continue;
            }
            Row first = task.getValue().getFirst();
            List<TaskView.StateChange> states = new ArrayList<>();
            states.add(new TaskView.StateChange(
                    TaskState.TASK_STAGING,
                    first.getOffsetDateTime("created_at").toInstant(),
                    null,
                    null,
                    null));
            for (Row row : task.getValue()) {
                if (row.getString("state") != null) {
                    states.add(new TaskView.StateChange(
                            TaskState.fromValue(row.getString("state")),
                            row.getOffsetDateTime("time").toInstant(),
                            row.getString("reason"),
                            row.getString("message"),
                            row.getLong("exit_code")));
                }
            }
            job.instances
                    .get(Integer.parseInt(parts[1]))
                    .restore(
                            task.getKey(),
                            Integer.parseInt(parts[2]),
                            first.getString("agent_id"),
                            first.getString("hostname"),
                            states,
                            TaskState.fromValue(first.getString("task_state")));
        }
        return List.copyOf(jobs.values());
    }

    /**
     * Kills every job of a tenant being deleted, recorded as each kill is: none of its instances
     * launches or retries again. Its tasks end TASK_KILLED.
     */
    public Uni<Void> killAll(String tenant) {
        return pool.preparedQuery("update job set killed_at = now() where tenant = $1 and killed_at is null")
                .execute(Tuple.of(tenant))
                .chain(() -> master.call(() -> {
                    framework.killAll(tenant);
                    return null;
                }));
    }

    /**
     * Drops a deleted tenant's jobs from the framework (their rows went with the tenant) and, in
     * the same turn of the master, kills any task of the tenant's still running: one launched
     * from an offer accepted while the deletion was being written has no one else to stop it.
     */
    public Uni<Void> forget(String tenant) {
        return master.call(() -> {
            framework.forget(tenant);
            master.get().killTenant(tenant);
            return null;
        });
    }
}
