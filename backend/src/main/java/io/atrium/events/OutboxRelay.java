package io.atrium.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Takes events from the outbox to Kafka: on its own thread, in outbox order (so in order per
 * key: the master writes one entity's events one after another), through an idempotent
 * producer with {@code acks=all}, in batches of up to {@link EventsConfig#relayBatch()} rows,
 * and marks the rows published once Kafka has them. Woken by every write that carries events,
 * and every second anyway. While Kafka is away, events wait in the outbox and the relay
 * retries with a growing pause; a batch that failed part way is sent again from its first
 * unacknowledged row, so a consumer that de-duplicates by event id sees each event once.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final Duration IDLE_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    @Inject
    Pool pool;

    @Inject
    EventsConfig config;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private Counter published;
    private Counter undeliverable;
    private Instant nextPrune = Instant.EPOCH;
    private boolean failing;

    void start(@Observes StartupEvent event) {
        published = Counter.builder("atrium.events.published")
                .description("Events the outbox relay handed to Kafka")
                .register(meters);
        undeliverable = Counter.builder("atrium.events.undeliverable")
                .description("Events Kafka refused for good (too large), set aside in the outbox")
                .register(meters);
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(10));
        }
    }

    /** Asks the relay to look at the outbox now (after a write that added events). Any thread. */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        boolean topicsReady = false;
        while (running) {
            try {
                if (!topicsReady) {
                    try (Admin admin = Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrapServers,
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                            5_000,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                            10_000))) {
                        EventTopics.ensure(admin, config);
                    }
                    topicsReady = true;
                }
                int sent = relayOnce();
                pruneWhenDue();
                recovered();
                backoff = Duration.ofMillis(100);
                if (sent == 0) {
                    wake.tryAcquire(IDLE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException | java.util.concurrent.TimeoutException e) {
                if (!running) {
                    break;
                }
                if (!failing) {
                    LOG.warnf("events wait in the outbox: cannot publish to Kafka (%s); retrying", rootCause(e));
                    failing = true;
                }
                closeProducer();
                try {
                    // Back off before trying Kafka again: the relay's own thread, nothing else to do
                    // until then; a wake-up must not cut the pause short, so no semaphore wait here.
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        closeProducer();
    }

    private static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == error ? String.valueOf(error.getMessage()) : error.getMessage() + ": " + cause;
    }

    private void recovered() {
        if (failing) {
            LOG.info("publishing events to Kafka again");
            failing = false;
        }
    }

    /** Publishes the oldest unpublished rows; returns how many. */
    private int relayOnce() throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("""
                        select id, topic, key, envelope from outbox
                        where published_at is null order by id limit $1""")
                .execute(Tuple.of(config.relayBatch()))
                .await()
                .atMost(Duration.ofSeconds(30))
                .forEach(rows::add);
        if (rows.isEmpty()) {
            return 0;
        }
        KafkaProducer<String, byte[]> kafka = producer();
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                    row.getString("topic"),
                    row.getString("key"),
                    row.getString("envelope").getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", Event.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            sends.add(kafka.send(record));
        }
        kafka.flush();
        // A row counts as published only if no earlier row of its key failed in this round: what
        // Kafka took after a failure of the same key is sent again (consumers drop the copy by
        // id), so each key stays in order while other keys flow on.
        List<Long> done = new ArrayList<>(rows.size());
        Set<String> blocked = new HashSet<>();
        RuntimeException failure = null;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String key = row.getString("topic") + "/" + row.getString("key");
            if (blocked.contains(key)) {
                continue;
            }
            try {
                sends.get(i).get();
                done.add(row.getLong("id"));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RecordTooLargeException) {
                    setAside(row.getLong("id"), e.getCause().getMessage());
                } else {
                    blocked.add(key);
                    failure = failure != null
                            ? failure
                            : new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            }
        }
        markPublished(done);
        published.increment(done.size());
        if (failure != null) {
            throw failure;
        }
        return done.size();
    }

    /** An event Kafka will never take (larger than the broker allows): kept in the outbox with why, never retried. */
    private void setAside(long id, String why) {
        LOG.errorf("outbox row %d cannot be published and is set aside: %s", id, why);
        undeliverable.increment();
        pool.preparedQuery("update outbox set published_at = now(), failure = $2 where id = $1")
                .execute(Tuple.of(id, why))
                .await()
                .atMost(Duration.ofSeconds(30));
    }

    private void markPublished(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        pool.preparedQuery("update outbox set published_at = now() where id = any($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .await()
                .atMost(Duration.ofSeconds(30));
    }

    private void pruneWhenDue() {
        // Rows set aside (failure) stay for an operator to look at.
        Instant now = Instant.now();
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_EVERY);
        pool.preparedQuery(
                        "delete from outbox where failure is null and published_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) config.outboxRetention().toSeconds()))
                .await()
                .atMost(Duration.ofSeconds(30));
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            ProducerConfig.CLIENT_ID_CONFIG, "atrium-outbox-relay",
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                            ProducerConfig.LINGER_MS_CONFIG, 1,
                            ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(1));
            producer = null;
        }
    }
}
