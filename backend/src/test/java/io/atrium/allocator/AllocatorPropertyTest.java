package io.atrium.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.agents.AgentId;
import io.atrium.resources.Quantities;
import io.atrium.resources.Resources;
import io.atrium.testing.AllocatorHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The allocator's invariants, over random clusters, tenants, quotas and task churn. */
class AllocatorPropertyTest {

    private static final List<String> ROLES = List.of("acme", "acme/ml", "globex", "initech");

    /** A cluster and its tenants; {@code seed} drives the churn (declines, finished tasks, time). */
    record Scenario(
            List<String> agents,
            List<String> frameworkRoles,
            Map<String, Quota> quotas,
            Map<String, Double> weights,
            long seed) {}

    @Property(tries = 200)
    void anAgentIsNeverAllocatedMoreThanItHas(@ForAll("scenarios") Scenario scenario) {
        Run run = new Run(scenario);
        for (int round = 0; round < 6; round++) {
            run.round();
            for (Map.Entry<AgentId, Resources> agent : run.totals.entrySet()) {
                Resources held = run.heldOn(agent.getKey());
                Resources available = run.h.allocator.available(agent.getKey());
                assertThat(held.plus(available)).as("agent %s", agent.getKey()).isEqualTo(agent.getValue());
            }
        }
    }

    @Property(tries = 200)
    void aQuotaLimitIsNeverExceeded(@ForAll("scenarios") Scenario scenario) {
        Run run = new Run(scenario);
        for (int round = 0; round < 6; round++) {
            run.round();
            scenario.quotas().forEach((role, quota) -> {
                // reservations count against the limit; a role may hold what is reserved to it
                Quantities bound = Quantities.of(quota.limits()).max(run.reservedTo(role));
                quota.limits().keySet().forEach(name -> assertThat(
                                run.h.allocator.allocation(role).get(name))
                        .as("%s of %s", name, role)
                        .isLessThanOrEqualTo(bound.get(name)));
            });
        }
    }

    @Property(tries = 200)
    void guaranteesAreMetWhenThePoolCanMeetThem(@ForAll("guaranteed") Scenario scenario) {
        Run run = new Run(scenario);

        run.h.cycle();

        scenario.quotas().forEach((role, quota) -> assertThat(
                        run.h.allocator.allocation(role).contains(quota.guarantees()))
                .as("%s holds %s, guaranteed %s", role, run.h.allocator.allocation(role), quota.guarantees())
                .isTrue());
    }

    @Property(tries = 100)
    void sharesFollowWeightsUnderContention(@ForAll("weightsByRole") Map<String, Integer> weights) {
        AllocatorHarness h = new AllocatorHarness();
        int agents = 200;
        for (int i = 0; i < agents; i++) {
            h.agent("a" + i, "cpus:1;mem:1024");
        }
        weights.forEach((role, weight) -> h.framework("f-" + role, role));
        Map<String, Double> asDoubles = new HashMap<>();
        weights.forEach((role, weight) -> asDoubles.put(role, weight.doubleValue()));
        h.allocator.updateWeights(asDoubles);

        h.cycle();

        int sum = weights.values().stream().mapToInt(Integer::intValue).sum();
        weights.forEach((role, weight) -> {
            double ideal = agents * weight / (double) sum;
            double cpus = h.allocator.allocation(role).get("cpus").toDouble();
            assertThat(Math.abs(cpus - ideal) / ideal)
                    .as("%s got %s cpus, ideal %s", role, cpus, ideal)
                    .isLessThanOrEqualTo(0.10);
        });
    }

    @Property(tries = 100)
    void theSameInputsAndClockGiveTheSameOffers(@ForAll("scenarios") Scenario scenario) {
        Run first = new Run(scenario);
        Run second = new Run(scenario);
        for (int round = 0; round < 4; round++) {
            first.round();
            second.round();
        }
        assertThat(second.h.offered).isEqualTo(first.h.offered);
    }

    /** Sets up a scenario and plays rounds: one cycle, then some offers are given back. */
    private static final class Run {
        final AllocatorHarness h = new AllocatorHarness();
        final Map<AgentId, Resources> totals = new LinkedHashMap<>();
        final List<Allocation> outstanding = new ArrayList<>();
        final Random random;

        Run(Scenario scenario) {
            random = new Random(scenario.seed());
            for (int i = 0; i < scenario.agents().size(); i++) {
                AgentId id = h.agent("a" + i, scenario.agents().get(i));
                totals.put(id, Resources.parse(scenario.agents().get(i)));
            }
            for (int i = 0; i < scenario.frameworkRoles().size(); i++) {
                h.framework("f" + i, scenario.frameworkRoles().get(i));
            }
            scenario.quotas().forEach(h.allocator::updateQuota);
            h.allocator.updateWeights(scenario.weights());
        }

        void round() {
            outstanding.addAll(h.cycle());
            for (Allocation allocation : new ArrayList<>(outstanding)) {
                if (random.nextInt(3) == 0) {
                    Duration refuse = Duration.ofSeconds(random.nextInt(2) * 5L);
                    h.decline(allocation, refuse);
                    outstanding.remove(allocation);
                }
            }
            h.clock.advance(Duration.ofSeconds(random.nextInt(4)));
        }

        /** Scalars reserved to {@code role} or a role below it, on every agent. */
        Quantities reservedTo(String role) {
            Quantities reserved = Quantities.NONE;
            for (Resources total : totals.values()) {
                reserved = reserved.plus(
                        total.filter(r -> r.isReserved() && io.atrium.resources.Roles.isAncestorOrSelf(role, r.role()))
                                .quantities());
            }
            return reserved;
        }

        Resources heldOn(AgentId agent) {
            Resources held = Resources.EMPTY;
            for (Allocation allocation : outstanding) {
                if (allocation.agent().equals(agent)) {
                    held = held.plus(allocation.resources());
                }
            }
            return held;
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<String> agent = Combinators.combine(
                        Arbitraries.integers().between(1, 16),
                        Arbitraries.integers().between(1, 32),
                        Arbitraries.of("", ";cpus(acme):1", ";mem(globex):512", ";cpus(acme/ml):0.5"))
                .as((cpus, gigs, reserved) ->
                        "cpus:" + cpus + ";mem:" + gigs * 1024 + ";ports:[31000-31100]" + reserved);
        Arbitrary<Quota> quota = Combinators.combine(
                        Arbitraries.integers().between(0, 8),
                        Arbitraries.integers().between(0, 24))
                .as((guarantee, extra) -> Quota.of("cpus:" + guarantee, "cpus:" + (guarantee + extra)));
        Arbitrary<Map<String, Quota>> quotas =
                Arbitraries.maps(Arbitraries.of(ROLES), quota).ofMaxSize(3);
        Arbitrary<Map<String, Double>> weights = Arbitraries.maps(
                        Arbitraries.of(ROLES),
                        Arbitraries.integers().between(1, 5).map(Integer::doubleValue))
                .ofMaxSize(4);
        return Combinators.combine(
                        agent.list().ofMinSize(1).ofMaxSize(30),
                        Arbitraries.of(ROLES).list().ofMinSize(1).ofMaxSize(8),
                        quotas,
                        weights,
                        Arbitraries.longs())
                .as(Scenario::new);
    }

    /** Top-level roles, each with a framework, whose guarantees together fit in the pool. */
    @Provide
    Arbitrary<Scenario> guaranteed() {
        List<String> roles = List.of("acme", "globex", "initech");
        Arbitrary<String> agent = Combinators.combine(
                        Arbitraries.integers().between(1, 16),
                        Arbitraries.integers().between(1, 32))
                .as((cpus, gigs) -> "cpus:" + cpus + ";mem:" + gigs * 1024);
        return Combinators.combine(
                        agent.list().ofMinSize(1).ofMaxSize(30),
                        Arbitraries.integers().between(0, 100).list().ofSize(roles.size()),
                        Arbitraries.integers().between(0, 100).list().ofSize(roles.size()))
                .as((agents, cpuPercents, memPercents) -> {
                    Quantities pool = Quantities.NONE;
                    for (String agentText : agents) {
                        pool = pool.plus(Resources.parse(agentText).quantities());
                    }
                    int cpuSum = Math.max(
                            100,
                            cpuPercents.stream().mapToInt(Integer::intValue).sum());
                    int memSum = Math.max(
                            100,
                            memPercents.stream().mapToInt(Integer::intValue).sum());
                    Map<String, Quota> quotas = new LinkedHashMap<>();
                    for (int i = 0; i < roles.size(); i++) {
                        long cpus = pool.get("cpus").millis() * cpuPercents.get(i) / cpuSum / 1000;
                        long mem = pool.get("mem").millis() * memPercents.get(i) / memSum / 1000;
                        quotas.put(roles.get(i), Quota.of("cpus:" + cpus + ";mem:" + mem, ""));
                    }
                    return new Scenario(agents, roles, quotas, Map.of(), 0);
                });
    }

    @Provide
    Arbitrary<Map<String, Integer>> weightsByRole() {
        return Arbitraries.maps(
                        Arbitraries.of(
                                ROLES.stream().filter(r -> !r.contains("/")).toList()),
                        Arbitraries.integers().between(1, 4))
                .ofMinSize(2)
                .ofMaxSize(3);
    }
}
