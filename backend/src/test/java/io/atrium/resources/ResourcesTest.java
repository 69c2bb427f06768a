package io.atrium.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResourcesTest {

    record Case(String name, String a, String b, String sum, String difference) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> arithmetic() {
        return Stream.of(
                new Case("fractional cpus add exactly", "cpus:0.1", "cpus:0.2", "cpus:0.3", "cpus:0.1"),
                new Case(
                        "more than three decimals round like Mesos",
                        "cpus:0.0005",
                        "cpus:1",
                        "cpus:1.001",
                        "cpus:0.001"),
                new Case(
                        "different names sit side by side",
                        "cpus:2;mem:1024",
                        "disk:100",
                        "cpus:2;disk:100;mem:1024",
                        "cpus:2;mem:1024"),
                new Case(
                        "ports merge into ranges",
                        "ports:[31000-31004]",
                        "ports:[31005-31010, 40000-40000]",
                        "ports:[31000-31010, 40000-40000]",
                        "ports:[31000-31004]"),
                new Case(
                        "reserved and unreserved cpus stay apart",
                        "cpus:4",
                        "cpus(acme):2",
                        "cpus:4;cpus(acme):2",
                        "cpus:4"),
                new Case("sets unite", "gpus:{gpu0}", "gpus:{gpu1}", "gpus:{gpu0,gpu1}", "gpus:{gpu0}"));
    }

    @ParameterizedTest
    @MethodSource("arithmetic")
    void addsAndSubtracts(Case c) {
        Resources a = Resources.parse(c.a());
        Resources b = Resources.parse(c.b());
        Resources sum = a.plus(b);

        assertThat(sum).hasToString(c.sum());
        assertThat(sum.contains(a)).isTrue();
        assertThat(sum.contains(b)).isTrue();
        assertThat(sum.minus(b)).hasToString(c.difference());
    }

    @Test
    void takingWhatIsNotThereFails() {
        Resources agent = Resources.parse("cpus:1;ports:[31000-31010]");

        assertThatThrownBy(() -> agent.minus(Resources.parse("cpus:1.5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot take 1.5 from 1");
        assertThatThrownBy(() -> agent.minus(Resources.parse("ports:[31005-31020]")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> agent.minus(Resources.parse("mem:1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> agent.minus(Resources.parse("cpus(acme):1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPortRangeSplitsWhenAPortInTheMiddleIsTaken() {
        Resources agent = Resources.parse("ports:[31000-31010]");

        assertThat(agent.minus(Resources.parse("ports:[31005-31005]"))).hasToString("ports:[31000-31004, 31006-31010]");
    }

    @Test
    void aRoleMayUseItsOwnAndItsParentsReservationsButNotASiblings() {
        Resources agent = Resources.parse("cpus:8;cpus(acme):2;cpus(acme/ml):1;cpus(acme/web):1;cpus(globex):4");

        assertThat(agent.allocatableTo("acme/ml")).hasToString("cpus:8;cpus(acme):2;cpus(acme/ml):1");
        assertThat(agent.allocatableTo("globex")).hasToString("cpus:8;cpus(globex):4");
        assertThat(agent.quantities()).hasToString("cpus:16");
    }

    @Test
    void cappingCutsOnlyUnreservedScalarsOfTheNamedResources() {
        Resources agent = Resources.parse("cpus:8;cpus(acme):2;mem:4096;ports:[31000-32000]");

        Resources capped = agent.cap(Quantities.parse("cpus:1.5"), Set.of("cpus", "mem"), r -> !r.isReserved());

        // mem is named with no room left, so it goes; reserved cpus and ports are kept whole
        assertThat(capped).hasToString("cpus:1.5;cpus(acme):2;ports:[31000-32000]");
    }

    @Test
    void badTextSaysWhatIsWrong() {
        assertThatThrownBy(() -> Resources.parse("cpus:lots")).hasMessage("not a number: 'lots'");
        assertThatThrownBy(() -> Resources.parse("cpus")).hasMessage("expected name:value, got 'cpus'");
        assertThatThrownBy(() -> Resources.parse("cpus(Acme!):1")).hasMessageContaining("role 'Acme!' must be");
        assertThatThrownBy(() -> Resources.parse("cpus:-1")).hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> Resources.parse("ports:[32000-31000]")).hasMessage("not a range: 32000-31000");
    }

    @Test
    void quantitiesAddSubtractFlooredAndTakeTheLargerByName() {
        Quantities a = Quantities.parse("cpus:2;mem:1024");
        Quantities b = Quantities.parse("cpus:0.5;disk:10;mem:2048");

        assertThat(a.plus(b)).isEqualTo(Quantities.parse("cpus:2.5;disk:10;mem:3072"));
        assertThat(a.minusFloored(b)).isEqualTo(Quantities.parse("cpus:1.5"));
        assertThat(a.max(b)).isEqualTo(Quantities.parse("cpus:2;disk:10;mem:2048"));
        assertThat(Quantities.NONE.max(b)).isEqualTo(b);
        assertThat(Quantities.NONE.minusFloored(b)).isEqualTo(Quantities.NONE);
    }

    @Test
    void takingAWholeValueLeavesNothingAndFilteringKeepsWhatMatches() {
        Resources agent = Resources.parse("cpus:4;cpus(acme):2;mem:1024;ports:[31000-31010]");

        assertThat(agent.minus(Resources.parse("cpus:4;cpus(acme):2;mem:1024;ports:[31000-31010]")))
                .isEqualTo(Resources.EMPTY);
        assertThat(agent.unreserved()).isEqualTo(Resources.parse("cpus:4;mem:1024;ports:[31000-31010]"));
        assertThat(agent.allocatableTo("globex")).isEqualTo(agent.unreserved());
        assertThat(agent.allocatableTo("acme/ml")).isSameAs(agent);
    }
}
