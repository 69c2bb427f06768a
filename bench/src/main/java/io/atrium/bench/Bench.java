package io.atrium.bench;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the allocator benchmark and its floor in one go and prints one table: the cost of a cycle
 * by cluster size, its growth from the smallest size, and its ratio to the floor measured in the
 * same run. {@code java -jar bench/target/atrium-bench.jar [jmh options]}.
 */
public final class Bench {

    private static final double TARGET_MS = 20;

    private Bench() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        OptionsBuilder options = new OptionsBuilder();
        options.include(AllocationCycleBenchmark.class.getSimpleName());
        options.include(AgentVisitFloor.class.getSimpleName());
        if (args.length > 0) {
            options.parent(new CommandLineOptions(args));
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<Integer, double[]> cycles = new TreeMap<>();
        Map<Integer, Double> floors = new TreeMap<>();
        for (RunResult result : results) {
            int agents = Integer.parseInt(result.getParams().getParam("agents"));
            double score = result.getPrimaryResult().getScore();
            if (result.getParams().getBenchmark().contains("AllocationCycle")) {
                cycles.put(
                        agents, new double[] {score, result.getPrimaryResult().getScoreError()});
            } else {
                floors.put(agents, score);
            }
        }
        print(cycles, floors);
    }

    private static void print(Map<Integer, double[]> cycles, Map<Integer, Double> floors) {
        System.out.println();
        System.out.println(
                "Allocation cycle: 100 roles, 500 frameworks, target <= " + (int) TARGET_MS + " ms at 10,000 agents");
        System.out.printf(
                "%8s %14s %12s %10s %12s %10s %8s%n",
                "agents", "cycle ms", "us/agent", "growth", "floor ms", "x floor", "target");
        double[] smallest = cycles.isEmpty() ? null : cycles.values().iterator().next();
        int smallestAgents = cycles.isEmpty() ? 0 : cycles.keySet().iterator().next();
        cycles.forEach((agents, cycle) -> {
            Double floor = floors.get(agents);
            double growth = cycle[0] / smallest[0];
            System.out.printf(
                    "%8d %8.2f ±%4.2f %12.2f %9.1fx %12.4f %9.0fx %8s%n",
                    agents,
                    cycle[0],
                    cycle[1],
                    cycle[0] * 1000 / agents,
                    growth,
                    floor == null ? Double.NaN : floor,
                    floor == null ? Double.NaN : cycle[0] / floor,
                    cycle[0] <= TARGET_MS ? "met" : "MISSED");
        });
        System.out.printf(
                "growth is relative to %d agents; linear would be the ratio of agent counts%n", smallestAgents);
    }
}
