package io.atrium.testing;

import io.atrium.agents.AgentId;
import io.atrium.allocator.Allocation;
import io.atrium.allocator.Allocator;
import io.atrium.frameworks.FrameworkId;
import io.atrium.resources.Resources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An {@link Allocator} on a {@link MutableClock} that collects every allocation it reports, with
 * short verbs for tests: {@code agent("a1", "cpus:4;mem:4096")}, {@code framework("f1", "acme")}.
 */
public final class AllocatorHarness {

    public final MutableClock clock = MutableClock.atEpoch();
    public final List<Allocation> offered = new ArrayList<>();
    public final Allocator allocator = new Allocator(clock, offered::addAll);

    public AgentId agent(String id, String resources) {
        AgentId agentId = new AgentId(id);
        allocator.addAgent(agentId, Resources.parse(resources), List.of());
        return agentId;
    }

    public FrameworkId framework(String id, String... roles) {
        FrameworkId frameworkId = new FrameworkId(id);
        allocator.addFramework(frameworkId, Set.of(roles), true);
        return frameworkId;
    }

    /** Runs one cycle and returns what it allocated. */
    public List<Allocation> cycle() {
        return allocator.allocate();
    }

    /** Gives back everything in {@code allocation}, refusing it for {@code refuse}. */
    public void decline(Allocation allocation, Duration refuse) {
        allocator.recoverResources(
                allocation.framework(), allocation.role(), allocation.agent(), allocation.resources(), refuse);
    }
}
