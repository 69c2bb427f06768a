package io.atrium.allocator;

import io.atrium.agents.AgentId;
import io.atrium.frameworks.FrameworkId;
import io.atrium.resources.Resources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The allocator's view of one framework: its roles, whether it wants offers, and its filters. */
final class FrameworkSlot {

    /**
     * Resources a framework declined on an agent for one of its roles, not to be offered again to
     * it for that role until expiry (filters are per role, as in Mesos since multi-role frameworks).
     */
    record Refusal(String role, Resources resources, Instant until) {}

    final FrameworkId id;
    final Set<String> roles;
    final Set<String> suppressed = new HashSet<>();
    final Map<AgentId, List<Refusal>> refusals = new HashMap<>();
    boolean active;

    FrameworkSlot(FrameworkId id, Set<String> roles, boolean active) {
        this.id = id;
        this.roles = new TreeSet<>(roles);
        this.active = active;
    }

    void refuse(String role, AgentId agent, Resources resources, Instant until) {
        refusals.computeIfAbsent(agent, a -> new ArrayList<>()).add(new Refusal(role, resources, until));
    }

    /** Drops the refusals of {@code roles} (all when empty). */
    void forgetRefusals(Set<String> roles) {
        if (roles.isEmpty()) {
            refusals.clear();
            return;
        }
        refusals.values().forEach(onAgent -> onAgent.removeIf(refusal -> roles.contains(refusal.role())));
        refusals.values().removeIf(List::isEmpty);
    }

    /**
     * Whether {@code offer} to {@code role} is covered by an unexpired refusal on that agent
     * (Mesos' offer filter).
     */
    boolean refuses(String role, AgentId agent, Resources offer, Instant now) {
        List<Refusal> onAgent = refusals.get(agent);
        if (onAgent == null) {
            return false;
        }
        onAgent.removeIf(refusal -> !refusal.until().isAfter(now));
        if (onAgent.isEmpty()) {
            refusals.remove(agent);
            return false;
        }
        for (Refusal refusal : onAgent) {
            if (refusal.role().equals(role) && refusal.resources().contains(offer)) {
                return true;
            }
        }
        return false;
    }

    boolean wantsOffers(String role) {
        return active && !suppressed.contains(role);
    }
}
