package io.atrium.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RangesPropertyTest {

    @Property
    void aUnionHoldsBothSidesAndCountsEachNumberOnce(@ForAll("ranges") Ranges a, @ForAll("ranges") Ranges b) {
        Ranges union = a.plus(b);

        assertThat(union.contains(a)).isTrue();
        assertThat(union.contains(b)).isTrue();
        assertThat(union.count()).isEqualTo(union.values().stream().distinct().count());
    }

    @Property
    void takingAwayWhatWasAddedLeavesTheRest(@ForAll("ranges") Ranges a, @ForAll("ranges") Ranges b) {
        Ranges union = a.plus(b);
        Ranges rest = union.minus(b);

        assertThat(rest.count() + b.count()).isEqualTo(union.count());
        assertThat(java.util.Collections.disjoint(rest.values(), b.values())).isTrue();
        assertThat(rest.plus(b)).isEqualTo(union);
    }

    @Property
    void theLowestNumbersAreContainedAndCounted(@ForAll("ranges") Ranges a, @ForAll("counts") long n) {
        Ranges lowest = a.lowest(n);

        assertThat(a.contains(lowest)).isTrue();
        assertThat(lowest.count()).isEqualTo(Math.min(n, a.count()));
        List<Long> values = a.values();
        assertThat(lowest.values()).isEqualTo(values.subList(0, (int) Math.min(n, values.size())));
    }

    @Provide
    Arbitrary<Ranges> ranges() {
        Arbitrary<Ranges> one = Arbitraries.longs()
                .between(0, 200)
                .flatMap(begin -> Arbitraries.longs().between(begin, begin + 20).map(end -> Ranges.of(begin, end)));
        return one.list().ofMaxSize(5).map(list -> list.stream().reduce(Ranges.EMPTY, Ranges::plus));
    }

    @Provide
    Arbitrary<Long> counts() {
        return Arbitraries.longs().between(0, 120);
    }
}
