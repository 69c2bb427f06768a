package io.atrium.launcher;

import io.atrium.infra.ChildProcess;
import io.atrium.infra.DemoRealm;
import io.atrium.infra.InfraException;
import io.atrium.infra.KafkaBroker;
import io.atrium.infra.KeycloakServer;
import io.atrium.infra.MailServer;
import io.atrium.infra.Ports;
import io.atrium.infra.PostgresServer;
import io.atrium.infra.Secrets;
import io.atrium.infra.Waits;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The whole system on one machine: PostgreSQL, Kafka, Keycloak, an SMTP server, the master and
 * one agent, started in dependency order under one state directory and stopped in reverse.
 */
final class Stack implements AutoCloseable {

    private static final Duration MASTER_STOP_GRACE = Duration.ofSeconds(20);

    private final StackSettings settings;
    private final Artifacts artifacts;
    private final RunDirectory run;
    private final PrintStream out;
    private final Deque<Runnable> stops = new ArrayDeque<>();
    private boolean closed;

    Stack(StackSettings settings, Artifacts artifacts, RunDirectory run, PrintStream out) {
        this.settings = settings;
        this.artifacts = artifacts;
        this.run = run;
        this.out = out;
    }

    /** Starts everything; on failure stops what was started and rethrows. */
    void start() {
        try {
            startAll();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAll() {
        Path state = settings.stateDir();
        requirePortsFree(settings);
        DemoRealm realm = DemoRealm.loadOrGenerate(state.resolve("demo-credentials.properties"));
        String agentToken = Secrets.loadOrGenerate(state.resolve("agent-token"), 40);

        step("Keycloak");
        KeycloakServer keycloak = KeycloakServer.start(new KeycloakServer.Settings(
                artifacts.keycloakZip(),
                state.resolve("keycloak"),
                settings.keycloakPort(),
                settings.keycloakManagementPort(),
                realm,
                settings.portalUrl(),
                settings.logs().resolve("keycloak.log")));
        onStop(keycloak::close);
        keycloak.process().tree().forEach(run::track);

        step("PostgreSQL");
        PostgresServer postgres = PostgresServer.start(
                        state.resolve("postgres"),
                        settings.postgresPort(),
                        settings.logs().resolve("postgres.log"))
                .ensureDatabase("atrium");
        onStop(postgres::close);
        postmaster(state.resolve("postgres")).ifPresent(run::track);

        step("Kafka");
        KafkaBroker kafka =
                new KafkaBroker(state.resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort()).start();
        onStop(kafka::close);

        step("SMTP");
        MailServer mail = MailServer.start(settings.smtpPort());
        onStop(mail::close);

        step("Keycloak (first start builds it, about a minute)");
        keycloak.awaitReady(Duration.ofMinutes(5));
        keycloak.process().tree().forEach(run::track);

        step("master");
        ChildProcess master = ChildProcess.start(
                "master",
                List.of(javaBinary(), "-Xmx768m", "-jar", artifacts.masterJar().toString()),
                state,
                Map.ofEntries(
                        Map.entry("QUARKUS_PROFILE", "standalone"),
                        Map.entry("ATRIUM_DEMO_SEED", "true"),
                        Map.entry("QUARKUS_HTTP_HOST", "127.0.0.1"),
                        Map.entry("QUARKUS_HTTP_PORT", String.valueOf(settings.httpPort())),
                        Map.entry("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER),
                        Map.entry("QUARKUS_DATASOURCE_PASSWORD", ""),
                        Map.entry("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("atrium")),
                        Map.entry("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl("atrium")),
                        Map.entry("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()),
                        Map.entry("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuerUrl()),
                        Map.entry("ATRIUM_AGENT_TOKEN", agentToken),
                        Map.entry("QUARKUS_OIDC_CREDENTIALS_SECRET", realm.backendSecret()),
                        Map.entry("QUARKUS_MAILER_HOST", "127.0.0.1"),
                        Map.entry("QUARKUS_MAILER_PORT", String.valueOf(mail.smtpPort())),
                        Map.entry("QUARKUS_MAILER_MOCK", "false")),
                settings.logs().resolve("master.log"),
                MASTER_STOP_GRACE);
        run.track(master.handle());
        onStop(master::close);
        Waits.httpOk(
                master,
                URI.create("http://127.0.0.1:" + settings.httpPort() + "/q/health/ready"),
                Duration.ofMinutes(2));

        step("agent");
        ChildProcess agent = ChildProcess.start(
                "agent",
                List.of(
                        javaBinary(),
                        "-Xmx64m",
                        "-XX:+UseSerialGC",
                        "-jar",
                        artifacts.agentJar().toString()),
                state,
                Map.of(
                        "ATRIUM_MASTER_URL",
                        settings.portalUrl(),
                        "ATRIUM_AGENT_TOKEN",
                        agentToken,
                        "ATRIUM_AGENT_WORK_DIR",
                        state.resolve("agent").toString(),
                        "ATRIUM_AGENT_HOSTNAME",
                        "localhost"),
                settings.logs().resolve("agent.log"),
                Duration.ofSeconds(10));
        run.track(agent.handle());
        onStop(agent::close);
        Waits.logLine(agent, "registered with the master", Duration.ofSeconds(60));
    }

    @Override
    public synchronized void close() {
        closed = true;
        while (!stops.isEmpty()) {
            try {
                stops.pop().run();
            } catch (RuntimeException e) {
                out.println("atrium: " + e.getMessage());
            }
        }
    }

    /** Registers how to stop what was just started; after close() it is stopped at once. */
    private synchronized void onStop(Runnable stop) {
        if (closed) {
            stop.run();
            throw new InfraException("Atrium was stopped while starting");
        }
        stops.push(stop);
    }

    private void step(String what) {
        out.println("  starting " + what + " ...");
    }

    /** Fails on the first port that is taken, before anything is started. */
    static void requirePortsFree(StackSettings settings) {
        Ports.requireFree(settings.httpPort(), "master HTTP", "ATRIUM_HTTP_PORT");
        Ports.requireFree(settings.keycloakPort(), "Keycloak", "ATRIUM_KEYCLOAK_PORT");
        Ports.requireFree(settings.keycloakManagementPort(), "Keycloak management", "ATRIUM_KEYCLOAK_MANAGEMENT_PORT");
        Ports.requireFree(settings.postgresPort(), "PostgreSQL", "ATRIUM_POSTGRES_PORT");
        Ports.requireFree(settings.kafkaPort(), "Kafka", "ATRIUM_KAFKA_PORT");
        Ports.requireFree(settings.kafkaControllerPort(), "Kafka controller", "ATRIUM_KAFKA_CONTROLLER_PORT");
        Ports.requireFree(settings.smtpPort(), "SMTP", "ATRIUM_SMTP_PORT");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static java.util.Optional<ProcessHandle> postmaster(Path dataDir) {
        try {
            Path pidFile = dataDir.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return java.util.Optional.empty();
            }
            return ProcessHandle.of(
                    Long.parseLong(Files.readAllLines(pidFile).getFirst().trim()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
