package io.atrium.events;

import io.atrium.api.ErrorCode;
import io.atrium.api.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fans the event topics out to SSE clients. One consumer reads every partition from where the
 * log ended when the master started; each event goes to the clients whose filter wants it
 * (never waiting on one) and into a window of recent events in memory. A client that resumes
 * from a cursor is first fed on its own thread, from Kafka while its cursor is older than the
 * window, then from the window, and joins the live fan-out once it has caught up: no gap, no
 * duplicate. A cursor older than what Kafka keeps gets a clear error instead of a silent gap.
 *
 * <pre>
 * Kafka ──▶ hub consumer ──▶ window (recent events) ──▶ live subscriptions ──▶ SSE
 *   └──────────────▶ catch-up reader ─────┘ (resuming clients, until caught up)
 * </pre>
 */
@ApplicationScoped
public class EventHub {

    private static final Logger LOG = Logger.getLogger(EventHub.class);

    /** Ids the hub remembers to drop a second copy of an event (the relay resent it after an outage). */
    private static final int DEDUPLICATION_WINDOW = 50_000;

    private static final int REPLAY_BATCH = 500;

    private static final int MAX_RESUMING = 64;

    /** How long a resuming client may take nothing before it is told it is too slow. */
    private static final Duration STALLED = Duration.ofSeconds(60);

    @Inject
    EventsConfig config;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final Set<Subscription> live = new CopyOnWriteArraySet<>();
    private final ArrayDeque<StreamEvent> window = new ArrayDeque<>();
    /** Per partition: the offset of the next event the hub will read. */
    private final Map<TopicPartition, Long> position = new HashMap<>();
    /** Per partition: the first offset the window still holds (or will hold). */
    private final Map<TopicPartition, Long> windowFloor = new HashMap<>();

    private final Map<String, Boolean> seenIds = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > DEDUPLICATION_WINDOW;
        }
    };

    private final OfferRates offerRates = new OfferRates();
    /** Streams being fed from Kafka or the window at once: each holds a consumer and a thread. */
    private final Semaphore resuming = new Semaphore(MAX_RESUMING);

    private volatile boolean running;
    private volatile boolean ready;
    private Thread thread;
    private KafkaConsumer<String, byte[]> consumer;
    private Counter tooSlow;

    void start(@Observes StartupEvent event) {
        Gauge.builder("atrium.events.stream.clients", live, Set::size)
                .description("SSE clients following the event streams live")
                .register(meters);
        tooSlow = Counter.builder("atrium.events.stream.too.slow")
                .description("SSE clients disconnected because they fell too far behind")
                .register(meters);
        running = true;
        thread = Thread.ofPlatform().name("event-hub").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(Duration.ofSeconds(10));
        }
        live.forEach(subscription -> subscription.end(null));
    }

    /**
     * Opens a stream: live from now when {@code from} is null, else exactly after {@code from}.
     * The caller takes deliveries with {@link Subscription#next()} and closes it when done.
     */
    public Subscription subscribe(EventFilter filter, Cursor from) {
        if (!ready) {
            throw ErrorCode.UNAVAILABLE.exception("The event streams are starting; try again in a moment");
        }
        if (from == null) {
            synchronized (this) {
                Subscription subscription = new Subscription(filter, Cursor.of(position), config.clientBuffer());
                subscription.live();
                live.add(subscription);
                return subscription;
            }
        }
        if (!resuming.tryAcquire()) {
            throw ErrorCode.UNAVAILABLE.exception("Too many streams are resuming at once; try again in a moment");
        }
        Subscription subscription = new Subscription(filter, from, config.clientBuffer());
        try {
            Thread.ofVirtual().name("event-catch-up").start(() -> catchUp(subscription));
        } catch (RuntimeException e) {
            resuming.release();
            throw e;
        }
        return subscription;
    }

    /** Offers per role in the last complete second, for {@code tenant}'s roles (all when null). */
    public OfferRates.Second offerRates(String tenant) {
        return offerRates.of(System.currentTimeMillis() / 1000 - 1, tenant);
    }

    /** The client went away. */
    public void unsubscribe(Subscription subscription) {
        subscription.close();
        live.remove(subscription);
    }

    // ---- the hub's consumer ----

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = newConsumer("atrium-event-hub", "earliest")) {
                consumer = kafka;
                List<TopicPartition> partitions = awaitPartitions(kafka);
                if (partitions == null) {
                    return;
                }
                kafka.assign(partitions);
                synchronized (this) {
                    for (TopicPartition partition : partitions) {
                        Long next = position.get(partition);
                        if (next != null) {
                            kafka.seek(partition, next); // starting over: go on where it stopped, no gap
                        } else {
                            kafka.seekToEnd(List.of(partition));
                            long end = kafka.position(partition, Duration.ofSeconds(30));
                            position.put(partition, end);
                            windowFloor.put(partition, end);
                        }
                    }
                }
                ready = true;
                LOG.infof("streaming events from %d partitions", partitions.size());
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(500))) {
                        dispatch(record);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("the event hub lost Kafka (%s); starting over", e.getMessage());
                    pause(Duration.ofSeconds(1));
                }
            }
        }
    }

    /** Every partition of every event topic, once they all exist; null when stopping. */
    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> kafka) {
        while (running) {
            List<TopicPartition> partitions = new ArrayList<>();
            try {
                for (Topic topic : Topic.values()) {
                    List<PartitionInfo> infos = kafka.partitionsFor(topic.topicName(), Duration.ofSeconds(5));
                    if (infos == null || infos.isEmpty()) {
                        partitions = null;
                        break;
                    }
                    for (PartitionInfo info : infos) {
                        partitions.add(new TopicPartition(info.topic(), info.partition()));
                    }
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                partitions = null;
            }
            if (partitions != null) {
                return partitions;
            }
            pause(Duration.ofMillis(500));
        }
        return null;
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        StreamEvent event = StreamEvent.of(record);
        synchronized (this) {
            position.put(partition, record.offset() + 1);
            if (!event.isEvent() || seenIds.put(event.id(), Boolean.TRUE) != null) {
                return;
            }
            if (event.role() != null) {
                offerRates.count(event.type(), event.role(), System.currentTimeMillis());
            }
            window.addLast(event);
            while (window.size() > config.replayWindow()) {
                StreamEvent evicted = window.removeFirst();
                windowFloor.put(evicted.partition(), evicted.offset() + 1);
            }
            for (Subscription subscription : live) {
                if (subscription.isClosed()) {
                    live.remove(subscription);
                } else if (!subscription.offer(event)) {
                    live.remove(subscription);
                    tooSlow.increment();
                    subscription.end(tooSlow());
                }
            }
        }
    }

    // ---- resuming clients ----

    /**
     * Feeds a resuming client until it has caught up with the hub, then hands it over to the
     * live fan-out; waits for the client (not the other way round) while doing so.
     */
    private void catchUp(Subscription subscription) {
        // Kafka decides whether a cursor is too old, whatever this master holds in memory.
        try (KafkaConsumer<String, byte[]> kafka = newConsumer("atrium-event-catch-up", "none")) {
            if (!seek(kafka, subscription)) {
                return;
            }
            boolean servedFromWindow = false;
            while (!subscription.isClosed()) {
                List<StreamEvent> batch;
                synchronized (this) {
                    batch = inWindow(subscription.cursor) ? fromWindow(subscription.cursor) : null;
                    // Nothing new in the window: what remains is the hub's to send (duplicates it dropped aside).
                    if (caughtUp(subscription.cursor) || (batch != null && batch.isEmpty())) {
                        if (!subscription.isClosed()) {
                            subscription.live();
                            live.add(subscription);
                        }
                        return;
                    }
                }
                if (batch != null) {
                    servedFromWindow = true;
                } else {
                    if (servedFromWindow) {
                        // The window moved on while we replayed it: read Kafka from where the client is.
                        kafka.assignment().forEach(p -> kafka.seek(p, subscription.cursor.next(p)));
                        servedFromWindow = false;
                    }
                    batch = read(kafka, subscription);
                }
                for (StreamEvent event : batch) {
                    if (!awaitRoom(subscription)) {
                        subscription.end(tooSlow());
                        return;
                    }
                    subscription.offer(event);
                }
            }
        } catch (OffsetOutOfRangeException | NoOffsetForPartitionException e) {
            subscription.end(expired("Kafka no longer has the events after that id"));
        } catch (RuntimeException e) {
            LOG.warnf("a resuming stream failed: %s", e.getMessage());
            subscription.end(Problem.of(ErrorCode.UNAVAILABLE, "The stream could not resume: " + e.getMessage(), null));
        } finally {
            resuming.release();
        }
    }

    /** Waits while a resuming client reads what it was given; false when it stopped reading altogether. */
    private static boolean awaitRoom(Subscription subscription) {
        long deadline = System.nanoTime() + STALLED.toNanos();
        while (!subscription.hasRoom()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }

    private Problem tooSlow() {
        return Problem.of(
                ErrorCode.CLIENT_TOO_SLOW,
                "You fell more than " + config.clientBuffer() + " events behind; reconnect with"
                        + " Last-Event-ID set to the id of the last event you received",
                null);
    }

    private static Problem expired(String why) {
        return Problem.of(
                ErrorCode.CURSOR_EXPIRED,
                why + "; reconnect without Last-Event-ID and read the current state from the REST API",
                null);
    }

    /** The next records Kafka has for a resuming client. */
    private static List<StreamEvent> read(KafkaConsumer<String, byte[]> kafka, Subscription subscription) {
        List<StreamEvent> batch = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(500))) {
            batch.add(StreamEvent.of(record)); // records that are not events too: the cursor steps over them in order
        }
        return batch;
    }

    /** Points the catch-up reader at the client's cursor; false (and an error sent) when Kafka no longer has it. */
    private boolean seek(KafkaConsumer<String, byte[]> kafka, Subscription subscription) {
        List<TopicPartition> partitions;
        synchronized (this) {
            partitions = List.copyOf(position.keySet());
        }
        kafka.assign(partitions);
        Map<TopicPartition, Long> oldest = kafka.beginningOffsets(partitions, Duration.ofSeconds(30));
        Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, Duration.ofSeconds(30));
        for (TopicPartition partition : partitions) {
            long next = subscription.cursor.next(partition);
            if (next < oldest.getOrDefault(partition, 0L)) {
                subscription.end(expired("Events after that id are no longer kept (" + partition + " starts at offset "
                        + oldest.get(partition) + ")"));
                return false;
            }
            if (next > ends.getOrDefault(partition, 0L)) {
                subscription.end(expired("That id is from a log this cluster does not have (" + partition
                        + " ends at offset " + ends.get(partition) + ")"));
                return false;
            }
            kafka.seek(partition, next);
        }
        return true;
    }

    private boolean caughtUp(Cursor cursor) {
        return position.entrySet().stream().allMatch(e -> cursor.next(e.getKey()) >= e.getValue());
    }

    private boolean inWindow(Cursor cursor) {
        return windowFloor.entrySet().stream().allMatch(e -> cursor.next(e.getKey()) >= e.getValue());
    }

    private List<StreamEvent> fromWindow(Cursor cursor) {
        List<StreamEvent> batch = new ArrayList<>();
        for (StreamEvent event : window) {
            if (cursor.isNew(event.partition(), event.offset())) {
                batch.add(event);
                if (batch.size() == REPLAY_BATCH) {
                    break;
                }
            }
        }
        return batch;
    }

    /**
     * A consumer of the event topics. A resuming client's ({@code reset} none) fails rather than
     * jump when its position is gone; the hub's starts again from the oldest event Kafka has.
     */
    private KafkaConsumer<String, byte[]> newConsumer(String clientId, String reset) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, REPLAY_BATCH,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    /**
     * Waits before trying Kafka again. A plain sleep is right here: this is the hub's own
     * thread, there is nothing else for it to do meanwhile, and stopping ends it anyway.
     */
    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
