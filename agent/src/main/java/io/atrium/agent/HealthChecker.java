package io.atrium.agent;

import io.atrium.protocol.agent.HealthCheck;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Runs one task's health check on its schedule (Mesos' defaults: 15 s delay, every 10 s,
 * 20 s timeout, unhealthy after 3 failures in a row) and says when the task's health
 * changes: healthy on the first success and again after being unhealthy; unhealthy once the
 * failures in a row reach the limit. Checks run on {@code blocking}; their results and the
 * schedule live on the agent's loop.
 */
final class HealthChecker {

    /** One check; true when healthy. Throwing counts as a failure, with the reason. */
    interface Probe {
        boolean check(Duration timeout) throws Exception;
    }

    private final HealthCheck check;
    private final Probe probe;
    private final ScheduledExecutorService loop;
    private final ExecutorService blocking;
    private final BiConsumer<Boolean, String> changed;
    private Boolean healthy;
    private int failures;
    private volatile boolean stopped;
    private ScheduledFuture<?> next;

    /** @param changed told (on the loop) the new health and why */
    HealthChecker(
            HealthCheck check,
            Probe probe,
            ScheduledExecutorService loop,
            ExecutorService blocking,
            BiConsumer<Boolean, String> changed) {
        this.check = check;
        this.probe = probe;
        this.loop = loop;
        this.blocking = blocking;
        this.changed = changed;
    }

    /** Starts checking after the delay. On the loop. */
    void start() {
        schedule(seconds(check.getDelaySeconds(), 15));
    }

    /** No more checks, and no more news. On the loop. */
    void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    private void schedule(Duration after) {
        if (!stopped) {
            next = loop.schedule(this::run, after.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run() {
        Duration timeout = seconds(check.getTimeoutSeconds(), 20);
        blocking.execute(() -> {
            boolean passed;
            String why;
            try {
                passed = probe.check(timeout);
                why = passed ? "Health check passed" : "Health check failed";
            } catch (Exception e) {
                passed = false;
                why = "Health check failed: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            boolean result = passed;
            String reason = why;
            loop.execute(() -> record(result, reason));
        });
    }

    private void record(boolean passed, String why) {
        if (stopped) {
            return;
        }
        int limit = check.getConsecutiveFailures() == null
                ? 3
                : check.getConsecutiveFailures().intValue();
        if (passed) {
            failures = 0;
            if (!Boolean.TRUE.equals(healthy)) {
                healthy = true;
                changed.accept(true, why);
            }
        } else {
            failures++;
            if (failures >= limit && !Boolean.FALSE.equals(healthy)) {
                healthy = false;
                changed.accept(false, why + " (" + failures + " in a row)");
            }
        }
        schedule(seconds(check.getIntervalSeconds(), 10));
    }

    private static Duration seconds(Double value, double fallback) {
        return Duration.ofMillis((long) ((value == null ? fallback : value) * 1000));
    }
}
