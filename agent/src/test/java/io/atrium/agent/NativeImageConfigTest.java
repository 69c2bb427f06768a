package io.atrium.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atrium.protocol.agent.AgentCall;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent reads and writes the generated protocol types with Jackson, which native-image
 * only allows for classes registered for reflection. This keeps the registration complete as
 * the schemas grow (there is no GraalVM here to find out the hard way).
 */
class NativeImageConfigTest {

    @Test
    void everyTypeJacksonTouchesIsRegisteredForReflection() throws IOException, URISyntaxException {
        Set<String> registered = new HashSet<>();
        try (InputStream in =
                getClass().getResourceAsStream("/META-INF/native-image/io.atrium/atrium-agent/reflect-config.json")) {
            for (JsonNode entry : Checkpoints.JSON.readTree(in)) {
                registered.add(entry.path("name").asText());
            }
        }

        Set<String> needed = new HashSet<>(protocolClasses());
        needed.add(TaskRunner.RunInfo.class.getName());

        assertThat(registered).containsAll(needed);
    }

    private static List<String> protocolClasses() throws IOException, URISyntaxException {
        Path location = Path.of(AgentCall.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        if (Files.isDirectory(location)) {
            return classesIn(location);
        }
        try (FileSystem jar = FileSystems.newFileSystem(location, Map.of())) {
            return classesIn(jar.getPath("/"));
        }
    }

    private static List<String> classesIn(Path root) throws IOException {
        Path dir = root.resolve("io/atrium/protocol/agent");
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".class"))
                    .map(name -> "io.atrium.protocol.agent." + name.replace(".class", ""))
                    .toList();
        }
    }
}
