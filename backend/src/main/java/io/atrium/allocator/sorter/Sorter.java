package io.atrium.allocator.sorter;

import io.atrium.resources.Quantities;
import java.util.List;
import java.util.function.Predicate;

/**
 * Orders clients by fairness: the allocator asks it who is furthest behind and offers to that
 * client first (Mesos {@code allocator/sorter/sorter.hpp}). A client is a role path such as
 * {@code acme/ml}, or a framework id in a per-role sorter; slashes make a hierarchy in which
 * siblings are compared by everything allocated below them.
 *
 * <p>The sorter only knows amounts: what the pool holds ({@link #addTotal}) and what each client
 * holds ({@link #allocated}). It keeps no per-agent bookkeeping and does no I/O.
 */
public interface Sorter {

    /** Adds an active client with nothing allocated. */
    void add(String client);

    /** Removes a client; what it held is no longer counted. */
    void remove(String client);

    boolean contains(String client);

    /** An inactive client keeps its allocation but is left out of {@link #sort()}. */
    void activate(String client);

    void deactivate(String client);

    /** The weight of a role path (default 1): a client with weight 2 is entitled to twice the share. */
    void updateWeight(String path, double weight);

    void allocated(String client, Quantities quantities);

    void unallocated(String client, Quantities quantities);

    /** What {@code path} holds, including every client below it. */
    Quantities allocation(String path);

    /** The pool the shares are measured against. */
    void addTotal(Quantities quantities);

    void removeTotal(Quantities quantities);

    /** Active clients, the one with the smallest weighted share first; ties broken by name. */
    List<String> sort();

    /**
     * Visits the active clients in {@link #sort()} order until {@code visitor} returns false. The
     * visitor may change allocations; the rest of the walk keeps the order it started with. This
     * is the allocator's hot path: it usually stops at the first client.
     */
    void visit(Predicate<String> visitor);
}
