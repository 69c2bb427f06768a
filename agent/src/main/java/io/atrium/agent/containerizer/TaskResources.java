package io.atrium.agent.containerizer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a task holds, read from the resources text the master sends (Mesos text form, e.g.
 * {@code cpus:0.5;mem(acme):128;ports:[31000-31001]}): the amounts the isolators enforce and
 * the ports handed to the task. Reserved and unreserved parts of a resource add up.
 */
public record TaskResources(double cpus, long memMiB, long diskMiB, List<Integer> ports) {

    private static final Pattern ENTRY = Pattern.compile("([a-z][a-z0-9_.-]*)(?:\\([^)]*\\))?:(.+)");
    private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");

    public static TaskResources parse(String text) {
        BigDecimal cpus = BigDecimal.ZERO;
        BigDecimal mem = BigDecimal.ZERO;
        BigDecimal disk = BigDecimal.ZERO;
        List<Integer> ports = new ArrayList<>();
        for (String part : text.split(";")) {
            Matcher entry = ENTRY.matcher(part.strip());
            if (!entry.matches()) {
                continue;
            }
            String value = entry.group(2).strip();
            switch (entry.group(1)) {
                case "cpus" -> cpus = cpus.add(new BigDecimal(value));
                case "mem" -> mem = mem.add(new BigDecimal(value));
                case "disk" -> disk = disk.add(new BigDecimal(value));
                case "ports" -> {
                    Matcher range = RANGE.matcher(value);
                    while (range.find()) {
                        for (int port = Integer.parseInt(range.group(1));
                                port <= Integer.parseInt(range.group(2));
                                port++) {
                            ports.add(port);
                        }
                    }
                }
                default -> {
                    // gpus and custom resources have no isolator yet
                }
            }
        }
        return new TaskResources(cpus.doubleValue(), mem.longValue(), disk.longValue(), List.copyOf(ports));
    }
}
