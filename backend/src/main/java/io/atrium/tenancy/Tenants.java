package io.atrium.tenancy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atrium.api.ErrorCode;
import io.atrium.api.Page;
import io.atrium.api.Versions;
import io.atrium.events.Event;
import io.atrium.events.EventType;
import io.atrium.events.Outbox;
import io.atrium.events.OutboxRelay;
import io.atrium.jobs.JobService;
import io.atrium.master.MasterService;
import io.atrium.protocol.events.Actor;
import io.atrium.protocol.events.TenantCreated;
import io.atrium.protocol.events.TenantDeleted;
import io.atrium.protocol.events.TenantUpdated;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Tenants for platform admins: create, rename, suspend and resume, delete. Each change is
 * written with its {@code tenant.*} event in one transaction, and names the version it was made
 * from. A tenant with running tasks is deleted only on request to drain it: it is suspended,
 * its tasks are killed, and the deletion completes once the last one has ended.
 */
@ApplicationScoped
public class Tenants {

    private static final Logger LOG = Logger.getLogger(Tenants.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String COLUMNS = "name, display_name, suspended, version, created_at, deleting_since";

    /** How often deletions waiting for their tenants' tasks to end are looked at. */
    private static final long DRAIN_CHECK_MILLIS = 1000;

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @Inject
    MasterService master;

    @Inject
    JobService jobs;

    @Inject
    Vertx vertx;

    private long drainTimer = -1;
    private final java.util.concurrent.atomic.AtomicBoolean finishing = new java.util.concurrent.atomic.AtomicBoolean();

    void start(@Observes StartupEvent event) {
        drainTimer = vertx.setPeriodic(DRAIN_CHECK_MILLIS, id -> {
            if (finishing.compareAndSet(false, true)) { // one pass at a time: a slow one is not overlapped
                finishDrainedDeletions()
                        .onTermination()
                        .invoke(() -> finishing.set(false))
                        .subscribe()
                        .with(
                                done -> {},
                                failure -> LOG.warnf("could not finish a tenant deletion: %s", failure.getMessage()));
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (drainTimer >= 0) {
            vertx.cancelTimer(drainTimer);
        }
    }

    public Uni<Page<TenantView>> list(String cursor, int limit) {
        String after = Page.position(cursor);
        return pool.preparedQuery("select " + COLUMNS + " from tenant where ($1::text is null or name > $1)"
                        + " order by name limit $2")
                .execute(Tuple.of(after, limit + 1))
                .chain(rows -> withTasks(views(rows)))
                .map(views -> Page.of(views, limit, TenantView::name));
    }

    public Uni<TenantView> get(String name) {
        return pool.preparedQuery("select " + COLUMNS + " from tenant where name = $1")
                .execute(Tuple.of(name))
                .chain(rows -> withTasks(views(rows)))
                .map(views -> views.stream().findFirst().orElseThrow(() -> notFound(name)));
    }

    public Uni<TenantView> create(String name, String displayName, Actor actor) {
        Event created = Event.of(
                EventType.TENANT_CREATED,
                name,
                name,
                Instant.now(),
                new TenantCreated()
                        .withTenant(name)
                        .withDisplayName(displayName)
                        .withSuspended(false)
                        .withActor(actor));
        return pool.withTransaction(connection -> connection
                        .preparedQuery("insert into tenant (name, display_name) select $1, $2 where not exists"
                                + " (select 1 from tenant_tombstone where name = $1)"
                                + " on conflict (name) do nothing returning " + COLUMNS)
                        .execute(Tuple.of(name, displayName))
                        .chain(rows -> {
                            if (rows.rowCount() == 0) {
                                throw ErrorCode.CONFLICT.invalid(
                                        "name",
                                        "a tenant named " + name + " exists, or existed: names of deleted tenants are"
                                                + " not reused, so that their history stays theirs");
                            }
                            return Outbox.insert(connection, List.of(created))
                                    .replaceWith(views(rows).getFirst());
                        }))
                .invoke(relay::wake);
    }

    /**
     * Renames ({@code displayName}), suspends or resumes a tenant, from version {@code from};
     * a {@code null} leaves that part as it is.
     */
    public Uni<TenantView> update(String name, long from, String displayName, Boolean suspended, Actor actor) {
        return pool.withTransaction(connection -> locked(connection, name).chain(current -> {
                    if (current.version() != from) {
                        throw Versions.changed("Tenant " + name, current.version(), from);
                    }
                    if (current.state() == TenantView.State.DELETING) {
                        throw ErrorCode.CONFLICT.exception(name + " is being deleted");
                    }
                    String newName = displayName == null ? current.displayName() : displayName;
                    boolean newSuspended =
                            suspended == null ? current.state() == TenantView.State.SUSPENDED : suspended;
                    Event updated = Event.of(
                            EventType.TENANT_UPDATED,
                            name,
                            name,
                            Instant.now(),
                            new TenantUpdated()
                                    .withTenant(name)
                                    .withDisplayName(newName)
                                    .withSuspended(newSuspended)
                                    .withActor(actor));
                    return connection
                            .preparedQuery("update tenant set display_name = $2, suspended = $3, version = version + 1"
                                    + " where name = $1 returning " + COLUMNS)
                            .execute(Tuple.of(name, newName, newSuspended))
                            .chain(rows -> Outbox.insert(connection, List.of(updated))
                                    .replaceWith(views(rows).getFirst()));
                }))
                .invoke(relay::wake)
                .chain(view -> withTasks(List.of(view)))
                .map(List::getFirst);
    }

    /**
     * Deletes a tenant with its members, tokens, jobs and quota. With running tasks it answers
     * 409, unless {@code drain}: then the tenant is suspended, its tasks killed, and the answer
     * is the tenant in state {@code DELETING}; it goes when its last task has ended. Empty when
     * the tenant is gone at once.
     */
    public Uni<java.util.Optional<TenantView>> delete(String name, Long from, boolean drain, Actor actor) {
        return get(name).chain(current -> {
            if (from != null && current.version() != from) {
                throw Versions.changed("Tenant " + name, current.version(), from);
            }
            if (current.activeTasks() == 0) {
                return remove(name, actor).replaceWith(java.util.Optional.<TenantView>empty());
            }
            if (!drain) {
                throw ErrorCode.CONFLICT.invalid(
                        "drain",
                        name + " still has " + current.activeTasks()
                                + " running tasks: delete with drain=true to kill them first");
            }
            return markDeleting(name, actor)
                    .chain(marked -> jobs.killAll(name))
                    .chain(() -> master.call(() -> master.get().killTenant(name))
                            .invoke(killed -> LOG.infof(
                                    "deleting tenant %s: killing its %d tasks first (asked by %s)",
                                    name, killed, actor.getUsername()))
                            .chain(() -> get(name)))
                    .map(java.util.Optional::of);
        });
    }

    private Uni<TenantView> markDeleting(String name, Actor actor) {
        Event updated = Event.of(
                EventType.TENANT_UPDATED,
                name,
                name,
                Instant.now(),
                new TenantUpdated().withTenant(name).withSuspended(true).withActor(actor));
        return pool.withTransaction(connection -> connection
                        .preparedQuery("update tenant set suspended = true, deleting_since = now(),"
                                + " deleting_actor = $2, version = version + 1 where name = $1 returning " + COLUMNS)
                        .execute(Tuple.of(name, json(actor)))
                        .chain(rows -> {
                            if (rows.rowCount() == 0) {
                                throw notFound(name);
                            }
                            return Outbox.insert(connection, List.of(updated))
                                    .replaceWith(views(rows).getFirst());
                        }))
                .invoke(relay::wake);
    }

    /** Completes the deletions whose tenants have no task left running. */
    Uni<Void> finishDrainedDeletions() {
        return pool.query("select name, deleting_actor from tenant where deleting_since is not null")
                .execute()
                .chain(rows -> {
                    List<Uni<Void>> finishing = new ArrayList<>();
                    for (Row row : rows) {
                        String name = row.getString("name");
                        Actor actor = actor(row.getString("deleting_actor"));
                        finishing.add(master.call(() -> master.get().activeTasks(name))
                                .chain(active -> active == 0
                                        ? remove(name, actor)
                                        : Uni.createFrom().voidItem()));
                    }
                    return finishing.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : Uni.join().all(finishing).andFailFast().replaceWithVoid();
                });
    }

    /** Removes the tenant and all it owns, with its tenant.deleted event; then the master forgets it. */
    private Uni<Void> remove(String name, Actor actor) {
        return pool.withTransaction(connection -> connection
                        .preparedQuery("with gone as (delete from tenant where name = $1 returning " + COLUMNS
                                + "), kept as (insert into tenant_tombstone (name) select name from gone)"
                                + " select * from gone")
                        .execute(Tuple.of(name))
                        .chain(rows -> {
                            if (rows.rowCount() == 0) {
                                throw notFound(name);
                            }
                            TenantView last = views(rows).getFirst();
                            Event deleted = Event.of(
                                    EventType.TENANT_DELETED,
                                    name,
                                    name,
                                    Instant.now(),
                                    new TenantDeleted()
                                            .withTenant(name)
                                            .withDisplayName(last.displayName())
                                            .withSuspended(last.state() != TenantView.State.ACTIVE)
                                            .withActor(actor));
                            return connection
                                    .preparedQuery(
                                            "delete from role_setting where role = $1 or role like $1 || '/%' returning role")
                                    .execute(Tuple.of(name))
                                    .chain(roles -> Outbox.insert(connection, List.of(deleted))
                                            .replaceWith(roleNames(roles)));
                        }))
                .invoke(relay::wake)
                .chain(roles -> master.call(() -> {
                    roles.forEach(role -> master.get().forgetRole(role));
                    return null;
                }))
                .chain(() -> jobs.forget(name))
                .invoke(() -> LOG.infof("tenant %s deleted by %s", name, actor.getUsername()));
    }

    private static Uni<TenantView> locked(SqlConnection connection, String name) {
        return connection
                .preparedQuery("select " + COLUMNS + " from tenant where name = $1 for update")
                .execute(Tuple.of(name))
                .map(rows -> views(rows).stream().findFirst().orElseThrow(() -> notFound(name)));
    }

    private Uni<List<TenantView>> withTasks(List<TenantView> views) {
        if (views.isEmpty()) {
            return Uni.createFrom().item(views);
        }
        return master.call(() -> views.stream()
                .map(view -> view.withActiveTasks(master.get().activeTasks(view.name())))
                .toList());
    }

    private static List<TenantView> views(Iterable<Row> rows) {
        List<TenantView> views = new ArrayList<>();
        for (Row row : rows) {
            TenantView.State state = row.getOffsetDateTime("deleting_since") != null
                    ? TenantView.State.DELETING
                    : row.getBoolean("suspended") ? TenantView.State.SUSPENDED : TenantView.State.ACTIVE;
            views.add(new TenantView(
                    row.getString("name"),
                    row.getString("display_name"),
                    state,
                    row.getOffsetDateTime("created_at").toInstant(),
                    0,
                    row.getLong("version")));
        }
        return views;
    }

    private static List<String> roleNames(Iterable<Row> rows) {
        List<String> names = new ArrayList<>();
        rows.forEach(row -> names.add(row.getString("role")));
        return names;
    }

    private static String json(Actor actor) {
        try {
            return JSON.writeValueAsString(actor);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Actor actor(String json) {
        try {
            return json == null ? new Actor().withSubject("unknown") : JSON.readValue(json, Actor.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static RuntimeException notFound(String name) {
        return ErrorCode.NOT_FOUND.exception("No tenant " + name);
    }
}
