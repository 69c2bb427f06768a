package io.atrium.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak from its Maven Central distribution, run in dev mode on loopback as a child
 * process, with the demo realm imported on first start. Its database (H2, dev-file) lives in
 * its home directory, so a second start with the same home keeps users and sessions and skips
 * Keycloak's one-time build.
 */
public final class KeycloakServer implements AutoCloseable {

    /**
     * How to run Keycloak.
     *
     * @param distZip the {@code keycloak-quarkus-dist} zip
     * @param home where it is installed (unpacked on first start) and keeps its data
     * @param httpPort loopback port for browsers and the master
     * @param managementPort loopback port of Keycloak's management interface
     * @param realm the demo realm to import
     * @param portalUrl the only URL the portal's login may redirect back to
     * @param logFile where Keycloak's output goes
     */
    public record Settings(
            Path distZip,
            Path home,
            int httpPort,
            int managementPort,
            DemoRealm realm,
            String portalUrl,
            Path logFile) {}

    private final Settings settings;
    private final ChildProcess process;

    private KeycloakServer(Settings settings, ChildProcess process) {
        this.settings = settings;
        this.process = process;
    }

    /** Installs Keycloak if its home is empty and starts it; {@link #awaitReady} waits for it. */
    public static KeycloakServer start(Settings settings) {
        Ports.requireFree(settings.httpPort(), "Keycloak", "ATRIUM_KEYCLOAK_PORT");
        Ports.requireFree(settings.managementPort(), "Keycloak management", "ATRIUM_KEYCLOAK_MANAGEMENT_PORT");
        install(settings.distZip(), settings.home());
        writeRealm(settings);
        List<String> command = List.of(
                settings.home().resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + settings.httpPort(),
                "--http-management-port=" + settings.managementPort(),
                "--import-realm");
        Map<String, String> env =
                Map.of("JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        ChildProcess process = ChildProcess.start(
                "Keycloak", command, settings.home(), env, settings.logFile(), Duration.ofSeconds(20));
        return new KeycloakServer(settings, process);
    }

    /** Blocks until the realm's OpenID configuration is served, or fails with the log's path. */
    public KeycloakServer awaitReady(Duration timeout) {
        Waits.httpOk(
                process,
                URI.create("http://127.0.0.1:" + settings.httpPort() + "/realms/" + DemoRealm.REALM
                        + "/.well-known/openid-configuration"),
                timeout);
        return this;
    }

    /** The realm's issuer as the master and browsers see it. */
    public String issuerUrl() {
        return "http://localhost:" + settings.httpPort() + "/realms/" + DemoRealm.REALM;
    }

    public int httpPort() {
        return settings.httpPort();
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    private static void install(Path zip, Path home) {
        if (Files.exists(home.resolve("bin/kc.sh"))) {
            return;
        }
        if (zip == null || !Files.isRegularFile(zip)) {
            throw new InfraException(
                    "The Keycloak distribution " + zip + " is missing: run ./mvnw -DskipTests package");
        }
        Path partial = home.resolveSibling(home.getFileName() + ".partial");
        try {
            Directories.deleteTree(partial);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    String name = entry.getName();
                    int slash = name.indexOf('/');
                    if (slash < 0 || slash == name.length() - 1) {
                        continue;
                    }
                    Path target = partial.resolve(name.substring(slash + 1)).normalize();
                    if (!target.startsWith(partial)) {
                        throw new InfraException("Unsafe entry in " + zip + ": " + name);
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        copy(in, target);
                        if (name.endsWith(".sh")) {
                            target.toFile().setExecutable(true);
                        }
                    }
                }
            }
            Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InfraException("Could not unpack Keycloak into " + home + ": " + e.getMessage(), e);
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeRealm(Settings settings) {
        try {
            Path dir = Files.createDirectories(settings.home().resolve("data/import"));
            Path file = dir.resolve("atrium-realm.json");
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, settings.realm().realmJson(settings.portalUrl()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
