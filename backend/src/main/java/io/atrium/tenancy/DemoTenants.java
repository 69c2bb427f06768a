package io.atrium.tenancy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * Loads the demo tenants at start when {@link DemoConfig#seed()} is on, after Flyway has
 * migrated the schema. Runs once at start-up, before requests are served, so plain JDBC is fine.
 */
@ApplicationScoped
class DemoTenants {

    private static final Logger LOG = Logger.getLogger(DemoTenants.class);

    @Inject
    DemoConfig config;

    @Inject
    AgroalDataSource dataSource;

    void onStart(@Observes StartupEvent event) {
        if (!config.seed()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(script());
            LOG.info("Demo tenants acme and globex are loaded");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load the demo tenants: " + e.getMessage(), e);
        }
    }

    private static String script() {
        try (InputStream in = DemoTenants.class.getResourceAsStream("/demo/demo-tenants.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
