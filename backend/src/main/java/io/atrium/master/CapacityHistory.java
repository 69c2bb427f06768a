package io.atrium.master;

import io.atrium.cluster.ClusterView;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The cluster's capacity and allocation over the last hour; touched only on the master's thread. */
final class CapacityHistory {

    static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final int KEPT = (int) (Duration.ofHours(1).toSeconds() / INTERVAL.toSeconds());

    private final Deque<ClusterView.Sample> samples = new ArrayDeque<>(KEPT);

    void add(ClusterView.Sample sample) {
        if (samples.size() == KEPT) {
            samples.removeFirst();
        }
        samples.addLast(sample);
    }

    /** Oldest first. */
    List<ClusterView.Sample> samples() {
        return List.copyOf(samples);
    }
}
