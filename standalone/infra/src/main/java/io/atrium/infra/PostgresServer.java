package io.atrium.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server process (zonky's packaged binaries) on loopback. Its cluster lives
 * in the given data directory and is kept between starts: a second start reuses it.
 * Authentication is {@code trust} for the {@code postgres} user on loopback only.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final int port;

    private PostgresServer(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    /** Starts PostgreSQL with its cluster in {@code dataDir}, creating the cluster if missing. */
    public static PostgresServer start(Path dataDir, int port, Path logFile) {
        Ports.requireFree(port, "PostgreSQL", "ATRIUM_POSTGRES_PORT");
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logFile.getParent());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return new PostgresServer(postgres, port);
        } catch (IOException e) {
            throw new InfraException("PostgreSQL did not start: " + e.getMessage() + "; see " + logFile, e);
        }
    }

    /** Creates {@code database} unless it exists already. */
    public PostgresServer ensureDatabase(String database) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return this;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
            }
            return this;
        } catch (SQLException e) {
            throw new InfraException("Could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** The URL Quarkus' reactive PostgreSQL client takes. */
    public String reactiveUrl(String database) {
        return "postgresql://localhost:" + port + "/" + database;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new InfraException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
