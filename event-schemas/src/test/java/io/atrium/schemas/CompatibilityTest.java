package io.atrium.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@link Compatibility} lets through and what it reports, on tiny schemas. */
class CompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A released and a current version of {@code x.schema.json}, and the breaks expected between them. */
    record Case(String name, String released, String current, List<String> breaks) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String OLD_EVENTS = "events already published may not fit";
    private static final String OLD_READERS = "readers built on the released schema may get values they do not expect";

    static Stream<Case> cases() {
        return Stream.of(
                new Case(
                        "identical schemas are compatible",
                        "{'type': 'object', 'properties': {'a': {'type': 'string'}}}",
                        "{'type': 'object', 'properties': {'a': {'type': 'string'}}}",
                        List.of()),
                new Case(
                        "adding an optional property is compatible",
                        "{'type': 'object', 'properties': {'a': {'type': 'string'}}, 'additionalProperties': false}",
                        "{'type': 'object', 'properties': {'a': {'type': 'string'}, 'b': {'type': 'integer'}},"
                                + " 'additionalProperties': false}",
                        List.of()),
                new Case(
                        "rewording descriptions and titles is compatible",
                        "{'title': 'A', 'description': 'old', 'properties': {'a': {'description': 'old'}}}",
                        "{'title': 'B', 'description': 'new', 'properties': {'a': {'description': 'new',"
                                + " 'examples': ['x']}}}",
                        List.of()),
                new Case(
                        "adding an enum value is compatible",
                        "{'enum': ['A', 'B']}",
                        "{'enum': ['A', 'B', 'C']}",
                        List.of()),
                new Case(
                        "removing a property breaks consumers",
                        "{'properties': {'a': {'type': 'string'}, 'b': {'type': 'string'}}}",
                        "{'properties': {'a': {'type': 'string'}}}",
                        List.of("x.schema.json#/properties/b: property removed;"
                                + " events already published carry it and readers expect it")),
                new Case(
                        "removing a nested property breaks consumers",
                        "{'properties': {'a': {'properties': {'b': {'type': 'string'}}}}}",
                        "{'properties': {'a': {'properties': {}}}}",
                        List.of("x.schema.json#/properties/a/properties/b: property removed;"
                                + " events already published carry it and readers expect it")),
                new Case(
                        "narrowing number to integer breaks old events",
                        "{'properties': {'a': {'type': 'number'}}}",
                        "{'properties': {'a': {'type': 'integer'}}}",
                        List.of("x.schema.json#/properties/a: type \"number\" -> \"integer\" narrows the type; "
                                + OLD_EVENTS)),
                new Case(
                        "dropping null from a type breaks old events",
                        "{'properties': {'a': {'type': ['string', 'null']}}}",
                        "{'properties': {'a': {'type': 'string'}}}",
                        List.of(
                                "x.schema.json#/properties/a: type [\"string\",\"null\"] -> \"string\" narrows the type; "
                                        + OLD_EVENTS)),
                new Case(
                        "widening integer to number breaks old readers",
                        "{'properties': {'a': {'type': 'integer'}}}",
                        "{'properties': {'a': {'type': 'number'}}}",
                        List.of("x.schema.json#/properties/a: type \"integer\" -> \"number\" widens the type; "
                                + OLD_READERS)),
                new Case(
                        "making a property required breaks old events",
                        "{'properties': {'a': {'type': 'string'}}}",
                        "{'properties': {'a': {'type': 'string'}}, 'required': ['a']}",
                        List.of(
                                "x.schema.json#/required: \"a\" became required; events already published may lack it")),
                new Case(
                        "adding a required property breaks old events",
                        "{'properties': {'a': {'type': 'string'}}, 'required': ['a']}",
                        "{'properties': {'a': {'type': 'string'}, 'b': {'type': 'string'}}, 'required': ['a', 'b']}",
                        List.of(
                                "x.schema.json#/required: \"b\" became required; events already published may lack it")),
                new Case(
                        "making a required property optional breaks old readers",
                        "{'properties': {'a': {'type': 'string'}}, 'required': ['a']}",
                        "{'properties': {'a': {'type': 'string'}}}",
                        List.of("x.schema.json#/required: \"a\" is no longer required; readers count on it")),
                new Case(
                        "removing an enum value breaks old events",
                        "{'enum': ['A', 'B']}",
                        "{'enum': ['A']}",
                        List.of("x.schema.json#/enum: value \"B\" removed; events already published may carry it")),
                new Case(
                        "raising minLength breaks old events",
                        "{'type': 'string', 'minLength': 0}",
                        "{'type': 'string', 'minLength': 1}",
                        List.of("x.schema.json#/minLength: minLength raised from 0 to 1; " + OLD_EVENTS)),
                new Case(
                        "lowering maxLength breaks old events",
                        "{'type': 'string', 'maxLength': 255}",
                        "{'type': 'string', 'maxLength': 64}",
                        List.of("x.schema.json#/maxLength: maxLength lowered from 255 to 64; " + OLD_EVENTS)),
                new Case(
                        "raising minimum breaks old events",
                        "{'type': 'number', 'minimum': 0}",
                        "{'type': 'number', 'minimum': 0.5}",
                        List.of("x.schema.json#/minimum: minimum raised from 0 to 0.5; " + OLD_EVENTS)),
                new Case(
                        "lowering maximum breaks old events",
                        "{'type': 'integer', 'maximum': 100}",
                        "{'type': 'integer', 'maximum': 10}",
                        List.of("x.schema.json#/maximum: maximum lowered from 100 to 10; " + OLD_EVENTS)),
                new Case(
                        "adding a bound breaks old events",
                        "{'type': 'string'}",
                        "{'type': 'string', 'maxLength': 255}",
                        List.of("x.schema.json#/maxLength: maxLength 255 added; " + OLD_EVENTS)),
                new Case(
                        "raising maxLength breaks old readers",
                        "{'type': 'string', 'maxLength': 64}",
                        "{'type': 'string', 'maxLength': 255}",
                        List.of("x.schema.json#/maxLength: maxLength raised from 64 to 255; " + OLD_READERS)),
                new Case(
                        "adding a pattern breaks old events",
                        "{'type': 'string'}",
                        "{'type': 'string', 'pattern': '^[a-z]+$'}",
                        List.of("x.schema.json#/pattern: pattern \"^[a-z]+$\" added; " + OLD_EVENTS)),
                new Case(
                        "adding a const breaks old events",
                        "{'type': 'string'}",
                        "{'type': 'string', 'const': '1.0'}",
                        List.of("x.schema.json#/const: const \"1.0\" added; " + OLD_EVENTS)),
                new Case(
                        "closing an object that allowed any property breaks old events",
                        "{'properties': {'a': {'type': 'string'}}}",
                        "{'properties': {'a': {'type': 'string'}}, 'additionalProperties': false}",
                        List.of("x.schema.json#/additionalProperties: changed from absent (any) to false; "
                                + OLD_EVENTS)),
                new Case(
                        "turning additionalProperties from true to false breaks old events",
                        "{'additionalProperties': true}",
                        "{'additionalProperties': false}",
                        List.of("x.schema.json#/additionalProperties: changed from true to false; " + OLD_EVENTS)),
                new Case(
                        "changing a map's value type breaks consumers",
                        "{'type': 'object', 'additionalProperties': {'type': 'string'}}",
                        "{'type': 'object', 'additionalProperties': {'type': 'boolean'}}",
                        List.of(
                                "x.schema.json#/additionalProperties: type \"string\" -> \"boolean\" narrows the type; "
                                        + OLD_EVENTS,
                                "x.schema.json#/additionalProperties: type \"string\" -> \"boolean\" widens the type; "
                                        + OLD_READERS)),
                new Case(
                        "narrowing an array's items breaks old events",
                        "{'type': 'array', 'items': {'type': 'string', 'maxLength': 10}}",
                        "{'type': 'array', 'items': {'type': 'string', 'maxLength': 5}}",
                        List.of("x.schema.json#/items/maxLength: maxLength lowered from 10 to 5; " + OLD_EVENTS)),
                new Case(
                        "pointing a property at another schema breaks consumers",
                        "{'properties': {'a': {'$ref': 'actor.schema.json'}}}",
                        "{'properties': {'a': {'$ref': 'agent-summary.schema.json'}}}",
                        List.of("x.schema.json#/properties/a/$ref: refers to \"agent-summary.schema.json\" instead of"
                                + " \"actor.schema.json\"; a different schema is a new type")),
                new Case(
                        "tightening a definition breaks old events",
                        "{'$defs': {'D': {'type': 'integer', 'minimum': 0}}}",
                        "{'$defs': {'D': {'type': 'integer', 'minimum': 1}}}",
                        List.of("x.schema.json#/$defs/D/minimum: minimum raised from 0 to 1; " + OLD_EVENTS)),
                new Case(
                        "changing a keyword the check does not compare is reported",
                        "{'type': 'number', 'multipleOf': 1}",
                        "{'type': 'number', 'multipleOf': 0.5}",
                        List.of("x.schema.json#/multipleOf: multipleOf changed from 1 to 0.5; neither events already"
                                + " published nor readers built on the released schema are safe")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void comparesAReleasedSchemaWithItsCurrentVersion(Case c) {
        List<String> breaks = Compatibility.compare("x.schema.json", json(c.released()), json(c.current())).stream()
                .map(Compatibility.Break::toString)
                .toList();

        assertThat(breaks).as(c.name()).containsExactlyElementsOf(c.breaks());
    }

    @Test
    void removingASchemaFileBreaksConsumers(@TempDir Path dir) throws IOException {
        write(dir.resolve("released/events/a-b.schema.json"), "{'type': 'object'}");
        write(dir.resolve("current/events/c-d.schema.json"), "{'type': 'object'}");

        assertThat(Compatibility.compareTrees(dir.resolve("released"), dir.resolve("current")))
                .extracting(Compatibility.Break::toString)
                .containsExactly(
                        "events/a-b.schema.json: schema removed; events of its type may still be retained and read");
    }

    @Test
    void aReferencedSchemaIsComparedInItsOwnFile(@TempDir Path dir) throws IOException {
        String event = "{'properties': {'agent': {'$ref': 'part.schema.json'}}}";
        write(dir.resolve("released/events/agent-gone.schema.json"), event);
        write(dir.resolve("current/events/agent-gone.schema.json"), event);
        write(dir.resolve("released/events/part.schema.json"), "{'properties': {'id': {'type': 'string'}}}");
        write(dir.resolve("current/events/part.schema.json"), "{'properties': {}}");

        assertThat(Compatibility.compareTrees(dir.resolve("released"), dir.resolve("current")))
                .extracting(Compatibility.Break::toString)
                .containsExactly("events/part.schema.json#/properties/id: property removed;"
                        + " events already published carry it and readers expect it");
    }

    private static JsonNode json(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    private static void write(Path file, String singleQuoted) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, singleQuoted.replace('\'', '"'));
    }
}
