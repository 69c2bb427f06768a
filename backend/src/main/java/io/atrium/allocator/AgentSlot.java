package io.atrium.allocator;

import io.atrium.agents.AgentId;
import io.atrium.resources.Resources;
import java.util.LinkedHashMap;
import java.util.Map;

/** The allocator's view of one agent: what it has, and what is allocated on it to whom. */
final class AgentSlot {

    final AgentId id;
    final Resources total;
    /** What is allocated, by framework and role. */
    final Map<Holder, Resources> allocated = new LinkedHashMap<>();

    Resources available;
    boolean active = true;

    AgentSlot(AgentId id, Resources total) {
        this.id = id;
        this.total = total;
        this.available = total;
    }

    void allocate(Holder holder, Resources resources) {
        available = available.minus(resources);
        allocated.merge(holder, resources, Resources::plus);
    }

    /** Takes back what {@code holder} returns, at most what it holds; returns what was taken back. */
    Resources recover(Holder holder, Resources resources) {
        Resources held = allocated.get(holder);
        if (held == null || !held.contains(resources)) {
            return Resources.EMPTY;
        }
        Resources left = held.minus(resources);
        if (left.isEmpty()) {
            allocated.remove(holder);
        } else {
            allocated.put(holder, left);
        }
        available = available.plus(resources);
        return resources;
    }
}
