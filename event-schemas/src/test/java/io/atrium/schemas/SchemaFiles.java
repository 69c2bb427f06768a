package io.atrium.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the module's schemas live and how the tests read them: the current schemas under
 * {@code src/main/resources/schemas/}, the released baselines under {@code released/} (outside
 * the jar). Paths are relative to the module directory, Surefire's working directory.
 */
final class SchemaFiles {

    static final Path CURRENT = Path.of("src", "main", "resources", "schemas");
    static final Path RELEASED = Path.of("released");
    static final Path ASYNCAPI = Path.of("src", "main", "resources", "asyncapi.yaml");

    /** The base of every schema's {@code $id}; the rest is the file's path below {@link #CURRENT}. */
    static final String ID_BASE = "https://atrium.io/schemas/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSIONED = Pattern.compile("(.+)\\.v([0-9]+)");

    private SchemaFiles() {}

    /** Every {@code *.schema.json} below {@code root}, relative to it with {@code /} separators, sorted. */
    static List<String> list(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".schema.json"))
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The current schema files, relative to {@link #CURRENT}. */
    static List<String> current() {
        return list(CURRENT);
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static JsonNode readCurrent(String file) {
        return read(CURRENT.resolve(file));
    }

    /**
     * The schemas of event types' {@code data} ({@code events/<entity>-<verb>.schema.json}): the
     * files under {@code events/} that no other schema refers to. The others are shared parts
     * (agent-summary, actor, ...).
     */
    static Set<String> eventTypes() {
        Set<String> referenced = new TreeSet<>();
        for (String file : current()) {
            Path dir = Path.of(file).getParent();
            for (String ref : SchemaWalker.refs(readCurrent(file))) {
                if (!ref.startsWith("#")) {
                    Path target = dir == null ? Path.of(ref) : dir.resolve(ref);
                    referenced.add(target.normalize().toString().replace('\\', '/'));
                }
            }
        }
        Set<String> events = new TreeSet<>();
        for (String file : current()) {
            if (file.startsWith("events/") && !referenced.contains(file)) {
                events.add(file);
            }
        }
        return events;
    }

    /**
     * The CloudEvent type an event schema's file stands for, by the naming convention:
     * {@code events/task-state-changed.schema.json} is {@code io.atrium.task.state-changed.v1}, and a
     * later version {@code events/task-state-changed.v2.schema.json} is {@code
     * io.atrium.task.state-changed.v2}. The entity is the part before the first dash.
     */
    static String eventType(String file) {
        String name = file.substring("events/".length(), file.length() - ".schema.json".length());
        Matcher versioned = VERSIONED.matcher(name);
        String version = "1";
        if (versioned.matches()) {
            name = versioned.group(1);
            version = versioned.group(2);
        }
        int dash = name.indexOf('-');
        return "io.atrium." + name.substring(0, dash) + "." + name.substring(dash + 1) + ".v" + version;
    }
}
