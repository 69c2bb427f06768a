package io.atrium.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.allocator.Pending.Agent;
import io.atrium.allocator.Pending.RoleBound;
import io.atrium.resources.Quantities;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Why a task that could run is not running now, case by case. */
class PendingTest {

    /**
     * {@code agents}: "hostname available" for agents taking tasks, "hostname available draining"
     * for one that does not; the task's constraints allow the hosts named in {@code allowed}.
     */
    record Case(
            String name,
            String ask,
            List<RoleBound> bounds,
            List<String> agents,
            List<String> allowed,
            String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static RoleBound bound(String role, String limits, String held) {
        return new RoleBound(role, Quantities.parseAmounts(limits), Quantities.parse(held));
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(
                        "an allowed agent has room",
                        "cpus:1;mem:64",
                        List.of(bound("acme", "cpus:4", "cpus:2")),
                        List.of("a cpus:0.5;mem:512", "b cpus:1;mem:64"),
                        List.of("a", "b"),
                        "Placeable[]"),
                new Case(
                        "no agent taking tasks matches the constraints",
                        "cpus:1",
                        List.of(bound("acme", "", "")),
                        List.of("a cpus:4", "b cpus:4", "c cpus:4 draining"),
                        List.of("c"),
                        "NoMatch[agents=2]"),
                new Case(
                        "the limit is held in full",
                        "cpus:0.5;mem:32",
                        List.of(bound("acme", "cpus:2;mem:4096", "cpus:2;mem:64")),
                        List.of("a cpus:4;mem:4096"),
                        List.of("a"),
                        "OverQuota[resources=[Headroom[role=acme, resource=cpus, limit=2, held=2, asked=0.5]]]"),
                new Case(
                        "a parent's limit binds although the team's own does not",
                        "cpus:1",
                        List.of(bound("acme/ml", "cpus:8", "cpus:1"), bound("acme", "cpus:3", "cpus:2.5")),
                        List.of("a cpus:4"),
                        List.of("a"),
                        "OverQuota[resources=[Headroom[role=acme, resource=cpus, limit=3, held=2.5, asked=1]]]"),
                new Case(
                        "the quota is checked before capacity",
                        "cpus:1",
                        List.of(bound("acme", "cpus:1", "cpus:1")),
                        List.of("a cpus:0"),
                        List.of("a"),
                        "OverQuota[resources=[Headroom[role=acme, resource=cpus, limit=1, held=1, asked=1]]]"),
                new Case(
                        "room only on an agent the constraints forbid",
                        "cpus:1",
                        List.of(bound("acme", "", "")),
                        List.of("a cpus:0.5", "b cpus:4"),
                        List.of("a"),
                        "NoRoom[matching=1]"),
                new Case(
                        "room only on a draining agent",
                        "cpus:1",
                        List.of(bound("acme", "", "")),
                        List.of("a cpus:0.5", "b cpus:4 draining"),
                        List.of("a", "b"),
                        "NoRoom[matching=1]"),
                new Case(
                        "no agent at all",
                        "cpus:1",
                        List.of(bound("acme", "", "")),
                        List.of(),
                        List.of(),
                        "NoRoom[matching=0]"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void saysWhyATaskWaits(Case c) {
        List<Agent> agents = c.agents().stream()
                .map(text -> text.split(" "))
                .map(parts -> new Agent(parts[0], Map.of(), Quantities.parse(parts[1]), parts.length == 2))
                .toList();

        Pending.Why why = Pending.of(Quantities.parse(c.ask()), c.bounds(), agents, agent -> c.allowed()
                .contains(agent.hostname()));

        assertThat(why.toString()).isEqualTo(c.expected());
    }
}
