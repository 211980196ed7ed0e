package dev.brook.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.StreamEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The byte-level fast path against the Jackson path it shortcuts, on generated {@code content_block_delta}
 * data: whenever the fast path reads an event, Jackson reads the same one from the same bytes, and data
 * Jackson rejects the fast path never reads. The data varies what a hand-written JSON and UTF-8 reader gets
 * wrong: every escape, {@code \\u} escapes of any code unit (lone surrogates too) and surrogate pairs, raw
 * multi-byte UTF-8 and invalid UTF-8 (overlong, encoded surrogates, truncated, stray continuation
 * bytes), raw control characters and bad escapes, numbers (leading zeros, signs, fractions, exponents,
 * overflow), whitespace, key order, duplicate, missing and extra keys. Most generated data is valid and of
 * the common shape, so the fast path reads it; coverage checks that it really does, so the property cannot
 * pass by the fast path declining everything, and that the API's own compact form (matched first, by runs
 * of fixed bytes) and its near misses come up often.
 */
class FastDeltaParserPropertyTest {
    private static final String[] KINDS = {"text_delta", "input_json_delta", "thinking_delta", "signature_delta",
        "citations_delta"};
    private static final String[] PAYLOAD_KEYS = {"text", "partial_json", "thinking", "signature", "citation"};
    private final EventParser parser = new EventParser();
    // One instance for all tries, as a stream uses it: its kept decode buffer must never leak into a result.
    private final FastDeltaParser fastParser = new FastDeltaParser();

    // No edge cases: their combinations over eight generators outnumber the tries, and jqwik then runs
    // edge cases only, which never combine the rarer choices (an index of "01" in the compact form, say).
    // The generators weight their own edges instead.
    @Property(tries = 2500, edgeCases = EdgeCasesMode.NONE)
    void fastPathReadsOnlyWhatJacksonReads(@ForAll("deltas") byte[] json, @ForAll boolean unnamed) {
        byte[] framed = new byte[json.length + 6]; // inside a larger array, as the decoder hands it over
        System.arraycopy(json, 0, framed, 3, json.length);
        ContentBlockDeltaEvent fast = fastParser.tryParse(framed, 3, json.length, unnamed);
        StreamEvent jackson = null;
        StreamProtocolException rejected = null;
        try {
            jackson = parser.parseWithJackson(unnamed ? "message" : "content_block_delta", json, 0, json.length);
        } catch (StreamProtocolException e) {
            rejected = e;
        }
        Statistics.label("fast path").collect(fast != null);
        Statistics.label("compact API form").collect(isCompact(json));
        if (fast != null) {
            assertThat(rejected).as("Jackson rejects data the fast path read as %s", fast).isNull();
            assertThat(fast).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(jackson);
        }
        Statistics.label("fast path").coverage(coverage -> coverage.check(true).percentage(p -> p >= 30));
        Statistics.label("compact API form").coverage(coverage -> coverage.check(true).percentage(p -> p >= 5));
    }

    /** Whether {@code json} has the API's key order and no whitespace, the form the parser matches first. */
    private static boolean isCompact(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        return text.startsWith("{\"type\":\"content_block_delta\",\"index\":") && text.contains(",\"delta\":{\"type\":\"")
                && text.chars().noneMatch(c -> c == ' ' || c == '\n' || c == '\t' || c == '\r');
    }

    @Provide
    Arbitrary<byte[]> deltas() {
        Arbitrary<byte[]> payload = piece().list().ofMaxSize(10).map(FastDeltaParserPropertyTest::concat);
        Arbitrary<String> index = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(0, 300).map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("2147483647", "2147483648", "99999999999", "-1", "-0", "01", "00", "1.0",
                        "1e2", "1E0", "0.5", "+1", "\"1\"", "null", "true")));
        Arbitrary<Integer> kind = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.integers().between(0, 3)),
                Tuple.of(1, Arbitraries.just(4)));
        Arbitrary<Integer> mismatch = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 4))); // payload key of another kind
        // The API's own key order and no whitespace (the compact form the parser matches first) are
        // made common on purpose, and so are the near misses around them.
        Arbitrary<List<Integer>> order = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(List.of(0, 1, 2))),
                Tuple.of(5, Arbitraries.shuffle(0, 1, 2)));
        Arbitrary<Boolean> payloadFirst = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(false)),
                Tuple.of(1, Arbitraries.just(true)));
        Arbitrary<Integer> oddity = Arbitraries.frequencyOf(Tuple.of(14, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 8)));
        Arbitrary<String> space = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")),
                Tuple.of(2, Arbitraries.of(" ", "\n", "\t", "\r\n", "  \t")));
        Arbitrary<List<String>> spaces = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(List.of(""))),
                Tuple.of(1, space.list().ofSize(16)));
        return Combinators.combine(payload, index, kind, mismatch, order, payloadFirst, oddity, spaces)
                .as(FastDeltaParserPropertyTest::json);
    }

    /** One delta as bytes; {@code oddity} 0 is the plain shape, the others each bend one rule. */
    private static byte[] json(byte[] payload, String index, int kind, int mismatch, List<Integer> order,
            boolean payloadFirst, int oddity, List<String> ws) {
        Bytes out = new Bytes(ws);
        String payloadKey = PAYLOAD_KEYS[(kind + mismatch) % PAYLOAD_KEYS.length];
        List<Runnable> members = new ArrayList<>();
        members.add(() -> out.key("type").text("\"content_block_delta\""));
        members.add(() -> out.key("index").text(index));
        members.add(() -> {
            out.key("delta").text("{").ws();
            Runnable type = () -> out.key("type").text("\"" + KINDS[kind] + "\"");
            Runnable value = () -> out.key(payloadKey).text("\"").raw(payload).text("\"");
            (payloadFirst ? value : type).run();
            out.ws().text(",").ws();
            (payloadFirst ? type : value).run();
            if (oddity == 1) {
                out.ws().text(",").ws().key(payloadKey).text("\"again\""); // duplicate payload key
            }
            out.ws().text("}");
        });
        out.ws().text("{").ws();
        boolean first = true;
        for (int m : order) {
            if (m == 0 && oddity == 2) {
                continue; // no type: fine only for a named event
            }
            if (!first) {
                out.ws().text(",").ws();
            }
            first = false;
            members.get(m).run();
        }
        switch (oddity) {
            case 3 -> out.ws().text(",").ws().key("index").text("7"); // duplicate index
            case 4 -> out.ws().text(",").ws().key("usage").text("{}"); // extra key
            case 5 -> out.ws().text(",").ws().key("ty\\u0070e").text("\"content_block_delta\""); // escaped key
            default -> { }
        }
        out.ws().text("}").ws();
        if (oddity == 6) {
            out.text("x"); // trailing garbage
        } else if (oddity == 7) {
            return out.truncated(); // cut short
        } else if (oddity == 8) {
            out.text(","); // a trailing comma
        }
        return out.bytes();
    }

    /** A piece of a string's content, raw bytes as they would sit between the quotes. */
    private static Arbitrary<byte[]> piece() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.strings().alpha().numeric().withChars(" .,!?-{}[]:'").ofMaxLength(8).map(FastDeltaParserPropertyTest::utf8)),
                Tuple.of(4, Arbitraries.of("\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t").map(FastDeltaParserPropertyTest::utf8)),
                Tuple.of(3, Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), Arbitraries.of(true, false))
                        .as((unit, upper) -> utf8(String.format(upper ? "\\u%04X" : "\\u%04x", unit)))),
                Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10FFFF).map(cp -> {
                    String pair = new String(Character.toChars(cp));
                    return utf8(String.format("\\u%04x\\u%04X", (int) pair.charAt(0), (int) pair.charAt(1)));
                })),
                Tuple.of(4, Arbitraries.integers().between(0x80, 0x10FFFF)
                        .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                        .map(cp -> utf8(new String(Character.toChars(cp))))),
                Tuple.of(1, Arbitraries.of(new byte[] {0x01}, new byte[] {0x1F}, new byte[] {'\n'}, utf8("\\x"),
                        utf8("\\u12"), utf8("\\U0041"), utf8("\\"), utf8("\""))),
                Tuple.of(1, Arbitraries.of(bytes(0x80), bytes(0xBF), bytes(0xC0, 0x80), bytes(0xC1, 0xBF),
                        bytes(0xE0, 0x80, 0x80), bytes(0xED, 0xA0, 0x80), bytes(0xED, 0xBF, 0xBF), bytes(0xE2, 0x82),
                        bytes(0xF0, 0x8F, 0xBF, 0xBF), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xF8, 0x88, 0x80, 0x80, 0x80),
                        bytes(0xFF), bytes(0xC3), bytes(0xC3, 0x28))));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(List<byte[]> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pieces.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** Writes JSON text, taking whitespace from the generated list in turn. Not thread-safe. */
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final List<String> spaces;
        private int nextSpace;

        Bytes(List<String> spaces) {
            this.spaces = spaces;
        }

        Bytes ws() {
            return text(spaces.get(nextSpace++ % spaces.size()));
        }

        Bytes key(String name) {
            return text("\"" + name + "\"").ws().text(":").ws();
        }

        Bytes text(String s) {
            out.writeBytes(utf8(s));
            return this;
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        byte[] truncated() {
            byte[] all = out.toByteArray();
            return java.util.Arrays.copyOf(all, all.length * 2 / 3);
        }
    }
}
