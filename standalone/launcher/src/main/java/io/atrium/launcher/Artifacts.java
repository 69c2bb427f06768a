package io.atrium.launcher;

import io.atrium.infra.InfraException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The built pieces the launcher runs, found in the repository's build output. */
record Artifacts(Path masterJar, Path agentJar, Path keycloakZip) {

    static Artifacts in(Path repo) {
        Properties build = new Properties();
        try (InputStream in = Artifacts.class.getResourceAsStream("build.properties")) {
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Artifacts artifacts = new Artifacts(
                repo.resolve("backend/target/quarkus-app/quarkus-run.jar"),
                repo.resolve("agent/target/atrium-agent.jar"),
                Path.of(build.getProperty("keycloak.zip")));
        for (Path path : new Path[] {artifacts.masterJar, artifacts.agentJar, artifacts.keycloakZip}) {
            if (!Files.isRegularFile(path)) {
                throw new InfraException(path + " is missing: run ./atrium up --rebuild");
            }
        }
        return artifacts;
    }
}
