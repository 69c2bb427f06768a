package io.atrium.testing;

import io.atrium.agent.containerizer.Containerizer;
import io.atrium.infra.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A real agent: {@code agent/target/atrium-agent.jar} in its own JVM, speaking the real
 * protocol to the master under test, with fake resource totals so tests control capacity.
 * Closing it stops the agent and every task it started.
 */
public final class AgentProcess implements AutoCloseable {

    private final String hostname;
    private final Path workDir;
    private final String resources;
    private final Map<String, String> extraEnv;
    private ChildProcess process;

    private AgentProcess(String hostname, Path workDir, String resources, Map<String, String> extraEnv) {
        this.hostname = hostname;
        this.workDir = workDir;
        this.resources = resources;
        this.extraEnv = extraEnv;
    }

    /** Starts an agent registering as {@code hostname} with {@code resources} (Mesos text form). */
    public static AgentProcess start(String hostname, String resources) {
        return start(hostname, resources, Map.of());
    }

    public static AgentProcess start(String hostname, String resources, Map<String, String> extraEnv) {
        try {
            Path work = Files.createTempDirectory(Path.of("target"), "agent-" + hostname + "-");
            // Tasks run as nobody, who must be able to reach their sandboxes.
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
            AgentProcess agent = new AgentProcess(hostname, work.toAbsolutePath(), resources, extraEnv);
            agent.launch();
            return agent;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the agent JVM (again) on the same work dir, as after a restart. */
    public void launch() {
        var config = ConfigProvider.getConfig();
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("ATRIUM_MASTER_URL", config.getValue("test.url", String.class));
        env.put("ATRIUM_AGENT_TOKEN", config.getValue("atrium.agent.token", String.class));
        env.put("ATRIUM_AGENT_WORK_DIR", workDir.toString());
        env.put("ATRIUM_AGENT_HOSTNAME", hostname);
        env.put("ATRIUM_AGENT_RESOURCES", resources);
        env.put("ATRIUM_AGENT_RESERVED", "");
        String java = ProcessHandle.current().info().command().orElse("java");
        process = ChildProcess.start(
                "agent " + hostname,
                List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-jar", System.getProperty("atrium.test.agent-jar")),
                workDir,
                env,
                workDir.resolve("agent.log"),
                Duration.ofSeconds(5));
    }

    public String hostname() {
        return hostname;
    }

    public Path workDir() {
        return workDir;
    }

    public String log() {
        try {
            return Files.readString(workDir.resolve("agent.log"));
        } catch (IOException e) {
            return "";
        }
    }

    /** Freezes the agent (SIGSTOP): it stays connected but says nothing, like a hung host. */
    public void pause() {
        signal("-STOP");
    }

    public void resume() {
        signal("-CONT");
    }

    /** Kills only the agent's JVM ({@code kill -9}, no chance to tidy up); its tasks keep running. */
    public void killAgentOnly() {
        process.handle().destroyForcibly();
        try {
            process.handle().onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("agent " + hostname + " did not stop", e);
        }
    }

    private void signal(String signal) {
        try {
            int code = new ProcessBuilder("kill", signal, String.valueOf(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            if (code != 0) {
                throw new IllegalStateException("kill " + signal + " failed for agent " + hostname);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            if (process.isAlive()) {
                resume();
            }
            process.close();
            // Its tasks died with it; their cgroups go the way a restarted agent tears down orphans.
            Containerizer.create(Containerizer.Settings.defaults(workDir)).recover(Set.of());
        }
    }
}
