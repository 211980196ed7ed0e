package dev.brook.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link SseDecoder} over random event streams: any chunking decodes the same as one chunk,
 * and the decoder agrees with {@link ReferenceModel}, a plain String-based reading of the spec.
 */
class SseDecoderPropertyTest {

    /** What a decoder produced for a whole stream: its events and its final state. */
    record Outcome(List<String> events, String lastEventId, OptionalLong reconnectionTime) {}

    // Random data only: the generators' edge-case combinations outnumber the tries, and jqwik would then
    // run nothing but edge cases.
    @Property(tries = 1500, edgeCases = EdgeCasesMode.NONE)
    void everyChunkingDecodesLikeOneChunk(@ForAll("streams") byte[] stream, @ForAll("cuts") List<Integer> cuts) {
        Outcome whole = decode(List.of(stream));
        Outcome chunked = decode(split(stream, cuts));
        assertThat(chunked).isEqualTo(whole);
    }

    // Random data only: the generators' edge-case combinations outnumber the tries, and jqwik would then
    // run nothing but edge cases.
    @Property(tries = 1500, edgeCases = EdgeCasesMode.NONE)
    void decoderAgreesWithReferenceModel(@ForAll("streams") byte[] stream, @ForAll("cuts") List<Integer> cuts) {
        Outcome expected = ReferenceModel.parse(stream);
        assertThat(decode(split(stream, cuts))).isEqualTo(expected);
    }

    // Random data only: the generators' edge-case combinations outnumber the tries, and jqwik would then
    // run nothing but edge cases.
    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void lineEndScanFindsTheFirstCrOrLf(@ForAll("scanBytes") byte[] bytes, @ForAll("cuts") List<Integer> cuts) {
        // Every start offset, so the eight-byte steps meet matches at every alignment.
        int from = cuts.isEmpty() ? 0 : Math.floorMod(cuts.get(0), bytes.length + 1);
        int naive = from;
        while (naive < bytes.length && bytes[naive] != '\n' && bytes[naive] != '\r') {
            naive++;
        }
        assertThat(SseDecoder.indexOfLineEnd(bytes, from, bytes.length)).isEqualTo(naive);
    }

    static Outcome decode(List<byte[]> chunks) {
        List<String> events = new ArrayList<>();
        SseDecoder decoder = new SseDecoder(e -> events.add(format(e.type(), e.data(), e.lastEventId(), e.retry())));
        int i = 0;
        for (byte[] chunk : chunks) {
            // Alternate the three ways bytes arrive so every path meets every split.
            switch (i++ % 3) {
                case 0 -> decoder.feed(chunk);
                case 1 -> decoder.feed(ByteBuffer.wrap(chunk));
                default -> {
                    ByteBuffer direct = ByteBuffer.allocateDirect(chunk.length);
                    direct.put(chunk).flip();
                    decoder.feed(direct);
                }
            }
        }
        decoder.end();
        return new Outcome(events, decoder.lastEventId(), decoder.reconnectionTime());
    }

    static String format(String type, String data, String id, OptionalLong retry) {
        return type + "|" + data + "|" + id + "|" + retry;
    }

    static List<byte[]> split(byte[] stream, List<Integer> cuts) {
        TreeSet<Integer> at = new TreeSet<>();
        for (int c : cuts) {
            at.add(Math.floorMod(c, stream.length + 1));
        }
        List<byte[]> chunks = new ArrayList<>();
        int prev = 0;
        for (int cut : at) {
            chunks.add(java.util.Arrays.copyOfRange(stream, prev, cut)); // empty chunks included on purpose
            prev = cut;
        }
        chunks.add(java.util.Arrays.copyOfRange(stream, prev, stream.length));
        return chunks;
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        Arbitrary<List<Integer>> few = Arbitraries.integers().between(0, 100_000).list().ofMaxSize(12);
        // Sometimes cut everywhere: one byte per chunk.
        Arbitrary<List<Integer>> everywhere = Arbitraries.just(everyIndex());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, few), net.jqwik.api.Tuple.of(1, everywhere));
    }

    private static List<Integer> everyIndex() {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            all.add(i);
        }
        return all;
    }

    @Provide
    Arbitrary<byte[]> scanBytes() {
        // Bytes near CR and LF, with the high bit set, and ordinary text: the cases a bit trick gets wrong.
        Arbitrary<Byte> b = Arbitraries.of((byte) '\n', (byte) '\r', (byte) 0x0B, (byte) 0x0C, (byte) 0x09,
                (byte) 0x8A, (byte) 0x8D, (byte) 0x00, (byte) 0xFF, (byte) 0x80, (byte) 0x01, (byte) 'a',
                (byte) 0x0E, (byte) 0x2A);
        Arbitrary<Byte> mostlyText = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, b), net.jqwik.api.Tuple.of(6, Arbitraries.bytes()));
        return mostlyText.array(byte[].class).ofMaxSize(80);
    }

    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<String> line = Arbitraries.oneOf(
                field("data"), field("data"), field("data"), field("event"), field("id"), idWithNul(),
                retry(), unknownField(), comment(), Arbitraries.just(""), Arbitraries.just(""),
                Arbitraries.just("data"), Arbitraries.just("event"), Arbitraries.just("id"));
        Arbitrary<String> terminator = Arbitraries.of("\n", "\r", "\r\n");
        Arbitrary<String> terminated = Combinators.combine(line, terminator).as((l, t) -> l + t);
        Arbitrary<List<String>> lines = terminated.list().ofMaxSize(30);
        Arbitrary<String> tail = Arbitraries.oneOf(Arbitraries.just(""), line); // maybe an unterminated last line
        Arbitrary<Boolean> bom = Arbitraries.of(false, false, true);
        return Combinators.combine(bom, lines, tail).as((withBom, ls, t) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (withBom) {
                out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            for (String l : ls) {
                out.writeBytes(l.getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes(t.getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        });
    }

    /** Text without CR or LF: ASCII, spaces, colons, 2-, 3- and 4-byte characters (emoji), tab, BOM. */
    private static Arbitrary<String> text() {
        return Arbitraries.of("a", "b", "Z", "0", "7", " ", " ", ":", "{\"k\":1}", "é", "€", "日本", "😀", "🌍",
                        "\t", "\uFEFF", "data", "\u2028")
                .list().ofMaxSize(8).map(parts -> String.join("", parts));
    }

    private static Arbitrary<String> separator() {
        // Colon alone, colon + one space (stripped), colon + two spaces (one kept).
        return Arbitraries.of(":", ": ", ":  ");
    }

    private static Arbitrary<String> field(String name) {
        return Combinators.combine(separator(), text()).as((sep, value) -> name + sep + value);
    }

    private static Arbitrary<String> idWithNul() {
        return text().map(t -> "id: " + t + "\u0000" + t);
    }

    private static Arbitrary<String> retry() {
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(21);
        Arbitrary<String> junk = Arbitraries.of("", "-1", "+5", "1.5", " 12", "12 ", "1e3", "x", "٣");
        return Combinators.combine(separator(), Arbitraries.oneOf(digits, digits, junk))
                .as((sep, v) -> "retry" + sep + v);
    }

    private static Arbitrary<String> unknownField() {
        Arbitrary<String> name = Arbitraries.of("foo", "Data", "DATA", "dat", "datas", " data", "ids", "retryy",
                "eventually", "\uFEFFdata", "da\u0000ta", "x");
        return Combinators.combine(name, separator(), text()).as((n, sep, v) -> n + sep + v);
    }

    private static Arbitrary<String> comment() {
        return text().map(t -> ":" + t);
    }

    /**
     * The spec read as plainly as possible, on Strings: decode the whole stream, drop one leading BOM,
     * split into lines, interpret each. Slow and obviously right; nothing shared with the decoder.
     */
    static final class ReferenceModel {
        static Outcome parse(byte[] stream) {
            String text = new String(stream, StandardCharsets.UTF_8); // generated streams are valid UTF-8
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            List<String> events = new ArrayList<>();
            StringBuilder dataBuffer = new StringBuilder();
            String eventType = "";
            String lastEventIdBuffer = "";
            String lastEventId = "";
            Long reconnection = null;
            Long blockRetry = null;
            int pos = 0;
            while (true) {
                int cr = text.indexOf('\r', pos);
                int lf = text.indexOf('\n', pos);
                int eol = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
                if (eol < 0) {
                    break; // an unterminated last line is never processed
                }
                String line = text.substring(pos, eol);
                pos = eol + (text.startsWith("\r\n", eol) ? 2 : 1);
                if (line.isEmpty()) {
                    lastEventId = lastEventIdBuffer;
                    if (dataBuffer.length() == 0) {
                        eventType = "";
                        blockRetry = null;
                        continue;
                    }
                    String data = dataBuffer.substring(0, dataBuffer.length() - 1);
                    events.add(format(eventType.isEmpty() ? "message" : eventType, data, lastEventId,
                            blockRetry == null ? OptionalLong.empty() : OptionalLong.of(blockRetry)));
                    dataBuffer.setLength(0);
                    eventType = "";
                    blockRetry = null;
                    continue;
                }
                if (line.startsWith(":")) {
                    continue;
                }
                String name;
                String value;
                int colon = line.indexOf(':');
                if (colon >= 0) {
                    name = line.substring(0, colon);
                    value = line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                } else {
                    name = line;
                    value = "";
                }
                switch (name) {
                    case "event" -> eventType = value;
                    case "data" -> dataBuffer.append(value).append('\n');
                    case "id" -> {
                        if (value.indexOf('\u0000') < 0) {
                            lastEventIdBuffer = value;
                        }
                    }
                    case "retry" -> {
                        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                            try {
                                long v = Long.parseLong(value);
                                reconnection = v;
                                blockRetry = v;
                            } catch (NumberFormatException tooLarge) {
                                // Brook's documented choice: past Long.MAX_VALUE the field is ignored.
                            }
                        }
                    }
                    default -> { }
                }
            }
            return new Outcome(events, lastEventId,
                    reconnection == null ? OptionalLong.empty() : OptionalLong.of(reconnection));
        }
    }
}
