package io.atrium.tenancy;

import io.atrium.api.ErrorCode;
import io.atrium.api.Page;
import io.atrium.api.PageRequest;
import io.atrium.events.Event;
import io.atrium.events.EventType;
import io.atrium.events.Outbox;
import io.atrium.events.OutboxRelay;
import io.atrium.protocol.events.Actor;
import io.atrium.protocol.events.TokenCreated;
import io.atrium.protocol.events.TokenRevoked;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Atrium API tokens: automation acting for one person in one tenant, with at most a given
 * role. The secret ({@code atr_…}) is shown once; only its SHA-256 is stored. A token stops
 * working when revoked, when it expires, and when its owner leaves the tenant; its role is
 * capped by its owner's current role.
 */
@ApplicationScoped
public class ApiTokens {

    /** The prefix of every token secret: how the API tells them from Keycloak's tokens. */
    public static final String PREFIX = "atr_";

    /** The security identity attribute that holds a token's {@link Scope}. */
    static final String SCOPE = "atrium.api-token";

    /** How long a token lives when its creator does not say. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);

    /** The longest a token may live. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(366);

    /** Last use is recorded at most this often per token, so that using one costs no write each time. */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String COLUMNS =
            "id, name, role, owner, owner_name, created_at, expires_at, revoked_at, last_used_at";

    /** What a token may touch: one tenant, with at most one role. */
    public record Scope(String id, String tenant, String role) {}

    /** A token just created, with its secret: the only time the secret is seen. */
    public record Created(ApiTokenView token, String secret) {}

    /** The owner and scope of a valid token, as authentication needs them. */
    public record Holder(Scope scope, String owner, String ownerName, Instant expiresAt) {}

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    /** The scope of an identity that authenticated with an API token. */
    public static Optional<Scope> scope(SecurityIdentity identity) {
        return Optional.ofNullable(identity.getAttribute(SCOPE));
    }

    public Uni<Created> create(String tenant, String name, String role, Instant expiresAt, Actor owner) {
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
        String id = "tok_" + HexFormat.of().formatHex(bytes(6));
        Event created = Event.of(
                EventType.TOKEN_CREATED,
                id,
                tenant,
                Instant.now(),
                new TokenCreated()
                        .withTenant(tenant)
                        .withToken(id)
                        .withName(name)
                        .withRole(TokenCreated.Role.fromValue(role))
                        .withOwner(new Actor().withSubject(owner.getSubject()).withUsername(owner.getUsername()))
                        .withExpiresAt(expiresAt)
                        .withActor(owner));
        return pool.withTransaction(connection -> connection
                        .preparedQuery("insert into api_token (id, tenant, owner, owner_name, name, role, secret_hash,"
                                + " expires_at) values ($1, $2, $3, $4, $5, $6, $7, $8) returning " + COLUMNS)
                        .execute(Tuple.from(List.of(
                                id,
                                tenant,
                                owner.getSubject(),
                                owner.getUsername(),
                                name,
                                role,
                                io.vertx.core.buffer.Buffer.buffer(hash(secret)),
                                expiresAt.atOffset(ZoneOffset.UTC))))
                        .chain(rows -> Outbox.insert(connection, List.of(created))
                                .replaceWith(views(rows).getFirst())))
                .invoke(relay::wake)
                .map(view -> new Created(view, secret));
    }

    /** A page of the tenant's tokens, newest first; only {@code owner}'s unless {@code owner} is null. */
    public Uni<Page<ApiTokenView>> list(String tenant, String owner, PageRequest page) {
        PageRequest.Key after = page.after();
        return pool.preparedQuery("select " + COLUMNS + " from api_token where tenant = $1"
                        + " and ($2::text is null or owner = $2)"
                        + " and ($3::timestamptz is null or (created_at, id) < ($3, $4))"
                        + " order by created_at desc, id desc limit $5")
                .execute(Tuple.from(java.util.Arrays.asList(
                        tenant,
                        owner,
                        after == null ? null : after.time().atOffset(ZoneOffset.UTC),
                        after == null ? null : after.id(),
                        page.limit() + 1)))
                .map(rows -> page.cut(views(rows), view -> new PageRequest.Key(view.createdAt(), view.id())));
    }

    /**
     * Revokes a token of the tenant; {@code owner} non-null limits it to that person's tokens.
     * Revoking a revoked token changes nothing. 404 for a token that is not there (or not theirs).
     */
    public Uni<ApiTokenView> revoke(String tenant, String id, String owner, Actor actor) {
        return pool.withTransaction(connection -> connection
                        .preparedQuery("select " + COLUMNS + " from api_token where tenant = $1 and id = $2"
                                + " and ($3::text is null or owner = $3) for update")
                        .execute(Tuple.of(tenant, id, owner))
                        .chain(rows -> {
                            ApiTokenView view = views(rows).stream()
                                    .findFirst()
                                    .orElseThrow(
                                            () -> ErrorCode.NOT_FOUND.exception("No token " + id + " in " + tenant));
                            if (view.revokedAt() != null) {
                                return Uni.createFrom().item(view);
                            }
                            Event revoked = revoked(tenant, view, actor);
                            return connection
                                    .preparedQuery("update api_token set revoked_at = now() where id = $1 returning "
                                            + COLUMNS)
                                    .execute(Tuple.of(id))
                                    .chain(updated -> Outbox.insert(connection, List.of(revoked))
                                            .replaceWith(views(updated).getFirst()));
                        }))
                .invoke(relay::wake);
    }

    /**
     * Revokes, on {@code connection} (the caller's transaction), every token {@code owner} has in
     * {@code tenant}, each with its token.revoked event: what a member's removal does.
     */
    Uni<Void> revokeAllOf(SqlConnection connection, String tenant, String owner, Actor actor) {
        return connection
                .preparedQuery("update api_token set revoked_at = now() where tenant = $1 and owner = $2"
                        + " and revoked_at is null returning " + COLUMNS)
                .execute(Tuple.of(tenant, owner))
                .chain(rows -> Outbox.insert(
                        connection,
                        views(rows).stream()
                                .map(view -> revoked(tenant, view, actor))
                                .toList()));
    }

    private static Event revoked(String tenant, ApiTokenView view, Actor actor) {
        return Event.of(
                EventType.TOKEN_REVOKED,
                view.id(),
                tenant,
                Instant.now(),
                new TokenRevoked()
                        .withTenant(tenant)
                        .withToken(view.id())
                        .withName(view.name())
                        .withRole(TokenRevoked.Role.fromValue(view.role()))
                        .withOwner(new Actor().withSubject(view.owner()).withUsername(view.ownerName()))
                        .withExpiresAt(view.expiresAt())
                        .withActor(actor));
    }

    /** The holder of a valid (not revoked, not expired) token with this secret; records its use. */
    public Uni<Optional<Holder>> authenticate(String secret) {
        return pool.preparedQuery("select id, tenant, role, owner, owner_name, expires_at, last_used_at"
                        + " from api_token where secret_hash = $1 and revoked_at is null and expires_at > now()")
                .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(hash(secret))))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(Optional.<Holder>empty());
                    }
                    Row row = rows.iterator().next();
                    Holder holder = new Holder(
                            new Scope(row.getString("id"), row.getString("tenant"), row.getString("role")),
                            row.getString("owner"),
                            row.getString("owner_name"),
                            row.getOffsetDateTime("expires_at").toInstant());
                    OffsetDateTime lastUsed = row.getOffsetDateTime("last_used_at");
                    if (lastUsed != null
                            && lastUsed.toInstant().isAfter(Instant.now().minus(LAST_USED_GRANULARITY))) {
                        return Uni.createFrom().item(Optional.of(holder));
                    }
                    return pool.preparedQuery("update api_token set last_used_at = now() where id = $1")
                            .execute(Tuple.of(holder.scope().id()))
                            .replaceWith(Optional.of(holder));
                });
    }

    private static List<ApiTokenView> views(Iterable<Row> rows) {
        List<ApiTokenView> views = new ArrayList<>();
        for (Row row : rows) {
            views.add(new ApiTokenView(
                    row.getString("id"),
                    row.getString("name"),
                    row.getString("role"),
                    row.getString("owner"),
                    row.getString("owner_name"),
                    instant(row, "created_at"),
                    instant(row, "expires_at"),
                    instant(row, "revoked_at"),
                    instant(row, "last_used_at")));
        }
        return views;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
