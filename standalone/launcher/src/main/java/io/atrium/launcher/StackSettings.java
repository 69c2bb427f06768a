package io.atrium.launcher;

import io.atrium.infra.InfraException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the standalone stack keeps its state and which loopback ports it uses; every value can
 * be changed with an environment variable.
 */
record StackSettings(
        Path repo,
        Path stateDir,
        int httpPort,
        int keycloakPort,
        int keycloakManagementPort,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        int smtpPort) {

    static StackSettings from(Path repo, Map<String, String> env) {
        return new StackSettings(
                repo,
                Path.of(env.getOrDefault(
                                "ATRIUM_STATE_DIR", repo.resolve(".atrium").toString()))
                        .toAbsolutePath()
                        .normalize(),
                port(env, "ATRIUM_HTTP_PORT", 8080),
                port(env, "ATRIUM_KEYCLOAK_PORT", 8180),
                port(env, "ATRIUM_KEYCLOAK_MANAGEMENT_PORT", 8190),
                port(env, "ATRIUM_POSTGRES_PORT", 15432),
                port(env, "ATRIUM_KAFKA_PORT", 9092),
                port(env, "ATRIUM_KAFKA_CONTROLLER_PORT", 9093),
                port(env, "ATRIUM_SMTP_PORT", 2525));
    }

    String portalUrl() {
        return "http://localhost:" + httpPort;
    }

    Path logs() {
        return stateDir.resolve("logs");
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InfraException(name + " must be a port number between 1 and 65535, got '" + value + "'");
    }
}
