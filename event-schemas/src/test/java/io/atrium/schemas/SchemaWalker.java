package io.atrium.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Visits every subschema of a JSON Schema 2020-12 document, with its JSON pointer, through the
 * keywords that hold subschemas. It does not follow {@code $ref}s: each file is walked on its own.
 */
final class SchemaWalker {

    /** Keywords whose value is one subschema. */
    static final Set<String> SINGLE = Set.of(
            "additionalProperties",
            "items",
            "contains",
            "propertyNames",
            "not",
            "if",
            "then",
            "else",
            "unevaluatedItems",
            "unevaluatedProperties",
            "contentSchema");

    /** Keywords whose value is an array of subschemas. */
    static final Set<String> ARRAYS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");

    /** Keywords whose value maps names to subschemas. */
    static final Set<String> MAPS = Set.of("properties", "patternProperties", "$defs", "dependentSchemas");

    /** What to do with each subschema found. */
    interface Visitor {
        void visit(String pointer, JsonNode schema);
    }

    private SchemaWalker() {}

    /** Calls the visitor on the document itself, then on every subschema below it. */
    static void walk(JsonNode schema, Visitor visitor) {
        walk("", schema, visitor);
    }

    /** Every {@code $ref} value in the document, in document order. */
    static List<String> refs(JsonNode schema) {
        List<String> refs = new ArrayList<>();
        walk(schema, (pointer, node) -> {
            if (node.path("$ref").isTextual()) {
                refs.add(node.get("$ref").asText());
            }
        });
        return refs;
    }

    /** A JSON pointer one step below {@code pointer} (RFC 6901 escaping). */
    static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    private static void walk(String pointer, JsonNode schema, Visitor visitor) {
        visitor.visit(pointer, schema);
        if (!schema.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            String name = keyword.getKey();
            JsonNode value = keyword.getValue();
            String at = child(pointer, name);
            if (SINGLE.contains(name)) {
                walk(at, value, visitor);
            } else if (ARRAYS.contains(name) && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    walk(at + "/" + i, value.get(i), visitor);
                }
            } else if (MAPS.contains(name) && value.isObject()) {
                for (Map.Entry<String, JsonNode> entry : value.properties()) {
                    walk(child(at, entry.getKey()), entry.getValue(), visitor);
                }
            }
        }
    }
}
