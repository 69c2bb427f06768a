package io.atrium.allocator;

import io.atrium.resources.Quantities;
import io.atrium.resources.Scalar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Whether a task could ever run: within its role's quota limit, and on at least one agent of
 * the pool. Plain Java: a value, not an exception, so that the same answer feeds a refusal at
 * submit time and, later, "why is this pending?". Ranges (ports) are not judged here.
 */
public final class Feasibility {

    /** The answer. */
    public sealed interface Fit permits Fits, Insufficient {}

    /** It can run once there is room. */
    public record Fits() implements Fit {}

    /** It can never run as asked: one shortfall per resource that cannot be had. */
    public record Insufficient(List<Shortfall> shortfalls) implements Fit {}

    /** What blocks one resource. */
    public enum Bound {
        /** The role's quota limit is smaller than the ask. */
        QUOTA_LIMIT,
        /** No agent of the pool has that much in total. */
        LARGEST_AGENT
    }

    /** {@code asked} of {@code resource}, where {@code bound} allows only {@code most}. */
    public record Shortfall(String resource, Bound bound, Scalar asked, Scalar most) {

        /** How much more is asked than can be had. */
        public Scalar excess() {
            return asked.minus(most);
        }
    }

    private Feasibility() {}

    /**
     * Judges one task's {@code ask} against its role's {@code quota} limits and the totals of
     * the pool's agents. With no agent at all, only the quota is judged: agents may still come.
     */
    public static Fit of(Quantities ask, Quota quota, Collection<Quantities> agentTotals) {
        List<Shortfall> shortfalls = new ArrayList<>();
        for (Map.Entry<String, Scalar> asked : ask.asMap().entrySet()) {
            Scalar limit = quota.limits().get(asked.getKey());
            if (limit != null && limit.compareTo(asked.getValue()) < 0) {
                shortfalls.add(new Shortfall(asked.getKey(), Bound.QUOTA_LIMIT, asked.getValue(), limit));
                continue;
            }
            if (agentTotals.isEmpty()) {
                continue;
            }
            Scalar largest = Scalar.ZERO;
            for (Quantities total : agentTotals) {
                Scalar has = total.get(asked.getKey());
                if (has.compareTo(largest) > 0) {
                    largest = has;
                }
            }
            if (largest.compareTo(asked.getValue()) < 0) {
                shortfalls.add(new Shortfall(asked.getKey(), Bound.LARGEST_AGENT, asked.getValue(), largest));
            }
        }
        return shortfalls.isEmpty() ? new Fits() : new Insufficient(List.copyOf(shortfalls));
    }
}
