package io.atrium.master;

import io.atrium.agents.AgentId;
import io.atrium.agents.AgentState;
import io.atrium.resources.Resources;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The master's record of one agent; touched only on the master's thread. */
final class AgentEntry {
    final AgentId id;
    String hostname;
    Resources total;
    Map<String, String> attributes;
    AgentState state = AgentState.ACTIVE;
    Instant stateSince;
    Instant lastSeen;
    AgentLink link;
    boolean inAllocator;
    boolean draining;
    Instant drainDeadline;
    /**
     * The latest write of this agent's row; task rows refer to it, so their inserts wait for it
     * (the pool may run two writes on different connections in either order).
     */
    CompletionStage<Void> saved = CompletableFuture.completedFuture(null);
    /** Ids of the tasks launched here that have not ended. */
    final Set<String> tasks = new LinkedHashSet<>();

    AgentEntry(AgentId id, String hostname, Resources total, Map<String, String> attributes) {
        this.id = id;
        this.hostname = hostname;
        this.total = total;
        this.attributes = attributes;
    }
}
