package io.atrium.agent;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What this host offers, in Mesos text form: detected cpus, mem (MiB), disk (MiB of the work
 * dir's file system), gpus and a ports range, with configured entries replacing detected ones
 * by name and the host's reserved amounts taken off. The master parses and validates the
 * result; this class only checks the shape so that a typo fails at start, not at register.
 */
public final class HostResources {

    /** The ports Mesos agents offer by default. */
    static final String DEFAULT_PORTS = "[31000-32000]";

    private static final Pattern ENTRY =
            Pattern.compile("([a-z][a-z0-9_.-]*)(?:\\(([^)]+)\\))?:(\\d+(?:\\.\\d+)?|\\[[0-9 ,\\-]+]|\\{[^}]*})");

    private HostResources() {}

    /** One resource entry: a name, an optional role it is reserved to, and its value text. */
    record Entry(String name, String role, String value) {
        boolean scalar() {
            return Character.isDigit(value.charAt(0));
        }

        @Override
        public String toString() {
            return role == null ? name + ":" + value : name + "(" + role + "):" + value;
        }
    }

    /** The resources this agent registers with. */
    public static String offered(AgentConfig config) {
        return combine(
                detect(config.workDir()),
                parse("ATRIUM_AGENT_RESOURCES", config.resources()),
                parse("ATRIUM_AGENT_RESERVED", config.reserved()));
    }

    static List<Entry> detect(Path workDir) {
        long memBytes = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        List<Entry> detected = new ArrayList<>();
        detected.add(
                new Entry("cpus", null, Integer.toString(Runtime.getRuntime().availableProcessors())));
        detected.add(new Entry("mem", null, Long.toString(memBytes / (1024 * 1024))));
        detected.add(new Entry("disk", null, Long.toString(diskMiB(workDir))));
        int gpus = gpus(Path.of("/dev"));
        if (gpus > 0) {
            detected.add(new Entry("gpus", null, Integer.toString(gpus)));
        }
        detected.add(new Entry("ports", null, DEFAULT_PORTS));
        return detected;
    }

    /**
     * Detected entries whose name the configuration mentions are replaced by the configured
     * ones (as Mesos' {@code --resources}); reserved scalars are then taken off the unreserved
     * entries, never below zero.
     */
    static String combine(List<Entry> detected, List<Entry> configured, List<Entry> reserved) {
        Set<String> overridden = new LinkedHashSet<>();
        configured.forEach(entry -> overridden.add(entry.name()));
        List<Entry> result = new ArrayList<>();
        for (Entry entry : detected) {
            if (!overridden.contains(entry.name())) {
                result.add(entry);
            }
        }
        result.addAll(configured);
        for (Entry held : reserved) {
            if (!held.scalar()) {
                throw new IllegalArgumentException(
                        "ATRIUM_AGENT_RESERVED: only scalar amounts can be reserved, got " + held);
            }
            for (int i = 0; i < result.size(); i++) {
                Entry entry = result.get(i);
                if (entry.name().equals(held.name()) && entry.role() == null && entry.scalar()) {
                    BigDecimal left = new BigDecimal(entry.value()).subtract(new BigDecimal(held.value()));
                    result.set(i, new Entry(entry.name(), null, plain(left.max(BigDecimal.ZERO))));
                }
            }
        }
        return String.join(";", result.stream().map(Entry::toString).toList());
    }

    static List<Entry> parse(String source, String text) {
        List<Entry> entries = new ArrayList<>();
        for (String part : text.split(";")) {
            String trimmed = part.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            Matcher matcher = ENTRY.matcher(trimmed);
            if (!matcher.matches()) {
                throw new IllegalArgumentException(source + ": '" + trimmed
                        + "' is not a resource (name:amount, name(role):amount, ports:[31000-32000] or name:{a,b})");
            }
            entries.add(new Entry(matcher.group(1), matcher.group(2), matcher.group(3)));
        }
        return entries;
    }

    private static String plain(BigDecimal value) {
        return value.setScale(3, RoundingMode.DOWN).stripTrailingZeros().toPlainString();
    }

    private static long diskMiB(Path workDir) {
        Path probe = workDir;
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        try {
            return probe == null ? 0 : Files.getFileStore(probe).getTotalSpace() / (1024 * 1024);
        } catch (IOException e) {
            return 0;
        }
    }

    /** NVIDIA devices as the kernel driver exposes them: /dev/nvidia0, /dev/nvidia1, ... */
    static int gpus(Path dev) {
        try (Stream<Path> files = Files.list(dev)) {
            return (int) files.filter(p -> p.getFileName().toString().matches("nvidia[0-9]+"))
                    .count();
        } catch (IOException e) {
            return 0;
        }
    }
}
