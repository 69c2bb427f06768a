package io.atrium.testing;

import io.atrium.infra.DemoRealm;
import io.atrium.infra.Directories;
import io.atrium.infra.KafkaBroker;
import io.atrium.infra.KeycloakServer;
import io.atrium.infra.MailServer;
import io.atrium.infra.Ports;
import io.atrium.infra.PostgresServer;
import io.atrium.infra.Secrets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the real servers the master needs, once per test run, and points the master at them
 * (a global test resource: every {@code @QuarkusTest} shares it and one Quarkus boot):
 * PostgreSQL (zonky binaries), a KRaft Kafka broker, Keycloak with the demo realm, and an SMTP
 * server. Keycloak's home is kept under {@code target/test-infra} so its one-time build is
 * paid once per clean build; the databases start empty every run.
 */
@QuarkusTestResource(RealInfrastructure.class)
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    /** Config keys under which tests find what they need to act as a user. */
    public static final String KEYCLOAK_URL = "atrium.test.keycloak-url";

    public static final String PASSWORD_PREFIX = "atrium.test.password.";

    private PostgresServer postgres;
    private KafkaBroker kafka;
    private KeycloakServer keycloak;
    private MailServer mail;

    @Override
    public Map<String, String> start() {
        Path work = Path.of(System.getProperty("atrium.test.work-dir", "target/test-infra"));
        Path zip = Path.of(System.getProperty("atrium.keycloak.zip", "missing-keycloak.zip"));
        Directories.deleteTree(work.resolve("postgres"));
        Directories.deleteTree(work.resolve("kafka"));
        DemoRealm realm = DemoRealm.loadOrGenerate(work.resolve("demo-credentials.properties"));
        keycloak = KeycloakServer.start(new KeycloakServer.Settings(
                zip,
                work.resolve("keycloak"),
                Ports.free(),
                Ports.free(),
                realm,
                // The portal's URL for login redirects: the test port (8081 unless set, e.g. to run
                // two checkouts' tests side by side with -Dquarkus.http.test-port=8091).
                "http://localhost:" + System.getProperty("quarkus.http.test-port", "8081"),
                work.resolve("logs/keycloak.log")));
        postgres = PostgresServer.start(work.resolve("postgres"), Ports.free(), work.resolve("logs/postgres.log"))
                .ensureDatabase("atrium");
        kafka = new KafkaBroker(work.resolve("kafka"), Ports.free(), Ports.free()).start();
        mail = MailServer.start(Ports.free());
        keycloak.awaitReady(Duration.ofMinutes(4));

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", "");
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl("atrium"));
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl("atrium"));
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.oidc.auth-server-url", keycloak.issuerUrl());
        config.put("quarkus.oidc.credentials.secret", realm.backendSecret());
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", String.valueOf(mail.smtpPort()));
        config.put("quarkus.mailer.mock", "false");
        config.put("atrium.agent.token", Secrets.generate(32));
        config.put(KEYCLOAK_URL, "http://localhost:" + keycloak.httpPort());
        DemoRealm.USERS.forEach(user -> config.put(PASSWORD_PREFIX + user.username(), realm.password(user.username())));
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(mail, new TestInjector.MatchesType(MailServer.class));
        injector.injectIntoFields(kafka, new TestInjector.MatchesType(KafkaBroker.class));
    }

    @Override
    public void stop() {
        List<Runnable> stops = new ArrayList<>();
        if (mail != null) stops.add(mail::close);
        if (kafka != null) stops.add(kafka::close);
        if (postgres != null) stops.add(postgres::close);
        if (keycloak != null) stops.add(keycloak::close);
        for (Runnable stop : stops) {
            try {
                stop.run();
            } catch (RuntimeException e) {
                System.err.println("could not stop a test server: " + e.getMessage());
            }
        }
    }
}
