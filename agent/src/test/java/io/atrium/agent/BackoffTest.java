package io.atrium.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsGrowExponentiallyButNeverPastTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), new SplittableRandom(7));
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            waits.add(backoff.next());
        }
        // ceilings: 100, 200, 400, 800, 1600, then the 2000 cap
        assertThat(waits.subList(0, 4))
                .allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofMillis(800)));
        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ZERO, Duration.ofSeconds(2)));
        assertThat(waits.subList(5, 50)).anySatisfy(wait -> assertThat(wait).isGreaterThan(Duration.ofMillis(1600)));
    }

    @Test
    void jitterSpreadsAgentsThatStartedTogether() {
        Backoff first = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new SplittableRandom(1));
        Backoff second = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new SplittableRandom(2));
        List<Duration> a = new ArrayList<>();
        List<Duration> b = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            a.add(first.next());
            b.add(second.next());
        }
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void resetStartsAgainFromTheInitialWait() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new SplittableRandom(3));
        for (int i = 0; i < 10; i++) {
            backoff.next();
        }
        backoff.reset();
        assertThat(backoff.next()).isLessThanOrEqualTo(Duration.ofMillis(100));
    }
}
