package io.atrium.agent;

import io.atrium.agent.containerizer.Containerizer;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an agent is told at start, from environment variables (the agent has no config file
 * format of its own; a systemd unit or the DaemonSet sets these).
 *
 * @param masterUrl the master's base URL ({@code ATRIUM_MASTER_URL}, default http://localhost:8080)
 * @param token the agent credential the master expects ({@code ATRIUM_AGENT_TOKEN}, required)
 * @param workDir where sandboxes and checkpoints live ({@code ATRIUM_AGENT_WORK_DIR})
 * @param hostname the name this host registers under ({@code ATRIUM_AGENT_HOSTNAME}, default the OS host name)
 * @param resources resources that replace detected ones by name, in Mesos text form, e.g.
 *     {@code cpus:64;mem:262144} for fake totals or {@code cpus(acme):2} for a static
 *     reservation ({@code ATRIUM_AGENT_RESOURCES}, default none)
 * @param reserved amounts kept back for the host itself, subtracted from what is offered
 *     ({@code ATRIUM_AGENT_RESERVED}, default {@code cpus:0;mem:256})
 * @param attributes host attributes offered to constraints ({@code ATRIUM_AGENT_ATTRIBUTES},
 *     e.g. {@code rack:r1;zone:a})
 * @param killGracePeriod time between SIGTERM and SIGKILL when a task is killed
 *     ({@code ATRIUM_AGENT_KILL_GRACE_SECONDS}, default 3)
 * @param usageInterval how often running tasks' resource usage is sent to the master
 *     ({@code ATRIUM_AGENT_USAGE_INTERVAL_SECONDS}, default 10)
 * @param fetchMaxBytes the largest file the fetcher takes for a task's URI ({@code
 *     ATRIUM_AGENT_FETCH_MAX_MB}, default 1024); fetched files are cached in the work dir's
 *     {@code fetch-cache} when a URI asks for it
 * @param fetchLocalDirs directories tasks may fetch local files from ({@code
 *     ATRIUM_AGENT_FETCH_LOCAL_DIRS}, comma-separated; default none — the agent reads them as root)
 * @param gcDelay how long the sandbox of an ended task is kept on an empty disk ({@code
 *     ATRIUM_AGENT_GC_DELAY_HOURS}, default 168, a week); less as the disk fills
 * @param gcDiskHeadroom the fraction of the disk to keep free ({@code
 *     ATRIUM_AGENT_GC_DISK_HEADROOM}, default 0.1): sandboxes are kept {@code gcDelay × max(0,
 *     1 − headroom − disk used)}
 * @param logMaxBytes a running task's stdout or stderr is rotated past this size ({@code
 *     ATRIUM_AGENT_LOG_MAX_MB}, default 10)
 * @param logKeep how many rotated copies are kept ({@code ATRIUM_AGENT_LOG_KEEP}, default 5)
 * @param containerizer how tasks are isolated: {@code ATRIUM_AGENT_ISOLATION} ({@code auto},
 *     the default: {@code linux} when the agent is root and cgroups are mounted, else
 *     {@code posix}; {@code linux} fails at start when it cannot work), {@code
 *     ATRIUM_AGENT_TASK_USER} (default {@code nobody}), {@code ATRIUM_AGENT_ROOT_FRAMEWORKS}
 *     (comma-separated framework ids whose tasks may run as root; default none), {@code
 *     ATRIUM_AGENT_TASK_PIDS_LIMIT} (default 1024) and {@code ATRIUM_AGENT_CPU_HARD_LIMIT}
 *     ({@code true} caps a task at its cpus; default {@code false}, a share only) and {@code
 *     ATRIUM_AGENT_DISK_WATCH_SECONDS} (how often sandboxes are measured against their disk;
 *     default 15)
 */
public record AgentConfig(
        URI masterUrl,
        String token,
        Path workDir,
        String hostname,
        String resources,
        String reserved,
        Map<String, String> attributes,
        Duration killGracePeriod,
        Duration usageInterval,
        long fetchMaxBytes,
        List<Path> fetchLocalDirs,
        Duration gcDelay,
        double gcDiskHeadroom,
        long logMaxBytes,
        int logKeep,
        Containerizer.Settings containerizer) {

    public static AgentConfig fromEnvironment(Map<String, String> env) {
        URI master = URI.create(env.getOrDefault("ATRIUM_MASTER_URL", "http://localhost:8080"));
        if (master.getScheme() == null || !master.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("ATRIUM_MASTER_URL must be an http(s) URL, got " + master);
        }
        String token = env.get("ATRIUM_AGENT_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("ATRIUM_AGENT_TOKEN is required: the master refuses agents without it");
        }
        Path workDir = Path.of(env.getOrDefault("ATRIUM_AGENT_WORK_DIR", "/var/lib/atrium-agent"));
        String resources = env.getOrDefault("ATRIUM_AGENT_RESOURCES", "");
        String reserved = env.getOrDefault("ATRIUM_AGENT_RESERVED", "cpus:0;mem:256");
        HostResources.parse("ATRIUM_AGENT_RESOURCES", resources);
        HostResources.parse("ATRIUM_AGENT_RESERVED", reserved);
        long grace = whole(env, "ATRIUM_AGENT_KILL_GRACE_SECONDS", 3, 0, Long.MAX_VALUE);
        long usageSeconds = whole(env, "ATRIUM_AGENT_USAGE_INTERVAL_SECONDS", 10, 1, Long.MAX_VALUE);
        long fetchMaxMiB = whole(env, "ATRIUM_AGENT_FETCH_MAX_MB", 1024, 1, Long.MAX_VALUE / (1024 * 1024));
        long gcDelayHours = whole(env, "ATRIUM_AGENT_GC_DELAY_HOURS", 168, 0, 24L * 365 * 100);
        double headroom;
        try {
            headroom = Double.parseDouble(env.getOrDefault("ATRIUM_AGENT_GC_DISK_HEADROOM", "0.1"));
        } catch (NumberFormatException e) {
            headroom = -1;
        }
        if (!(headroom >= 0 && headroom <= 1)) {
            throw new IllegalArgumentException("ATRIUM_AGENT_GC_DISK_HEADROOM must be a fraction between 0 and 1, got '"
                    + env.get("ATRIUM_AGENT_GC_DISK_HEADROOM") + "'");
        }
        long logMaxMiB = whole(env, "ATRIUM_AGENT_LOG_MAX_MB", 10, 1, Long.MAX_VALUE / (1024 * 1024));
        long logKeep = whole(env, "ATRIUM_AGENT_LOG_KEEP", 5, 1, 100);
        String isolation = env.getOrDefault("ATRIUM_AGENT_ISOLATION", "auto");
        if (!Set.of("auto", "linux", "posix").contains(isolation)) {
            throw new IllegalArgumentException(
                    "ATRIUM_AGENT_ISOLATION must be auto, linux or posix, got '" + isolation + "'");
        }
        long pidsLimit = whole(env, "ATRIUM_AGENT_TASK_PIDS_LIMIT", 1024, 8, Long.MAX_VALUE);
        long diskWatch = whole(env, "ATRIUM_AGENT_DISK_WATCH_SECONDS", 15, 1, Long.MAX_VALUE);
        String hardLimit = env.getOrDefault("ATRIUM_AGENT_CPU_HARD_LIMIT", "false");
        if (!hardLimit.equals("true") && !hardLimit.equals("false")) {
            throw new IllegalArgumentException(
                    "ATRIUM_AGENT_CPU_HARD_LIMIT must be true or false, got '" + hardLimit + "'");
        }
        return new AgentConfig(
                master,
                token,
                workDir,
                env.getOrDefault("ATRIUM_AGENT_HOSTNAME", localHostname()),
                resources,
                reserved,
                attributes(env.getOrDefault("ATRIUM_AGENT_ATTRIBUTES", "")),
                Duration.ofSeconds(grace),
                Duration.ofSeconds(usageSeconds),
                fetchMaxMiB * 1024 * 1024,
                list(env, "ATRIUM_AGENT_FETCH_LOCAL_DIRS").stream()
                        .map(Path::of)
                        .toList(),
                Duration.ofHours(gcDelayHours),
                headroom,
                logMaxMiB * 1024 * 1024,
                (int) logKeep,
                new Containerizer.Settings(
                        isolation,
                        env.getOrDefault("ATRIUM_AGENT_TASK_USER", "nobody"),
                        Set.copyOf(list(env, "ATRIUM_AGENT_ROOT_FRAMEWORKS")),
                        pidsLimit,
                        hardLimit.equals("true"),
                        workDir,
                        Duration.ofSeconds(diskWatch)));
    }

    /** The WebSocket URL of the agent endpoint on the master. */
    public URI agentEndpoint() {
        String scheme = masterUrl.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(scheme + "://" + masterUrl.getRawAuthority() + "/api/v1/agent");
    }

    static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException(
                        "ATRIUM_AGENT_ATTRIBUTES: '" + entry.strip() + "' is not name:value (e.g. rack:r1;zone:a)");
            }
            attributes.put(
                    entry.substring(0, colon).strip(),
                    entry.substring(colon + 1).strip());
        }
        return Map.copyOf(attributes);
    }

    /** A whole number from {@code name}, {@code fallback} when unset, within [min, max]. */
    private static long whole(Map<String, String> env, String name, long fallback, long min, long max) {
        String value = env.getOrDefault(name, Long.toString(fallback)).strip();
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(name + " must be "
                        + (max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max) + ", got "
                        + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    /** The non-blank entries of a comma-separated {@code name}; empty when unset. */
    private static List<String> list(Map<String, String> env, String name) {
        return Arrays.stream(env.getOrDefault(name, "").split(","))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .toList();
    }

    private static String localHostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
