package dev.brook.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brook.core.accumulate.MessageStreamDecoder;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartialJsonTest {
    private static final JsonNodeFactory F = Json.nodes();

    static JsonNode json(String s) throws IOException {
        return Json.mapper().readTree(s);
    }

    /** The tool-use fixture's input JSON: its input_json_delta fragments, joined. */
    static String toolUseInput() throws IOException {
        String dir = System.getProperty("brook.conformance.dir");
        assertThat(dir).as("system property brook.conformance.dir").isNotBlank();
        byte[] bytes = Files.readAllBytes(Path.of(dir, "fixtures", "tool-use.sse"));
        StringBuilder joined = new StringBuilder();
        MessageStreamDecoder d = new MessageStreamDecoder(e -> {
            if (e instanceof ContentBlockDeltaEvent c && c.delta() instanceof Delta.InputJsonDelta j) {
                joined.append(j.partialJson());
            }
        });
        d.feed(bytes, 0, bytes.length);
        d.end();
        return joined.toString();
    }

    static void everyPrefixGivesAValueAndTheWholeGivesTheParse(String doc) throws IOException {
        for (int i = 0; i <= doc.length(); i++) {
            JsonNode v = PartialJson.parse(doc.substring(0, i));
            assertThat(v).as("prefix of length %d: %s", i, doc.substring(0, i)).isNotNull();
        }
        assertThat(PartialJson.parse(doc)).isEqualTo(json(doc));
    }

    @Test
    void everyPrefixOfTheToolUseFixtureInputGivesAValue() throws IOException {
        String input = toolUseInput();
        assertThat(input).startsWith("{\"location\"").endsWith("}}");
        everyPrefixGivesAValueAndTheWholeGivesTheParse(input);
        for (int i = 1; i <= input.length(); i++) {
            assertThat(PartialJson.parse(input.substring(0, i)).isObject()).as("prefix %d is an object", i).isTrue();
        }
    }

    @Test
    void toolUseFixturePrefixesFollowTheRules() throws IOException {
        String input = toolUseInput();
        assertThat(PartialJson.parse(upTo(input, "San Fra"))).isEqualTo(json("{\"location\": \"San Fra\"}"));
        assertThat(PartialJson.parse(upTo(input, "\"unit\""))).isEqualTo(json("{\"location\": \"San Francisco, CA\"}"));
        assertThat(PartialJson.parse(upTo(input, "[1, 2")).get("days")).isEqualTo(json("[1]"));
        assertThat(PartialJson.parse(upTo(input, "\"wind\": tr")).get("detail")).isEqualTo(json("{}"));
        assertThat(PartialJson.parse(upTo(input, "\"wind\": true")).get("detail")).isEqualTo(json("{\"wind\": true}"));
        assertThat(PartialJson.parse(upTo(input, "café \\u26")).at("/detail/note").textValue()).isEqualTo("café ");
        assertThat(PartialJson.parse(upTo(input, "café \\")).at("/detail/note").textValue()).isEqualTo("café ");
    }

    private static String upTo(String s, String marker) {
        int i = s.indexOf(marker);
        assertThat(i).as("marker " + marker).isNotNegative();
        return s.substring(0, i + marker.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[[1, [2, [3, []]]], {\"a\": [[], {}, [{\"b\": [null]}]]}]",
        "{\"s\": \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00 end\", \"k\\u0041\": \"\\u2603\"}",
        "{\"n\": [0, -1, 1.5, -2.5e10, 1E-3, 12345678901234567890, 3.000, -0]}",
        "[true, false, null, {\"t\": true, \"f\": false, \"n\": null}]",
        "  {\n  \"pretty\" : [ 1 ,\n 2 ] ,\t\"x\" : { }  }  ",
        "\"top-level string with \\\"escapes\\\"\"",
        "12345",
        "-12.5e3",
        "null",
        "[]",
        "{}"
    })
    void everyPrefixOfHarderDocumentsGivesAValue(String doc) throws IOException {
        everyPrefixGivesAValueAndTheWholeGivesTheParse(doc);
    }

    @Test
    void unfinishedNumbersAndLiteralsAreDroppedWithTheirKey() throws IOException {
        assertThat(PartialJson.parse("{\"a\": 1, \"b\": 12")).isEqualTo(json("{\"a\": 1}"));
        assertThat(PartialJson.parse("{\"a\": 1, \"b\": nu")).isEqualTo(json("{\"a\": 1}"));
        assertThat(PartialJson.parse("{\"a\": 1, \"b\": null")).isEqualTo(json("{\"a\": 1, \"b\": null}"));
        assertThat(PartialJson.parse("{\"a\": 1, \"b\": ")).isEqualTo(json("{\"a\": 1}"));
        assertThat(PartialJson.parse("{\"a\": 1, \"b")).isEqualTo(json("{\"a\": 1}"));
        assertThat(PartialJson.parse("[1.5, -")).isEqualTo(json("[1.5]"));
    }

    @Test
    void unfinishedStringsKeepTheirPrefixWithoutAnUnfinishedEscape() throws IOException {
        assertThat(PartialJson.parse("{\"a\": \"x\\n")).isEqualTo(json("{\"a\": \"x\\n\"}"));
        assertThat(PartialJson.parse("{\"a\": \"x\\")).isEqualTo(json("{\"a\": \"x\"}"));
        assertThat(PartialJson.parse("{\"a\": \"x\\u00")).isEqualTo(json("{\"a\": \"x\"}"));
        assertThat(PartialJson.parse("[\"a\", \"b")).isEqualTo(json("[\"a\", \"b\"]"));
        assertThat(PartialJson.parse("\"ab")).isEqualTo(json("\"ab\""));
    }

    @Test
    void noValueYetIsMissingNode() {
        assertThat(PartialJson.parse("").isMissingNode()).isTrue();
        assertThat(PartialJson.parse("   ").isMissingNode()).isTrue();
        assertThat(PartialJson.parse("tr").isMissingNode()).isTrue();
    }

    @Test
    void invalidTextIsReadUpToItsFirstErrorWithoutThrowing() throws IOException {
        assertThat(PartialJson.parse("{\"a\": 1, \"b\": }")).isEqualTo(json("{\"a\": 1}"));
        assertThat(PartialJson.parse("[1, 2] trailing")).isEqualTo(json("[1, 2]"));
        assertThat(PartialJson.parse("}{").isMissingNode()).isTrue();
    }

    // Random data only: the generators' edge-case combinations outnumber the tries, and jqwik would then
    // run nothing but edge cases.
    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void anyCutOfAnyJsonValueGivesAValueAndTheWholeGivesTheParse(
            @ForAll("values") JsonNode value, @ForAll boolean pretty, @ForAll("fractions") double cut)
            throws IOException {
        String text = pretty ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value)
                : Json.mapper().writeValueAsString(value);
        int at = (int) Math.floor(cut * text.length());
        JsonNode partial = PartialJson.parse(text.substring(0, at));
        assertThat(partial).isNotNull();
        if (value.isContainerNode() && at > 0) {
            assertThat(partial.getNodeType()).as("cut %d of %s", at, text).isEqualTo(value.getNodeType());
        }
        assertThat(PartialJson.parse(text)).isEqualTo(json(text));
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<JsonNode> values() {
        return value(3);
    }

    private static Arbitrary<JsonNode> value(int depth) {
        Arbitrary<String> strings = Arbitraries.strings().withCharRange(' ', '~')
                .withChars('\n', '\t', '\u0001', 'é', '☃', '"', '\\').ofMaxLength(8);
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                strings.map(F::textNode),
                Arbitraries.longs().map(F::numberNode),
                Arbitraries.doubles().between(-1e6, 1e6).ofScale(3).map(d -> F.numberNode(d)),
                Arbitraries.of(true, false).map(F::booleanNode),
                Arbitraries.just(F.nullNode()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> inner = value(depth - 1);
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(4).map(PartialJsonTest::array);
        Arbitrary<JsonNode> object = Combinators.combine(strings.list().ofMaxSize(4), inner.list().ofSize(4))
                .as(PartialJsonTest::object);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(2, array), net.jqwik.api.Tuple.of(2, object));
    }

    private static JsonNode array(List<JsonNode> items) {
        ArrayNode a = F.arrayNode();
        a.addAll(items);
        return a;
    }

    private static JsonNode object(List<String> keys, List<JsonNode> values) {
        ObjectNode o = F.objectNode();
        for (int i = 0; i < keys.size(); i++) {
            o.set(keys.get(i), values.get(i));
        }
        return o;
    }
}
