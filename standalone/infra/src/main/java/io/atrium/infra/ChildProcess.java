package io.atrium.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A server we run as a child process, with its output in a log file. Stopping it stops its
 * whole process tree: a polite SIGTERM first, SIGKILL to whatever is left after the grace
 * period, so nothing we started outlives us.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChildProcess.class.getName());

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Duration grace;

    private ChildProcess(String name, Process process, Path logFile, Duration grace) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.grace = grace;
    }

    /**
     * Starts {@code command} in {@code workDir} with {@code env} added to this process's
     * environment; stdout and stderr are appended to {@code logFile}.
     */
    public static ChildProcess start(
            String name, List<String> command, Path workDir, Map<String, String> env, Path logFile, Duration grace) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            LOG.fine(() -> name + " started, pid " + process.pid());
            return new ChildProcess(name, process, logFile, grace);
        } catch (IOException e) {
            throw new InfraException("Could not start " + name + " (" + command.getFirst() + "): " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Fails with the tail of the log when the process has already exited. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new InfraException(name + " exited with code " + process.exitValue() + "; see " + logFile);
        }
    }

    /** The process and every descendant it has now. */
    public List<ProcessHandle> tree() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        return all;
    }

    @Override
    public void close() {
        stopTree(tree(), grace);
    }

    /** SIGTERM to each process, then SIGKILL to those still alive after {@code grace}. */
    public static void stopTree(List<ProcessHandle> processes, Duration grace) {
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : processes) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (Exception timedOut) {
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
            }
        }
        for (ProcessHandle handle : processes) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warning("process " + handle.pid() + " did not exit after SIGKILL");
            }
        }
    }
}
