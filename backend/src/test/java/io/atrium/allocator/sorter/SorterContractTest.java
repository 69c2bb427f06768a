package io.atrium.allocator.sorter;

import static org.assertj.core.api.Assertions.assertThat;

import io.atrium.allocator.sorter.drf.DrfSorter;
import io.atrium.resources.Quantities;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every {@link Sorter} must do (Mesos' CommonSorterTest); each sorter runs all of it. */
class SorterContractTest {

    static Stream<Named<Supplier<Sorter>>> sorters() {
        return Stream.of(Named.of("DRF", DrfSorter::new));
    }

    private static Sorter withPool(Supplier<Sorter> factory, String pool) {
        Sorter sorter = factory.get();
        sorter.addTotal(Quantities.parse(pool));
        return sorter;
    }

    @ParameterizedTest
    @MethodSource("sorters")
    void theClientWithTheSmallestDominantShareComesFirst(Supplier<Sorter> factory) {
        Sorter sorter = withPool(factory, "cpus:100;mem:100");
        sorter.add("a");
        sorter.add("b");

        sorter.allocated("a", Quantities.parse("cpus:5"));
        // shares: a = .05, b = 0
        assertThat(sorter.sort()).containsExactly("b", "a");

        sorter.allocated("b", Quantities.parse("cpus:1;mem:6"));
        // shares: a = .05, b = .06 (mem dominates)
        assertThat(sorter.sort()).containsExactly("a", "b");

        sorter.unallocated("b", Quantities.parse("mem:2"));
        // shares: a = .05, b = .04
        assertThat(sorter.sort()).containsExactly("b", "a");
    }

    @ParameterizedTest
    @MethodSource("sorters")
    void weightsDivideTheShare(Supplier<Sorter> factory) {
        Sorter sorter = withPool(factory, "cpus:100");
        sorter.add("a");
        sorter.add("b");
        sorter.updateWeight("a", 2);

        sorter.allocated("a", Quantities.parse("cpus:10"));
        sorter.allocated("b", Quantities.parse("cpus:6"));
        // shares: a = .10 / 2 = .05, b = .06
        assertThat(sorter.sort()).containsExactly("a", "b");

        sorter.updateWeight("a", 1);
        // shares: a = .10, b = .06
        assertThat(sorter.sort()).containsExactly("b", "a");
    }

    @ParameterizedTest
    @MethodSource("sorters")
    void siblingsAreComparedByEverythingBelowThem(Supplier<Sorter> factory) {
        Sorter sorter = withPool(factory, "cpus:100");
        sorter.add("acme/ml");
        sorter.add("acme/web");
        sorter.add("globex");

        sorter.allocated("acme/ml", Quantities.parse("cpus:4"));
        sorter.allocated("acme/web", Quantities.parse("cpus:12"));
        sorter.allocated("globex", Quantities.parse("cpus:15"));
        // shares: acme = .16 (ml .04 + web .12), globex = .15; inside acme: ml = .04, web = .12
        assertThat(sorter.sort()).containsExactly("globex", "acme/ml", "acme/web");
        assertThat(sorter.allocation("acme")).isEqualTo(Quantities.parse("cpus:16"));

        sorter.add("acme");
        sorter.allocated("acme", Quantities.parse("cpus:1"));
        // the role itself competes with its children: acme = .01, ml = .04, web = .12
        assertThat(sorter.sort()).containsExactly("globex", "acme", "acme/ml", "acme/web");
    }

    @ParameterizedTest
    @MethodSource("sorters")
    void inactiveClientsKeepTheirShareButAreNotOffered(Supplier<Sorter> factory) {
        Sorter sorter = withPool(factory, "cpus:10");
        sorter.add("a");
        sorter.add("b");
        sorter.allocated("a", Quantities.parse("cpus:1"));

        sorter.deactivate("b");
        assertThat(sorter.sort()).containsExactly("a");

        sorter.activate("b");
        // shares: a = .1, b = 0
        assertThat(sorter.sort()).containsExactly("b", "a");
    }

    @ParameterizedTest
    @MethodSource("sorters")
    void removingAClientForgetsWhatItHeld(Supplier<Sorter> factory) {
        Sorter sorter = withPool(factory, "cpus:10");
        sorter.add("acme/ml");
        sorter.add("acme/web");
        sorter.allocated("acme/ml", Quantities.parse("cpus:3"));
        sorter.allocated("acme/web", Quantities.parse("cpus:2"));

        sorter.remove("acme/ml");

        assertThat(sorter.contains("acme/ml")).isFalse();
        assertThat(sorter.allocation("acme")).isEqualTo(Quantities.parse("cpus:2"));
        assertThat(sorter.sort()).containsExactly("acme/web");
    }

    @ParameterizedTest
    @MethodSource("sorters")
    void equalSharesAreOrderedByName(Supplier<Sorter> factory) {
        Sorter sorter = withPool(factory, "cpus:10");
        sorter.add("c");
        sorter.add("a");
        sorter.add("b");

        // shares: a = b = c = 0
        assertThat(sorter.sort()).containsExactly("a", "b", "c");
    }

    @ParameterizedTest
    @MethodSource("sorters")
    void aGrowingPoolShrinksShares(Supplier<Sorter> factory) {
        Sorter sorter = withPool(factory, "cpus:10;mem:10");
        sorter.add("a");
        sorter.add("b");
        sorter.allocated("a", Quantities.parse("cpus:2"));
        sorter.allocated("b", Quantities.parse("mem:3"));
        // shares: a = .2, b = .3
        assertThat(sorter.sort()).containsExactly("a", "b");

        sorter.addTotal(Quantities.parse("mem:20"));
        // shares: a = .2, b = .1
        assertThat(sorter.sort()).containsExactly("b", "a");
    }
}
