package io.atrium.launcher;

import io.atrium.infra.ChildProcess;
import io.atrium.infra.DemoRealm;
import io.atrium.infra.InfraException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * {@code ./atrium up | down | status}. Errors are one line starting with {@code atrium:} and
 * exit code 1; the servers' own output goes to the log files under {@code <state>/logs}.
 */
public final class Atrium {

    private static final PrintStream OUT = System.out;

    private Atrium() {}

    public static void main(String[] args) {
        Path repo =
                Path.of(System.getProperty("atrium.repo", ".")).toAbsolutePath().normalize();
        String command = args.length == 0 ? "up" : args[0];
        try {
            StackSettings settings = StackSettings.from(repo, System.getenv());
            switch (command) {
                case "up" -> up(settings);
                case "down" -> down(settings);
                case "status" -> status(settings);
                default -> {
                    System.err.println("usage: ./atrium up [--rebuild] | down | status");
                    System.exit(2);
                }
            }
        } catch (InfraException | UncheckedIOException e) {
            System.err.println("atrium: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void up(StackSettings settings) {
        long started = System.nanoTime();
        RunDirectory run = new RunDirectory(settings.stateDir());
        run.launcher().ifPresent(other -> {
            throw new InfraException("Atrium is already running from " + settings.stateDir() + " (pid " + other.pid()
                    + "): stop it with ./atrium down");
        });
        stopLeftovers(run);
        Artifacts artifacts = Artifacts.in(settings.repo());
        Stack.requirePortsFree(settings);
        logToFile(settings.logs().resolve("launcher.log"));
        run.claim();

        OUT.println("Starting Atrium (state in " + settings.stateDir() + ")");
        Stack stack = new Stack(settings, artifacts, run, OUT);
        CountDownLatch stoppedCleanly = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            OUT.println("Stopping Atrium ...");
            List<ProcessHandle> ours = ProcessHandle.current().descendants().toList();
            stack.close();
            // A server's helper that outlived its parent's stop (a grandchild) goes too.
            ChildProcess.stopTree(ours.stream().filter(ProcessHandle::isAlive).toList(), Duration.ofSeconds(10));
            run.release();
            OUT.println("Atrium stopped.");
            stoppedCleanly.countDown();
        }));
        stack.start();
        printWelcome(settings, Duration.ofNanos(System.nanoTime() - started));
        try {
            stoppedCleanly.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void down(StackSettings settings) {
        RunDirectory run = new RunDirectory(settings.stateDir());
        Optional<ProcessHandle> launcher = run.launcher();
        launcher.ifPresent(process -> {
            OUT.println("Stopping Atrium (pid " + process.pid() + ") ...");
            process.destroy();
            try {
                process.onExit().get(2, TimeUnit.MINUTES);
            } catch (Exception stillRunning) {
                process.destroyForcibly();
            }
        });
        List<ProcessHandle> leftovers = run.leftovers();
        ChildProcess.stopTree(leftovers, Duration.ofSeconds(10));
        run.release();
        OUT.println(launcher.isEmpty() && leftovers.isEmpty() ? "Atrium is not running." : "Atrium stopped.");
    }

    private static void status(StackSettings settings) {
        Optional<ProcessHandle> launcher = new RunDirectory(settings.stateDir()).launcher();
        OUT.println(launcher.map(p -> "Atrium is running (pid " + p.pid() + "), portal " + settings.portalUrl())
                .orElse("Atrium is not running."));
    }

    /** A launcher that was killed outright leaves its servers running; stop them first. */
    private static void stopLeftovers(RunDirectory run) {
        List<ProcessHandle> leftovers = run.leftovers();
        if (!leftovers.isEmpty()) {
            OUT.println("Stopping " + leftovers.size() + " processes left by an earlier run ...");
            ChildProcess.stopTree(leftovers, Duration.ofSeconds(10));
        }
    }

    private static void printWelcome(StackSettings settings, Duration took) {
        DemoRealm realm = DemoRealm.loadOrGenerate(settings.stateDir().resolve("demo-credentials.properties"));
        StringBuilder block = new StringBuilder();
        block.append('\n')
                .append("Atrium is up (started in ")
                .append(took.toSeconds())
                .append(" s)\n\n");
        block.append("  Portal     ").append(settings.portalUrl()).append('\n');
        block.append("  API        ")
                .append(settings.portalUrl())
                .append("/q/openapi  (health /q/health, metrics /q/metrics)\n");
        block.append("  Keycloak   http://localhost:")
                .append(settings.keycloakPort())
                .append("  (realm atrium)\n");
        block.append("  SMTP       127.0.0.1:").append(settings.smtpPort()).append('\n');
        block.append("\n  Demo logins\n");
        for (DemoRealm.User user : DemoRealm.USERS) {
            block.append(String.format(
                    "    %-6s %-14s %s%n", user.username(), realm.password(user.username()), user.role()));
        }
        block.append("\n  Data       ").append(settings.stateDir()).append("  (PostgreSQL, Kafka, Keycloak)\n");
        block.append("  Logs       ").append(settings.logs()).append('\n');
        block.append("  Stop       Ctrl-C, or ./atrium down\n");
        OUT.println(block);
    }

    private static void logToFile(Path file) {
        try {
            Files.createDirectories(file.getParent());
            LogManager.getLogManager().reset();
            FileHandler handler = new FileHandler(file.toString(), true);
            handler.setFormatter(new SimpleFormatter());
            Logger root = Logger.getLogger("");
            root.addHandler(handler);
            root.setLevel(Level.INFO);
            for (String noisy : List.of("kafka", "org.apache.kafka", "state.change.logger", "kafka.request.logger")) {
                Logger.getLogger(noisy).setLevel(Level.WARNING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
