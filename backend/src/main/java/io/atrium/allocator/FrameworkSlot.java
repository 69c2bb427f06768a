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

    /** Resources a framework declined on an agent, not to be offered again to it until expiry. */
    record Refusal(Resources resources, Instant until) {}

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

    void refuse(AgentId agent, Resources resources, Instant until) {
        refusals.computeIfAbsent(agent, a -> new ArrayList<>()).add(new Refusal(resources, until));
    }

    /** Whether {@code offer} is covered by an unexpired refusal on that agent (Mesos' offer filter). */
    boolean refuses(AgentId agent, Resources offer, Instant now) {
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
            if (refusal.resources().contains(offer)) {
                return true;
            }
        }
        return false;
    }

    boolean wantsOffers(String role) {
        return active && !suppressed.contains(role);
    }
}
