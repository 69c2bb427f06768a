package io.atrium.agent;

import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What an agent is told at start, from environment variables.
 *
 * @param masterUrl the master's base URL ({@code ATRIUM_MASTER_URL}, default http://localhost:8080)
 * @param workDir where sandboxes and checkpoints live ({@code ATRIUM_AGENT_WORK_DIR})
 * @param hostname the name this host registers under ({@code ATRIUM_AGENT_HOSTNAME}, default the OS host name)
 */
public record AgentConfig(URI masterUrl, Path workDir, String hostname) {

    public static AgentConfig fromEnvironment(Map<String, String> env) {
        URI master = URI.create(env.getOrDefault("ATRIUM_MASTER_URL", "http://localhost:8080"));
        if (master.getScheme() == null || !master.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("ATRIUM_MASTER_URL must be an http(s) URL, got " + master);
        }
        Path workDir = Path.of(env.getOrDefault("ATRIUM_AGENT_WORK_DIR", "/var/lib/atrium-agent"));
        return new AgentConfig(master, workDir, env.getOrDefault("ATRIUM_AGENT_HOSTNAME", localHostname()));
    }

    private static String localHostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
