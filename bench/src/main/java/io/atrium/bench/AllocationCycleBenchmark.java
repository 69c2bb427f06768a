package io.atrium.bench;

import io.atrium.allocator.Allocation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full allocation cycle: every agent free, each offered whole to the fairest framework of
 * the fairest role, with quotas and weights in play. Between cycles everything is declined
 * (outside the measurement) so each cycle does the same work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 5, time = 3)
public class AllocationCycleBenchmark {

    @Param({"1000", "2500", "5000", "10000"})
    public int agents;

    @Param("100")
    public int roles;

    @Param("500")
    public int frameworks;

    private Cluster cluster;

    @Setup(Level.Trial)
    public void buildCluster() {
        cluster = new Cluster(agents, roles, frameworks);
    }

    @Setup(Level.Invocation)
    public void freeEveryAgent() {
        cluster.declineAll();
    }

    @Benchmark
    public List<Allocation> cycle() {
        List<Allocation> made = cluster.cycle();
        if (made.size() < agents) {
            throw new IllegalStateException("a cycle offered " + made.size() + " of " + agents + " agents");
        }
        return made;
    }
}
