package io.atrium.tenancy;

import io.atrium.allocator.Quota;
import io.atrium.api.Versions;
import io.atrium.events.Event;
import io.atrium.events.EventType;
import io.atrium.events.Outbox;
import io.atrium.events.OutboxRelay;
import io.atrium.master.MasterService;
import io.atrium.master.RoleView;
import io.atrium.resources.Roles;
import io.atrium.resources.Scalar;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Roles' weights and quotas, stored in PostgreSQL and applied to the master: at start, and
 * after each change, which is written with its audit event in one transaction. Every change
 * names the version it was made from (the ETag its author read); a change made from an older
 * version is refused, so two admins cannot overwrite each other.
 */
@ApplicationScoped
public class RoleSettings {

    private static final Logger LOG = Logger.getLogger(RoleSettings.class);

    /** A role's stored settings; version 0 means never set (weight 1, no quota). */
    public record Setting(
            String role, double weight, String guarantees, String limits, Integer maxTasks, long version) {

        static Setting unset(String role) {
            return new Setting(role, 1.0, "", "", null, 0);
        }

        Quota quota() {
            return Quota.of(guarantees, limits).withMaxTasks(maxTasks);
        }
    }

    /** A role as the API shows it: its view in the master and the version to name when changing it. */
    public record Versioned(RoleView role, long version) {}

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @Inject
    MasterService master;

    /** Applies every stored setting to the master, before agents and frameworks connect. */
    void load(@Observes @Priority(20) StartupEvent event) {
        List<Setting> settings = new java.util.ArrayList<>();
        pool.query("select role, weight, guarantees, limits, max_tasks, version from role_setting")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(60))
                .forEach(row -> settings.add(setting(row)));
        for (Setting setting : settings) {
            master.get()
                    .submit(() -> master.get()
                            .applyRole(setting.role(), setting.weight(), setting.quota(), setting.version()))
                    .toCompletableFuture()
                    .join();
        }
        LOG.infof("applied the stored weights and quotas of %d roles", settings.size());
    }

    public Uni<Versioned> get(String role) {
        return master.call(
                () -> new Versioned(master.get().role(role), master.get().roleVersion(role)));
    }

    /**
     * Changes a role's settings from version {@code from}: {@code change} makes the new
     * settings, {@code event} their audit event; both are written together, then applied.
     * Fails with 412 when the stored version is not {@code from}.
     */
    public Uni<Versioned> update(
            String role,
            long from,
            Function<Setting, Setting> change,
            EventType type,
            Function<Setting, Object> eventData) {
        return pool.withTransaction(connection -> read(connection, role).chain(current -> {
                    if (current.version() != from) {
                        throw changed(role, current.version(), from);
                    }
                    Setting next = change.apply(current);
                    return write(connection, next, from).chain(version -> {
                        Setting written = new Setting(
                                role, next.weight(), next.guarantees(), next.limits(), next.maxTasks(), version);
                        Event audit =
                                Event.of(type, role, Roles.tenantOf(role), Instant.now(), eventData.apply(written));
                        return Outbox.insert(connection, List.of(audit)).replaceWith(written);
                    });
                }))
                .invoke(relay::wake)
                .chain(written -> master.call(() -> new Versioned(
                        master.get().applyRole(role, written.weight(), written.quota(), written.version()),
                        written.version())));
    }

    private static Uni<Setting> read(SqlConnection connection, String role) {
        return connection
                .preparedQuery(
                        "select role, weight, guarantees, limits, max_tasks, version from role_setting where role = $1"
                                + " for update")
                .execute(Tuple.of(role))
                .map(rows -> rows.iterator().hasNext() ? setting(rows.iterator().next()) : Setting.unset(role));
    }

    /** Writes {@code next} if the stored version is still {@code from}; the new version. */
    private static Uni<Long> write(SqlConnection connection, Setting next, long from) {
        return connection
                .preparedQuery("""
                        insert into role_setting (role, weight, guarantees, limits, max_tasks, version)
                        values ($1, $2, $3, $4, $6, 1)
                        on conflict (role) do update set weight = excluded.weight,
                            guarantees = excluded.guarantees, limits = excluded.limits,
                            max_tasks = excluded.max_tasks,
                            version = role_setting.version + 1, updated_at = now()
                        where role_setting.version = $5
                        returning version""")
                .execute(Tuple.from(java.util.Arrays.asList(
                        next.role(), next.weight(), next.guarantees(), next.limits(), from, next.maxTasks())))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw changed(next.role(), -1, from); // a first write of the role raced ours
                    }
                    return rows.iterator().next().getLong("version");
                });
    }

    private static RuntimeException changed(String role, long current, long from) {
        return Versions.changed("The settings of role " + role, current, from);
    }

    private static Setting setting(Row row) {
        return new Setting(
                row.getString("role"),
                row.getDouble("weight"),
                row.getString("guarantees"),
                row.getString("limits"),
                row.getInteger("max_tasks"),
                row.getLong("version"));
    }

    /** Scalar amounts by name, as events carry them. */
    static Map<String, Double> amounts(Map<String, Scalar> scalars) {
        Map<String, Double> amounts = new TreeMap<>();
        scalars.forEach((name, amount) -> amounts.put(name, amount.toDouble()));
        return amounts;
    }
}
