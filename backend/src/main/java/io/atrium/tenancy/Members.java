package io.atrium.tenancy;

import io.atrium.api.ErrorCode;
import io.atrium.api.Page;
import io.atrium.api.Versions;
import io.atrium.events.Event;
import io.atrium.events.EventType;
import io.atrium.events.Outbox;
import io.atrium.events.OutboxRelay;
import io.atrium.protocol.events.Actor;
import io.atrium.protocol.events.MemberChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's members and their roles, kept by Atrium and managed by the tenant's admins. Each
 * change names the version it was made from and is written with its {@code member.changed}
 * event. A tenant never loses its last tenant admin this way.
 */
@ApplicationScoped
public class Members {

    private static final String COLUMNS = "subject, username, email, role, created_at, version";

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @Inject
    KeycloakUsers users;

    @Inject
    ApiTokens tokens;

    public Uni<Page<MemberView>> list(String tenant, String cursor, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from membership where tenant = $1"
                        + " and ($2::text is null or subject > $2) order by subject limit $3")
                .execute(Tuple.of(tenant, Page.position(cursor), limit + 1))
                .map(rows -> Page.of(views(rows), limit, MemberView::subject));
    }

    public Uni<MemberView> get(String tenant, String subject) {
        return pool.preparedQuery("select " + COLUMNS + " from membership where tenant = $1 and subject = $2")
                .execute(Tuple.of(tenant, subject))
                .map(rows -> views(rows).stream().findFirst().orElseThrow(() -> notFound(tenant, subject)));
    }

    /** Adds the realm's user named {@code who} (user name or e-mail) with {@code role}. */
    public Uni<MemberView> add(String tenant, String who, String role, Actor actor) {
        return users.find(who).chain(found -> {
            KeycloakUsers.User user = found.orElseThrow(
                    () -> ErrorCode.VALIDATION_FAILED.invalid("user", "no user " + who + " in the realm"));
            return pool.withTransaction(connection -> connection
                            .preparedQuery("insert into membership (tenant, subject, role, username, email)"
                                    + " values ($1, $2, $3, $4, $5) on conflict (tenant, subject) do nothing"
                                    + " returning " + COLUMNS)
                            // The e-mail is kept only when the admin gave it: adding someone by name
                            // must not tell the admin their address.
                            .execute(Tuple.of(
                                    tenant,
                                    user.subject(),
                                    role,
                                    user.username(),
                                    who.contains("@") ? user.email() : null))
                            .chain(rows -> {
                                if (rows.rowCount() == 0) {
                                    throw ErrorCode.CONFLICT.invalid(
                                            "user", who + " is a member of " + tenant + " already");
                                }
                                MemberView added = views(rows).getFirst();
                                return Outbox.insert(connection, List.of(event(tenant, added, role, null, actor)))
                                        .replaceWith(added);
                            }))
                    .invoke(relay::wake);
        });
    }

    /** Gives a member another role, from version {@code from}. */
    public Uni<MemberView> change(String tenant, String subject, long from, String role, Actor actor) {
        return pool.withTransaction(connection -> locked(connection, tenant, subject, from)
                        .chain(current -> keepsAnAdmin(connection, tenant, current, role)
                                .chain(() -> connection
                                        .preparedQuery("update membership set role = $3, version = version + 1"
                                                + " where tenant = $1 and subject = $2 returning " + COLUMNS)
                                        .execute(Tuple.of(tenant, subject, role)))
                                .chain(rows -> {
                                    MemberView changed = views(rows).getFirst();
                                    return Outbox.insert(
                                                    connection,
                                                    List.of(event(tenant, changed, role, current.role(), actor)))
                                            .replaceWith(changed);
                                })))
                .invoke(relay::wake);
    }

    /** Removes a member, from version {@code from}; their API tokens for the tenant are revoked with it. */
    public Uni<Void> remove(String tenant, String subject, long from, Actor actor) {
        return pool.withTransaction(connection -> locked(connection, tenant, subject, from)
                        .chain(current -> keepsAnAdmin(connection, tenant, current, null)
                                .chain(() -> connection
                                        .preparedQuery("delete from membership where tenant = $1 and subject = $2")
                                        .execute(Tuple.of(tenant, subject)))
                                .chain(() -> Outbox.insert(
                                        connection, List.of(event(tenant, current, null, current.role(), actor))))
                                .chain(() -> tokens.revokeAllOf(connection, tenant, subject, actor))))
                .invoke(relay::wake);
    }

    /**
     * The membership, locked, if it is still at version {@code from}. The tenant's row is locked
     * first, so that changes to one tenant's members queue up rather than deadlock (two admins
     * demoting each other each lock their target, then all the admins).
     */
    private static Uni<MemberView> locked(SqlConnection connection, String tenant, String subject, long from) {
        return connection
                .preparedQuery("select name from tenant where name = $1 for update")
                .execute(Tuple.of(tenant))
                .chain(() -> connection
                        .preparedQuery("select " + COLUMNS + " from membership where tenant = $1 and subject = $2"
                                + " for update")
                        .execute(Tuple.of(tenant, subject)))
                .map(rows -> {
                    MemberView current = views(rows).stream().findFirst().orElseThrow(() -> notFound(tenant, subject));
                    if (current.version() != from) {
                        throw Versions.changed("The membership of " + current.username(), current.version(), from);
                    }
                    return current;
                });
    }

    /** Refuses to take the tenant admin role from the tenant's last tenant admin ({@code role} null: removal). */
    private static Uni<Void> keepsAnAdmin(SqlConnection connection, String tenant, MemberView current, String role) {
        if (!current.role().equals(TenantAccess.TENANT_ADMIN) || TenantAccess.TENANT_ADMIN.equals(role)) {
            return Uni.createFrom().voidItem();
        }
        // Locks the tenant's admins, so two admins demoting each other at once cannot both succeed.
        return connection
                .preparedQuery("select subject from membership where tenant = $1 and role = $2 for update")
                .execute(Tuple.of(tenant, TenantAccess.TENANT_ADMIN))
                .invoke(admins -> {
                    if (admins.rowCount() <= 1) {
                        throw ErrorCode.CONFLICT.invalid(
                                "role",
                                current.username() + " is the last tenant admin of " + tenant
                                        + ": make someone else tenant admin first");
                    }
                })
                .replaceWithVoid();
    }

    private static Event event(String tenant, MemberView member, String role, String previous, Actor actor) {
        MemberChanged data = new MemberChanged()
                .withTenant(tenant)
                .withMember(new Actor().withSubject(member.subject()).withUsername(member.username()))
                .withActor(actor);
        Optional.ofNullable(role).map(MemberChanged.Role::fromValue).ifPresent(data::setRole);
        Optional.ofNullable(previous).map(MemberChanged.PreviousRole::fromValue).ifPresent(data::setPreviousRole);
        return Event.of(EventType.MEMBER_CHANGED, tenant + "/" + member.subject(), tenant, Instant.now(), data);
    }

    private static List<MemberView> views(Iterable<Row> rows) {
        List<MemberView> views = new ArrayList<>();
        for (Row row : rows) {
            views.add(new MemberView(
                    row.getString("subject"),
                    row.getString("username"),
                    row.getString("email"),
                    row.getString("role"),
                    row.getOffsetDateTime("created_at").toInstant(),
                    row.getLong("version")));
        }
        return views;
    }

    private static RuntimeException notFound(String tenant, String subject) {
        return ErrorCode.NOT_FOUND.exception("No member " + subject + " in " + tenant);
    }
}
