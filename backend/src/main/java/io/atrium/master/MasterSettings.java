package io.atrium.master;

import java.time.Duration;

/**
 * The master's timings.
 *
 * @param heartbeatInterval how often agents and master heartbeat each other
 * @param maxMissedHeartbeats silent intervals after which an agent is UNREACHABLE
 * @param goneTimeout how long an agent may stay UNREACHABLE before it is GONE
 * @param allocationInterval how often the allocator runs when nothing else triggers it
 * @param offerTimeout how long an offer stands before the master rescinds it
 */
public record MasterSettings(
        Duration heartbeatInterval,
        int maxMissedHeartbeats,
        Duration goneTimeout,
        Duration allocationInterval,
        Duration offerTimeout) {

    public Duration unreachableAfter() {
        return heartbeatInterval.multipliedBy(maxMissedHeartbeats);
    }
}
