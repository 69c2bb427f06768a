package io.atrium.allocator;

import io.atrium.resources.Quantities;
import io.atrium.resources.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Why a task that could run (see {@link Feasibility}) is not running now: no agent its
 * constraints allow, its role's quota limit held in full, or no room on the agents it may use.
 * Plain Java: the master's state in, a value out, so that a pending job can say why it waits.
 */
public final class Pending {

    /** The answer, in the order the checks are made. */
    public sealed interface Why permits NoMatch, AtTaskLimit, OverQuota, NoRoom, Placeable {}

    /** No agent that may take tasks satisfies its constraints (of {@code agents} agents known). */
    public record NoMatch(int agents) implements Why {}

    /** {@code role} (its own or one above) runs the most tasks its quota allows at once, {@code maxTasks}. */
    public record AtTaskLimit(String role, int maxTasks) implements Why {}

    /** Launching it would take its role (or a role above) past a quota limit: one line per resource. */
    public record OverQuota(List<Headroom> resources) implements Why {}

    /**
     * {@code role} may hold at most {@code limit} of {@code resource}, holds {@code held}, and a
     * task asks {@code asked}.
     */
    public record Headroom(String role, String resource, Scalar limit, Scalar held, Scalar asked) {

        /** What the role may still take, never below zero. */
        public Scalar headroom() {
            return limit.compareTo(held) > 0 ? limit.minus(held) : Scalar.ZERO;
        }
    }

    /** None of the {@code matching} agents its constraints allow has room for it now. */
    public record NoRoom(int matching) implements Why {}

    /** Some agent has room for it now: it launches with the next offer. */
    public record Placeable() implements Why {}

    /**
     * An agent as placement sees it: where it is, what it can still give the role, and whether
     * it takes new tasks at all (active and not draining).
     */
    public record Agent(String hostname, Map<String, String> attributes, Quantities available, boolean accepting) {}

    /** One role's quota limits and what the role (with the roles below it) holds. */
    public record RoleBound(String role, Map<String, Scalar> limits, Quantities held) {}

    private Pending() {}

    /**
     * Judges one task asking {@code ask}: {@code bounds} are its role's and every ancestor's,
     * {@code allowed} says which agents its constraints accept.
     */
    public static Why of(Quantities ask, List<RoleBound> bounds, List<Agent> agents, Predicate<Agent> allowed) {
        List<Agent> accepting = agents.stream().filter(Agent::accepting).toList();
        List<Agent> matching = accepting.stream().filter(allowed).toList();
        if (!accepting.isEmpty() && matching.isEmpty()) {
            return new NoMatch(accepting.size());
        }
        List<Headroom> over = new ArrayList<>();
        for (RoleBound bound : bounds) {
            for (Map.Entry<String, Scalar> asked : ask.asMap().entrySet()) {
                Scalar limit = bound.limits().get(asked.getKey());
                Scalar held = bound.held().get(asked.getKey());
                if (limit != null && held.plus(asked.getValue()).compareTo(limit) > 0) {
                    over.add(new Headroom(bound.role(), asked.getKey(), limit, held, asked.getValue()));
                }
            }
        }
        if (!over.isEmpty()) {
            return new OverQuota(List.copyOf(over));
        }
        if (matching.stream().noneMatch(agent -> agent.available().contains(ask))) {
            return new NoRoom(matching.size());
        }
        return new Placeable();
    }
}
