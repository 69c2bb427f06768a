package io.atrium.master;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The master's timings ({@code atrium.master.*}). */
@ConfigMapping(prefix = "atrium.master")
public interface MasterConfig {

    /** How often master and agents heartbeat each other. */
    @WithDefault("15s")
    Duration heartbeatInterval();

    /** Missed heartbeats after which an agent is UNREACHABLE and its tasks TASK_UNREACHABLE. */
    @WithDefault("5")
    int maxMissedHeartbeats();

    /** How long an agent may stay UNREACHABLE before it is GONE and its tasks TASK_GONE. */
    @WithDefault("10m")
    Duration goneTimeout();

    /** How often the allocator runs when no change triggers it. */
    @WithDefault("1s")
    Duration allocationInterval();

    /** How long an offer stands before it is rescinded. */
    @WithDefault("30s")
    Duration offerTimeout();
}
