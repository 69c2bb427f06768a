package io.atrium.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.allocator.Feasibility.Bound;
import io.atrium.allocator.Feasibility.Fits;
import io.atrium.allocator.Feasibility.Insufficient;
import io.atrium.allocator.Feasibility.Shortfall;
import io.atrium.resources.Quantities;
import io.atrium.resources.Scalar;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whether a task could ever run, case by case. */
class FeasibilityTest {

    record Case(String name, String ask, String limits, List<String> agents, List<String> shortfalls) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(
                        "within the limit and on the largest agent",
                        "cpus:2;mem:512",
                        "cpus:4",
                        List.of("cpus:1;mem:1024", "cpus:2;mem:512"),
                        List.of()),
                new Case(
                        "over the quota limit",
                        "cpus:3",
                        "cpus:2",
                        List.of("cpus:8"),
                        List.of("cpus QUOTA_LIMIT 3 > 2")),
                new Case(
                        "a limit of zero allows none",
                        "gpus:1",
                        "gpus:0",
                        List.of("gpus:4"),
                        List.of("gpus QUOTA_LIMIT 1 > 0")),
                new Case(
                        "more than any one agent has, though all together have it",
                        "mem:3000",
                        "",
                        List.of("mem:2048", "mem:2048"),
                        List.of("mem LARGEST_AGENT 3000 > 2048")),
                new Case(
                        "a resource no agent has",
                        "gpus:1",
                        "",
                        List.of("cpus:4"),
                        List.of("gpus LARGEST_AGENT 1 > 0")),
                new Case("without agents only the quota is judged", "cpus:64", "mem:100", List.of(), List.of()),
                new Case(
                        "every resource that cannot be had is named",
                        "cpus:3;mem:5000",
                        "cpus:2",
                        List.of("cpus:4;mem:4096"),
                        List.of("cpus QUOTA_LIMIT 3 > 2", "mem LARGEST_AGENT 5000 > 4096")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aTaskFitsUnlessItsQuotaOrEveryAgentIsTooSmall(Case c) {
        Feasibility.Fit fit = Feasibility.of(
                Quantities.parse(c.ask()),
                Quota.of("", c.limits()),
                c.agents().stream().map(Quantities::parse).toList());

        if (c.shortfalls().isEmpty()) {
            assertThat(fit).isInstanceOf(Fits.class);
        } else {
            assertThat(fit).isInstanceOf(Insufficient.class);
            assertThat(((Insufficient) fit).shortfalls())
                    .extracting(FeasibilityTest::describe)
                    .containsExactlyElementsOf(c.shortfalls());
        }
    }

    @org.junit.jupiter.api.Test
    void aShortfallSaysByHowMuch() {
        Shortfall shortfall = new Shortfall("cpus", Bound.QUOTA_LIMIT, Scalar.parse("2.5"), Scalar.parse("1"));

        assertThat(shortfall.excess()).isEqualTo(Scalar.parse("1.5"));
    }

    private static String describe(Shortfall s) {
        return s.resource() + " " + s.bound() + " " + s.asked() + " > " + s.most();
    }
}
