package io.atrium.agent;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter between attempts to reach the master, so a
 * restarted master is not hit by every agent at the same instant.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration cap;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration initial, Duration cap, RandomGenerator random) {
        this.initial = initial;
        this.cap = cap;
        this.random = random;
    }

    /** The wait before the next attempt: uniform in [0, min(cap, initial * 2^attempt)]. */
    public Duration next() {
        long ceiling = Math.min(cap.toMillis(), initial.toMillis() << Math.min(attempt, 30));
        attempt++;
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }

    /** After a success: start again from the initial wait. */
    public void reset() {
        attempt = 0;
    }
}
