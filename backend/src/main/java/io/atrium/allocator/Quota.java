package io.atrium.allocator;

import io.atrium.resources.Quantities;
import io.atrium.resources.Scalar;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A role's quota, counted over the role and every role below it (Mesos 1.9+ quota): the
 * {@code guarantees} are held back for it while it has not reached them, and it is never offered
 * past its {@code limits}. A name missing from the limits is unlimited; a limit of zero means none
 * at all. {@code maxTasks}, when set, is the most tasks the role and the roles below it may run
 * at once: while they do, the role gets no offers, and launches past it are dropped.
 */
public record Quota(Quantities guarantees, SortedMap<String, Scalar> limits, Integer maxTasks) {

    public static final Quota NONE = new Quota(Quantities.NONE, new TreeMap<>());

    public Quota(Quantities guarantees, SortedMap<String, Scalar> limits) {
        this(guarantees, limits, null);
    }

    public Quota {
        if (maxTasks != null && maxTasks < 0) {
            throw new IllegalArgumentException("the most tasks at once cannot be negative: " + maxTasks);
        }
        limits = Collections.unmodifiableSortedMap(new TreeMap<>(limits));
        for (Map.Entry<String, Scalar> guarantee : guarantees.asMap().entrySet()) {
            Scalar limit = limits.get(guarantee.getKey());
            if (limit != null && limit.compareTo(guarantee.getValue()) < 0) {
                throw new IllegalArgumentException("the guarantee of " + guarantee.getValue() + " " + guarantee.getKey()
                        + " is above its limit of " + limit);
            }
        }
    }

    /** Parses {@code "cpus:4;mem:4096"} guarantees and limits; either may be empty. */
    public static Quota of(String guarantees, String limits) {
        return new Quota(Quantities.parse(guarantees), Quantities.parseAmounts(limits));
    }

    /** This quota with at most {@code maxTasks} tasks at once ({@code null}: no such limit). */
    public Quota withMaxTasks(Integer maxTasks) {
        return new Quota(guarantees, limits, maxTasks);
    }

    public boolean isNone() {
        return guarantees.isEmpty() && limits.isEmpty() && maxTasks == null;
    }
}
