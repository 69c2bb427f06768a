package io.atrium.events;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes events into the outbox table, on the connection (and so in the transaction) of the
 * state change they describe. {@link OutboxRelay} takes them to Kafka from there.
 */
public final class Outbox {

    static final String INSERT = """
            insert into outbox (event_id, topic, key, tenant, type, envelope)
            values ($1, $2, $3, $4, $5, $6)""";

    private Outbox() {}

    public static Uni<Void> insert(SqlClient client, List<Event> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery(INSERT)
                .executeBatch(
                        events.stream().map(event -> Tuple.tuple(values(event))).toList())
                .replaceWithVoid();
    }

    /** The outbox row's values for {@code event}, in the order of {@link #INSERT}'s parameters. */
    public static List<Object> values(Event event) {
        return List.of(
                event.id(),
                event.type().topic().topicName(),
                event.subject(),
                event.tenant(),
                event.type().ceType(),
                new String(event.envelope(), StandardCharsets.UTF_8));
    }
}
