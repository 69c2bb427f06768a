package io.atrium.agent;

import io.atrium.agent.containerizer.Containerizer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/** Starts the agent: reads its configuration, recovers its checkpoints, runs until SIGTERM. */
public final class Main {

    private static final Logger LOG = Logger.getLogger("io.atrium.agent");

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        configureLogging();
        AgentConfig config;
        String resources;
        Containerizer containerizer;
        try {
            config = AgentConfig.fromEnvironment(System.getenv());
            resources = HostResources.offered(config);
            containerizer = Containerizer.create(config.containerizer());
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("atrium-agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info(() -> "Atrium agent " + version() + " starting on " + config.hostname() + " with " + resources
                + ", master " + config.masterUrl() + "; " + containerizer.describe());

        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "atrium-agent");
            thread.setDaemon(true);
            return thread;
        });
        Agent agent = new Agent(
                config,
                resources,
                containerizer,
                loop,
                Clock.systemUTC(),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), RandomGenerator.getDefault()));
        loop.execute(agent::start);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Atrium agent stopping; its tasks keep running");
            loop.execute(agent::stop);
            stopped.countDown();
        }));
        stopped.await();
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static void configureLogging() {
        Logger root = Logger.getLogger("");
        for (var handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new java.util.logging.Formatter() {
            @Override
            public String format(LogRecord record) {
                return String.format(
                        "%1$tFT%1$tT.%1$tLZ %2$s %3$s%n",
                        record.getInstant().atZone(java.time.ZoneOffset.UTC),
                        record.getLevel().getName(),
                        formatMessage(record));
            }
        });
        console.setLevel(Level.ALL);
        root.addHandler(console);
    }
}
