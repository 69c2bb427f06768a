package io.atrium.agent;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/** Starts the agent: reads its configuration, finds the master, runs until SIGTERM. */
public final class Main {

    private static final Logger LOG = Logger.getLogger("io.atrium.agent");

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        configureLogging();
        AgentConfig config;
        try {
            config = AgentConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("atrium-agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        HostResources resources = HostResources.detect();
        LOG.info(() -> "Atrium agent starting on " + config.hostname() + " (cpus " + resources.cpus() + ", mem "
                + resources.memMiB() + " MiB), master " + config.masterUrl());

        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch exited = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                exited.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            MasterLink link = new MasterLink(
                    config,
                    new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), RandomGenerator.getDefault()),
                    stopped);
            if (link.awaitMaster()) {
                LOG.info(() -> "master found at " + config.masterUrl() + "; would register host " + config.hostname()
                        + " with cpus " + resources.cpus() + ", mem " + resources.memMiB()
                        + " MiB (registration arrives with the offer cycle)");
                stopped.await();
            }
            LOG.info("Atrium agent stopping");
        } finally {
            exited.countDown();
        }
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
