package io.atrium.bench;

import io.atrium.agents.AgentId;
import io.atrium.allocator.Allocation;
import io.atrium.allocator.Allocator;
import io.atrium.allocator.Quota;
import io.atrium.frameworks.FrameworkId;
import io.atrium.resources.Resources;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A simulated cluster for the allocator: identical agents (every tenth with a reservation), roles
 * {@code t00..} with some teams below them ({@code t00/ml}), frameworks spread over the roles,
 * weights 1-3, and quota guarantees and limits on a tenth of the roles each.
 */
final class Cluster {

    final Allocator allocator = new Allocator(Clock.systemUTC(), allocations -> {});
    final List<String> roles = new ArrayList<>();
    private List<Allocation> outstanding = List.of();

    Cluster(int agents, int roleCount, int frameworks) {
        int teams = roleCount / 10;
        for (int i = 0; i < roleCount - teams; i++) {
            roles.add("t%02d".formatted(i));
        }
        for (int i = 0; i < teams; i++) {
            roles.add("t%02d/ml".formatted(i));
        }
        Map<String, Double> weights = new HashMap<>();
        for (int i = 0; i < roles.size(); i++) {
            weights.put(roles.get(i), 1.0 + i % 3);
        }
        allocator.updateWeights(weights);
        for (int i = 0; i < agents; i++) {
            String reserved =
                    i % 10 == 0 ? ";cpus(%1$s):2;mem(%1$s):4096".formatted(roles.get(i / 10 % roles.size())) : "";
            allocator.addAgent(
                    new AgentId("agent-" + i),
                    Resources.parse("cpus:16;mem:65536;disk:500000;ports:[31000-32000]" + reserved),
                    List.of());
        }
        long cpusPerRole = agents * 16L / roles.size();
        for (int i = 0; i < roles.size(); i += 10) {
            allocator.updateQuota(roles.get(i), Quota.of("cpus:" + cpusPerRole / 2, ""));
            allocator.updateQuota(roles.get(i + 5), Quota.of("", "cpus:" + cpusPerRole * 2));
        }
        for (int i = 0; i < frameworks; i++) {
            allocator.addFramework(new FrameworkId("fw-" + i), Set.of(roles.get(i % roles.size())), true);
        }
    }

    /** One allocation cycle over every agent. */
    List<Allocation> cycle() {
        outstanding = allocator.allocate();
        return outstanding;
    }

    /** Gives back everything the last cycle offered, so the next cycle starts from a free cluster. */
    void declineAll() {
        for (Allocation allocation : outstanding) {
            allocator.recoverResources(
                    allocation.framework(),
                    allocation.role(),
                    allocation.agent(),
                    allocation.resources(),
                    Duration.ZERO);
        }
        outstanding = List.of();
    }
}
