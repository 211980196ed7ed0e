package dev.brook.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link Json#readTree}, which reads without an {@code ObjectMapper}, against the mapper's own
 * {@code readTree} configured as Brook's trees are: on generated JSON (nested objects and arrays, every
 * kind of number with its scale, escapes, duplicate keys, whitespace) and on broken variants of it
 * (truncated, a byte replaced), both give the same tree, node types and decimal scales included, or both
 * refuse the text.
 */
class JsonTreeReaderPropertyTest {

    @Property(tries = 2000)
    void readsWhatTheMapperReads(@ForAll("documents") String json, @ForAll("breakage") int breakAt) throws IOException {
        String text = breakAt < 0 ? json : broken(json, breakAt);
        JsonNode expected;
        try (JsonParser p = Json.FACTORY.createParser(text)) {
            // The mapper has no value for text without one (empty, only whitespace); Json.readTree says so
            // with a missing node.
            JsonNode read = Json.mapper().readTree(p);
            expected = read == null ? Json.nodes().missingNode() : read;
        } catch (IOException | NumberFormatException mapperRefused) {
            expected = null;
        }
        JsonNode actual;
        try (JsonParser p = Json.FACTORY.createParser(text)) {
            actual = Json.readTree(p);
        } catch (IOException refused) {
            actual = null;
        }
        Statistics.label("outcome").collect(expected == null ? "both refuse" : "both read");
        if (expected == null) {
            assertThat(actual).as("tree read from text the mapper refuses: %s", text).isNull();
            return;
        }
        assertThat(actual).as("tree of %s", text).isNotNull();
        assertSameTree(actual, expected, text);
    }

    /** Equal values with the same node class at every level (an IntNode is not a LongNode) and the same text. */
    private static void assertSameTree(JsonNode actual, JsonNode expected, String text) {
        assertThat(actual.getClass()).as("node type in %s", text).isEqualTo(expected.getClass());
        assertThat(actual).as("value in %s", text).isEqualTo(expected);
        assertThat(actual.toString()).as("written form of %s", text).isEqualTo(expected.toString());
        if (expected.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> a = actual.fields();
            Iterator<Map.Entry<String, JsonNode>> e = expected.fields();
            while (e.hasNext()) {
                Map.Entry<String, JsonNode> ae = a.next();
                Map.Entry<String, JsonNode> ee = e.next();
                assertThat(ae.getKey()).isEqualTo(ee.getKey());
                assertSameTree(ae.getValue(), ee.getValue(), text);
            }
        } else if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                assertSameTree(actual.get(i), expected.get(i), text);
            }
        } else if (expected.isBigDecimal()) {
            assertThat(actual.decimalValue().scale()).as("scale in %s", text).isEqualTo(expected.decimalValue().scale());
        }
    }

    /** Truncated at {@code at} (mod length), or with the byte there replaced by a structural character. */
    private static String broken(String json, int at) {
        int i = Math.floorMod(at, Math.max(1, json.length()));
        if (at % 2 == 0) {
            return json.substring(0, i);
        }
        char replacement = "{}[]:,\"\\0e-".charAt(Math.floorMod(at / 2, 11));
        return json.isEmpty() ? json : json.substring(0, i) + replacement + json.substring(i + 1);
    }

    @Provide
    Arbitrary<Integer> breakage() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(-1)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 10_000)));
    }

    @Provide
    Arbitrary<String> documents() {
        return value(4);
    }

    private Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(numbers(), strings(),
                Arbitraries.of("true", "false", "null"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> member = Combinators.combine(keys(), Arbitraries.lazy(() -> value(depth - 1)), ws())
                .as((k, v, w) -> k + w + ":" + w + v);
        Arbitrary<String> object = Combinators.combine(member.list().ofMaxSize(5), ws())
                .as((members, w) -> "{" + w + String.join("," + w, members) + w + "}");
        Arbitrary<String> array = Combinators.combine(Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(5), ws())
                .as((values, w) -> "[" + w + String.join("," + w, values) + w + "]");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalar),
                net.jqwik.api.Tuple.of(2, object),
                net.jqwik.api.Tuple.of(2, array));
    }

    /** Few distinct keys, so duplicates within one object are common. */
    private static Arbitrary<String> keys() {
        return Arbitraries.of("\"a\"", "\"b\"", "\"type\"", "\"text\"", "\"\\u0061\"", "\"\"");
    }

    private static Arbitrary<String> ws() {
        return Arbitraries.of("", "", "", " ", "\n\t ");
    }

    private static Arbitrary<String> strings() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMaxLength(6),
                Arbitraries.of("\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\ud83d\\ude00", "\\ud800", "é", "😀", "\\t"));
        return piece.list().ofMaxSize(4).map(parts -> "\"" + String.join("", parts) + "\"");
    }

    /** Integers of every width, and decimals whose scale must survive (1.50, 1e2, -0.0, 2E-3, huge exponents). */
    private static Arbitrary<String> numbers() {
        Arbitrary<String> integer = Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(19), java.math.BigInteger.TEN.pow(40))
                        .map(b -> (b.testBit(0) ? "-" : "") + b),
                Arbitraries.of("0", "-0", "2147483647", "2147483648", "-2147483649", "9223372036854775808"));
        Arbitrary<String> decimal = Combinators.combine(
                        Arbitraries.integers().between(-1000, 1000),
                        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(5),
                        Arbitraries.of("", "e2", "E-3", "e+10", "e0", "e-999", "e400"))
                .as((i, frac, exp) -> i + "." + frac + exp);
        Arbitrary<String> exponentOnly = Combinators.combine(Arbitraries.integers().between(-50, 50),
                        Arbitraries.of("e2", "E-2", "e+0", "e2147483648"))
                .as((i, exp) -> i + exp);
        return Arbitraries.oneOf(integer, decimal, exponentOnly);
    }
}
