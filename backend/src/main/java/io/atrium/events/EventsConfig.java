package io.atrium.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The event backbone's settings ({@code atrium.events.*}); the broker is {@code kafka.bootstrap.servers}. */
@ConfigMapping(prefix = "atrium.events")
public interface EventsConfig {

    /** Partitions of each topic when Atrium creates it. */
    @WithDefault("3")
    int partitions();

    /** Replicas of each topic when Atrium creates it (1 for a single broker). */
    @WithDefault("1")
    short replication();

    /** How long Kafka keeps events: the oldest cursor a stream can resume from. */
    @WithDefault("7d")
    Duration retention();

    /** Most outbox rows the relay publishes in one round. */
    @WithDefault("500")
    int relayBatch();

    /** How long published rows stay in the outbox before they are pruned. */
    @WithDefault("1h")
    Duration outboxRetention();

    /** Events an SSE client may fall behind before it is told so and disconnected. */
    @WithDefault("1000")
    int clientBuffer();

    /** How long a stream may stay silent before a keep-alive comment is sent (proxies drop idle connections). */
    @WithDefault("15s")
    Duration keepAlive();

    /** Recent events the master keeps in memory, so that resuming clients need not read Kafka. */
    @WithDefault("20000")
    int replayWindow();
}
