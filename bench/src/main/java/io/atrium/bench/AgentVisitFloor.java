package io.atrium.bench;

import io.atrium.resources.Resources;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under any allocation cycle on this machine: read each agent's resources once and
 * add one amount, with the agents scattered in memory as a long-running master's would be. No
 * cycle that looks at every agent can be faster; the allocator's ratio to this is its overhead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AgentVisitFloor {

    @Param({"1000", "2500", "5000", "10000"})
    public int agents;

    private List<Resources> scattered;

    @Setup
    public void placeAgents() {
        scattered = new ArrayList<>(agents);
        for (int i = 0; i < agents; i++) {
            scattered.add(Resources.parse("cpus:16;mem:" + (65536 + i) + ";disk:500000;ports:[31000-32000]"));
        }
        Collections.shuffle(scattered, new Random(42));
    }

    @Benchmark
    public long visitEveryAgent() {
        long mem = 0;
        for (Resources agent : scattered) {
            mem += agent.scalar("mem").millis();
        }
        return mem;
    }
}
