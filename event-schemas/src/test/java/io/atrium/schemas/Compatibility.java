package io.atrium.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lists the changes between a released schema and its current version that would break someone
 * reading events. A released schema is a promise both ways: readers on the current schema must
 * still read the events already published (Kafka retains them, SSE clients resume into them), and
 * readers built on the released schema must read the new ones. Readers ignore properties and enum
 * values they do not know, so what may change is: a new optional property, a new enum value, and
 * annotations (title, description, examples ...). Anything else is a new event type ({@code .v2}).
 *
 * <p>Each file is compared on its own: a {@code $ref} must keep pointing at the same schema, and
 * that schema's file is compared with its released version. Keywords this class does not know
 * must not change at all, so the check fails closed. Plain Java: JSON in, a list of breaks out.
 */
public final class Compatibility {

    /** One breaking change: where (file and JSON pointer) and what changed, for a person to read. */
    public record Break(String where, String what) {
        @Override
        public String toString() {
            return where + ": " + what;
        }
    }

    /** Keywords that only inform people; changing them breaks nobody. */
    private static final Set<String> ANNOTATIONS =
            Set.of("title", "description", "$comment", "examples", "default", "deprecated", "readOnly", "writeOnly");

    private static final List<String> LOWER_BOUNDS =
            List.of("minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties");
    private static final List<String> UPPER_BOUNDS =
            List.of("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties");

    /** Keywords compared with their own rule below; every other non-annotation must stay equal. */
    private static final Set<String> COMPARED;

    static {
        Set<String> compared = new TreeSet<>(Set.of(
                "type",
                "properties",
                "required",
                "enum",
                "const",
                "pattern",
                "format",
                "additionalProperties",
                "items",
                "$ref",
                "$defs"));
        compared.addAll(LOWER_BOUNDS);
        compared.addAll(UPPER_BOUNDS);
        COMPARED = Set.copyOf(compared);
    }

    private static final String OLD_EVENTS = "events already published may not fit";
    private static final String OLD_READERS = "readers built on the released schema may get values they do not expect";
    private static final String BOTH =
            "neither events already published nor readers built on the released schema are safe";

    private final String file;
    private final List<Break> breaks = new ArrayList<>();

    private Compatibility(String file) {
        this.file = file;
    }

    /** The breaks between one released schema document and its current version. */
    public static List<Break> compare(String file, JsonNode released, JsonNode current) {
        Compatibility comparison = new Compatibility(file);
        comparison.schema("", released, current);
        return List.copyOf(comparison.breaks);
    }

    /**
     * The breaks between every {@code *.schema.json} below {@code releasedRoot} and the file at the
     * same path below {@code currentRoot}. A released file that is gone is a break; a new file is not.
     */
    public static List<Break> compareTrees(Path releasedRoot, Path currentRoot) {
        List<Break> breaks = new ArrayList<>();
        for (String file : SchemaFiles.list(releasedRoot)) {
            Path current = currentRoot.resolve(file);
            if (!Files.isRegularFile(current)) {
                breaks.add(new Break(file, "schema removed; events of its type may still be retained and read"));
                continue;
            }
            breaks.addAll(compare(file, SchemaFiles.read(releasedRoot.resolve(file)), SchemaFiles.read(current)));
        }
        return breaks;
    }

    private void schema(String at, JsonNode released, JsonNode current) {
        if (released.equals(current)) {
            return;
        }
        if (!released.isObject() || !current.isObject()) {
            report(at, "schema changed from " + released + " to " + current);
            return;
        }
        type(at, released, current);
        properties(at, released, current);
        required(at, released, current);
        enumValues(at, released, current);
        for (String keyword : List.of("const", "pattern", "format")) {
            mustStayEqual(at, keyword, released, current);
        }
        for (String keyword : LOWER_BOUNDS) {
            bound(at, keyword, true, released, current);
        }
        for (String keyword : UPPER_BOUNDS) {
            bound(at, keyword, false, released, current);
        }
        additionalProperties(at, released, current);
        subschema(at, "items", released, current);
        ref(at, released, current);
        definitions(at, released, current);
        unknownKeywords(at, released, current);
    }

    private void type(String at, JsonNode released, JsonNode current) {
        if (released.path("type").equals(current.path("type"))) {
            return;
        }
        if (!current.has("type")) {
            report(at, "type " + released.get("type") + " dropped; " + OLD_READERS);
            return;
        }
        if (!released.has("type")) {
            report(at, "type " + current.get("type") + " added; " + OLD_EVENTS);
            return;
        }
        Set<String> before = types(released.get("type"));
        Set<String> after = types(current.get("type"));
        boolean narrowed = before.stream().anyMatch(type -> !accepts(after, type));
        boolean widened = after.stream().anyMatch(type -> !accepts(before, type));
        String change = "type " + released.get("type") + " -> " + current.get("type");
        if (narrowed) {
            report(at, change + " narrows the type; " + OLD_EVENTS);
        }
        if (widened) {
            report(at, change + " widens the type; " + OLD_READERS);
        }
    }

    private void properties(String at, JsonNode released, JsonNode current) {
        for (Map.Entry<String, JsonNode> property : released.path("properties").properties()) {
            String name = property.getKey();
            String there = SchemaWalker.child(at + "/properties", name);
            JsonNode now = current.path("properties").get(name);
            if (now == null) {
                report(there, "property removed; events already published carry it and readers expect it");
            } else {
                schema(there, property.getValue(), now);
            }
        }
    }

    private void required(String at, JsonNode released, JsonNode current) {
        Set<String> before = strings(released.path("required"));
        Set<String> after = strings(current.path("required"));
        for (String name : after) {
            if (!before.contains(name)) {
                report(at + "/required", "\"" + name + "\" became required; events already published may lack it");
            }
        }
        for (String name : before) {
            if (!after.contains(name) && current.path("properties").has(name)) {
                report(at + "/required", "\"" + name + "\" is no longer required; readers count on it");
            }
        }
    }

    private void enumValues(String at, JsonNode released, JsonNode current) {
        if (!released.has("enum") && current.has("enum")) {
            report(at + "/enum", "enum added; " + OLD_EVENTS);
            return;
        }
        if (released.has("enum") && !current.has("enum")) {
            report(at + "/enum", "enum dropped; " + OLD_READERS);
            return;
        }
        Set<JsonNode> after = new LinkedHashSet<>();
        current.path("enum").forEach(after::add);
        for (JsonNode value : released.path("enum")) {
            if (!after.contains(value)) {
                report(at + "/enum", "value " + value + " removed; events already published may carry it");
            }
        }
    }

    /** A lower bound may not be raised nor an upper one lowered (old events), nor either relaxed (old readers). */
    private void bound(String at, String keyword, boolean lower, JsonNode released, JsonNode current) {
        JsonNode before = released.get(keyword);
        JsonNode after = current.get(keyword);
        if (before == null || after == null || !before.isNumber() || !after.isNumber()) {
            mustStayEqual(at, keyword, released, current);
            return;
        }
        int direction = after.decimalValue().compareTo(before.decimalValue());
        if (direction == 0) {
            return;
        }
        String moved = (direction > 0 ? " raised" : " lowered") + " from " + before + " to " + after + "; ";
        boolean tightened = lower == direction > 0;
        report(at + "/" + keyword, keyword + moved + (tightened ? OLD_EVENTS : OLD_READERS));
    }

    private void additionalProperties(String at, JsonNode released, JsonNode current) {
        JsonNode before = released.get("additionalProperties");
        JsonNode after = current.get("additionalProperties");
        if (before != null && after != null && before.isObject() && after.isObject()) {
            schema(at + "/additionalProperties", before, after);
            return;
        }
        String was = before == null ? "absent (any)" : before.toString();
        String is = after == null ? "absent (any)" : after.toString();
        if (!was.equals(is)) {
            boolean closing = before == null || before.equals(BooleanNode.TRUE);
            report(
                    at + "/additionalProperties",
                    "changed from " + was + " to " + is + "; " + (closing ? OLD_EVENTS : OLD_READERS));
        }
    }

    private void subschema(String at, String keyword, JsonNode released, JsonNode current) {
        JsonNode before = released.get(keyword);
        JsonNode after = current.get(keyword);
        if (before != null && after != null) {
            schema(at + "/" + keyword, before, after);
        } else if (before != null || after != null) {
            mustStayEqual(at, keyword, released, current);
        }
    }

    private void ref(String at, JsonNode released, JsonNode current) {
        JsonNode before = released.get("$ref");
        JsonNode after = current.get("$ref");
        if (before == null && after == null || before != null && before.equals(after)) {
            return;
        }
        if (before == null) {
            report(at + "/$ref", "now refers to " + after + "; " + OLD_EVENTS);
        } else if (after == null) {
            report(at + "/$ref", "no longer refers to " + before + "; " + OLD_READERS);
        } else {
            report(at + "/$ref", "refers to " + after + " instead of " + before + "; a different schema is a new type");
        }
    }

    private void definitions(String at, JsonNode released, JsonNode current) {
        for (Map.Entry<String, JsonNode> def : released.path("$defs").properties()) {
            JsonNode now = current.path("$defs").get(def.getKey());
            // A definition that is gone was either unused or its $refs changed, which ref() reports.
            if (now != null) {
                schema(SchemaWalker.child(at + "/$defs", def.getKey()), def.getValue(), now);
            }
        }
    }

    private void unknownKeywords(String at, JsonNode released, JsonNode current) {
        Set<String> keywords = new TreeSet<>();
        released.properties().forEach(keyword -> keywords.add(keyword.getKey()));
        current.properties().forEach(keyword -> keywords.add(keyword.getKey()));
        for (String keyword : keywords) {
            if (!COMPARED.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
                mustStayEqual(at, keyword, released, current);
            }
        }
    }

    private void mustStayEqual(String at, String keyword, JsonNode released, JsonNode current) {
        JsonNode before = released.get(keyword);
        JsonNode after = current.get(keyword);
        if (before == null && after == null || before != null && before.equals(after)) {
            return;
        }
        String there = SchemaWalker.child(at, keyword);
        if (before == null) {
            report(there, keyword + " " + after + " added; " + OLD_EVENTS);
        } else if (after == null) {
            report(there, keyword + " " + before + " dropped; " + OLD_READERS);
        } else {
            report(there, keyword + " changed from " + before + " to " + after + "; " + BOTH);
        }
    }

    private void report(String at, String what) {
        breaks.add(new Break(file + "#" + at, what));
    }

    private static Set<String> types(JsonNode type) {
        Set<String> types = new TreeSet<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    /** Whether a value of {@code type} fits a schema of {@code types}: integers are numbers. */
    private static boolean accepts(Set<String> types, String type) {
        return types.contains(type) || type.equals("integer") && types.contains("number");
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> strings = new TreeSet<>();
        array.forEach(value -> strings.add(value.asText()));
        return strings;
    }
}
