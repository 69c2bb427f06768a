package io.atrium.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every schema under {@code schemas/} is valid JSON Schema 2020-12 whose references resolve, and
 * follows the house rules: each property says what it means, objects with fixed properties admit
 * no others, and no keyword is misspelt (a misspelt keyword is silently ignored by validators).
 */
class SchemaRulesTest {

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix(SchemaFiles.ID_BASE, "classpath:schemas/")));

    /** The keywords of the 2020-12 vocabularies (core, applicator, unevaluated, validation, meta-data, format, content). */
    private static final Set<String> KEYWORDS = Set.of(
            "$schema",
            "$id",
            "$ref",
            "$anchor",
            "$dynamicRef",
            "$dynamicAnchor",
            "$vocabulary",
            "$comment",
            "$defs",
            "allOf",
            "anyOf",
            "oneOf",
            "not",
            "if",
            "then",
            "else",
            "dependentSchemas",
            "prefixItems",
            "items",
            "contains",
            "properties",
            "patternProperties",
            "additionalProperties",
            "propertyNames",
            "unevaluatedItems",
            "unevaluatedProperties",
            "type",
            "enum",
            "const",
            "multipleOf",
            "maximum",
            "exclusiveMaximum",
            "minimum",
            "exclusiveMinimum",
            "maxLength",
            "minLength",
            "pattern",
            "maxItems",
            "minItems",
            "uniqueItems",
            "maxContains",
            "minContains",
            "maxProperties",
            "minProperties",
            "required",
            "dependentRequired",
            "title",
            "description",
            "default",
            "deprecated",
            "readOnly",
            "writeOnly",
            "examples",
            "format",
            "contentEncoding",
            "contentMediaType",
            "contentSchema");

    /** jsonschema2pojo's hints for the generated Java types; validators ignore them. */
    private static final Set<String> CODEGEN_KEYWORDS = Set.of("javaType", "existingJavaType");

    static Stream<String> schemas() {
        return SchemaFiles.current().stream();
    }

    @Test
    void thereAreSchemasToCheck() {
        assertThat(SchemaFiles.current()).contains("cloudevent.schema.json", "events/task-state-changed.schema.json");
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void isValidAgainstTheDraft202012MetaSchema(String file) {
        JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of(DRAFT_2020_12));

        Set<ValidationMessage> errors = metaSchema.validate(SchemaFiles.readCurrent(file));

        assertThat(errors).as(file).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void declaresDraft202012AndAnIdMatchingItsLocation(String file) {
        JsonNode schema = SchemaFiles.readCurrent(file);

        assertThat(schema.path("$schema").asText()).as(file + " $schema").isEqualTo(DRAFT_2020_12);
        assertThat(schema.path("$id").asText()).as(file + " $id").isEqualTo(SchemaFiles.ID_BASE + file);
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void loadsWithEveryReferenceResolved(String file) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(SchemaFiles.ID_BASE + file));

        // Builds every validator now, which loads each $ref target; a missing one throws.
        schema.initializeValidators();

        assertThat(schema.getSchemaNode()).isEqualTo(SchemaFiles.readCurrent(file));
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void titlesAndDescribesItselfAndEachDefinition(String file) {
        List<String> missing = new ArrayList<>();
        JsonNode schema = SchemaFiles.readCurrent(file);
        requireText(schema, "", "title", missing);
        requireText(schema, "", "description", missing);
        for (Map.Entry<String, JsonNode> def : schema.path("$defs").properties()) {
            String at = SchemaWalker.child("/$defs", def.getKey());
            requireText(def.getValue(), at, "title", missing);
            requireText(def.getValue(), at, "description", missing);
        }

        assertThat(missing)
                .as(file + ": the generated classes take their names and Javadoc from these")
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void describesEveryProperty(String file) {
        List<String> undescribed = new ArrayList<>();
        SchemaWalker.walk(SchemaFiles.readCurrent(file), (pointer, node) -> {
            for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
                requireText(
                        property.getValue(),
                        SchemaWalker.child(pointer + "/properties", property.getKey()),
                        "description",
                        undescribed);
            }
        });

        assertThat(undescribed).as(file + ": every property says what it means").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void objectsWithFixedPropertiesAdmitNoOthers(String file) {
        List<String> open = new ArrayList<>();
        SchemaWalker.walk(SchemaFiles.readCurrent(file), (pointer, node) -> {
            boolean closed = node.path("additionalProperties").isBoolean()
                    && !node.get("additionalProperties").asBoolean();
            if (node.has("properties") && !closed) {
                open.add((pointer.isEmpty() ? "/" : pointer) + " needs \"additionalProperties\": false");
            }
        });

        assertThat(open).as(file).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void usesOnlyKnownKeywords(String file) {
        List<String> unknown = new ArrayList<>();
        SchemaWalker.walk(SchemaFiles.readCurrent(file), (pointer, node) -> {
            for (Map.Entry<String, JsonNode> keyword : node.properties()) {
                String name = keyword.getKey();
                if (!KEYWORDS.contains(name) && !CODEGEN_KEYWORDS.contains(name)) {
                    unknown.add(SchemaWalker.child(pointer, name));
                }
            }
        });

        assertThat(unknown)
                .as(file + ": not a JSON Schema 2020-12 keyword (misspelt?) nor a jsonschema2pojo one")
                .isEmpty();
    }

    private static void requireText(JsonNode schema, String pointer, String keyword, List<String> missing) {
        if (schema.path(keyword).asText().isBlank()) {
            missing.add((pointer.isEmpty() ? "/" : pointer) + " has no " + keyword);
        }
    }
}
