package io.atrium.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The current schemas keep every promise of each released baseline under {@code released/}: events
 * already published stay readable, and readers built on a released schema can read new events.
 * How to evolve an event and release a baseline: {@code event-schemas/README.md}.
 */
class ReleasedSchemasTest {

    static Stream<Path> baselines() throws IOException {
        try (Stream<Path> dirs = Files.list(SchemaFiles.RELEASED)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @Test
    void thereIsABaseline() throws IOException {
        assertThat(baselines()).isNotEmpty();
        assertThat(SchemaFiles.list(SchemaFiles.RELEASED.resolve("v1"))).contains("cloudevent.schema.json");
    }

    @ParameterizedTest
    @MethodSource("baselines")
    void currentSchemasAreCompatibleWith(Path baseline) {
        List<Compatibility.Break> breaks = Compatibility.compareTrees(baseline, SchemaFiles.CURRENT);

        assertThat(breaks)
                .as(() -> breaks.size() + " breaking change(s) against " + baseline + ":\n"
                        + breaks.stream().map(b -> "  " + b).collect(Collectors.joining("\n"))
                        + "\nKeep released schemas as they are: add optional properties only, or publish the"
                        + " change as a new event type ending in .v2 (see event-schemas/README.md).\n")
                .isEmpty();
    }
}
