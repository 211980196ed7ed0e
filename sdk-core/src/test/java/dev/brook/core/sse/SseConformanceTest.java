package dev.brook.core.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of {@code conformance/sse-cases.json} through {@link SseDecoder}, fed in each way a
 * transport may deliver bytes: the case's own chunks, one chunk, one byte at a time, and as heap, direct
 * and read-only {@link ByteBuffer}s.
 */
class SseConformanceTest {

    /** One way of handing a case's chunks to a decoder. */
    private record Mode(String name, BiConsumer<SseDecoder, List<byte[]>> feed) {}

    private static final List<Mode> MODES = List.of(
            new Mode("case chunks", (d, chunks) -> chunks.forEach(d::feed)),
            new Mode("one chunk", (d, chunks) -> d.feed(concat(chunks))),
            new Mode("one byte at a time", (d, chunks) -> {
                byte[] all = concat(chunks);
                for (int i = 0; i < all.length; i++) {
                    d.feed(all, i, 1);
                }
            }),
            new Mode("array slices with offsets", (d, chunks) -> {
                for (byte[] c : chunks) {
                    byte[] padded = new byte[c.length + 6];
                    System.arraycopy(c, 0, padded, 3, c.length);
                    d.feed(padded, 3, c.length);
                }
            }),
            new Mode("heap ByteBuffers", (d, chunks) -> {
                for (byte[] c : chunks) {
                    // A slice with a non-zero array offset and position, to exercise both.
                    byte[] padded = new byte[c.length + 4];
                    System.arraycopy(c, 0, padded, 2, c.length);
                    ByteBuffer b = ByteBuffer.wrap(padded, 1, c.length + 1).slice();
                    b.position(1);
                    b.limit(c.length + 1);
                    feedBuffer(d, b);
                }
            }),
            new Mode("direct ByteBuffers", (d, chunks) -> {
                for (byte[] c : chunks) {
                    ByteBuffer b = ByteBuffer.allocateDirect(c.length);
                    b.put(c).flip();
                    feedBuffer(d, b);
                }
            }),
            new Mode("read-only ByteBuffers", (d, chunks) -> {
                for (byte[] c : chunks) {
                    feedBuffer(d, ByteBuffer.wrap(c).asReadOnlyBuffer());
                }
            }),
            new Mode("one direct ByteBuffer", (d, chunks) -> {
                byte[] all = concat(chunks);
                ByteBuffer b = ByteBuffer.allocateDirect(all.length);
                b.put(all).flip();
                feedBuffer(d, b);
            }));

    @TestFactory
    Stream<DynamicNode> everyCaseInEveryFeedingMode() throws IOException {
        JsonNode cases = loadCases();
        assertThat(cases.isArray()).as("sse-cases.json must be a JSON array").isTrue();
        assertThat(cases.size()).as("number of conformance cases").isGreaterThan(0);
        List<DynamicNode> nodes = new ArrayList<>();
        for (JsonNode c : cases) {
            String name = c.path("name").asText();
            List<byte[]> chunks = chunksOf(c);
            List<DynamicNode> tests = new ArrayList<>();
            for (Mode mode : MODES) {
                tests.add(DynamicTest.dynamicTest(mode.name(), () -> check(c, chunks, mode)));
            }
            nodes.add(DynamicContainer.dynamicContainer(name, tests));
        }
        return nodes.stream();
    }

    private static void check(JsonNode c, List<byte[]> chunks, Mode mode) {
        List<SseEvent> events = new ArrayList<>();
        SseDecoder decoder = new SseDecoder(events::add);
        mode.feed().accept(decoder, chunks);
        decoder.end();

        String label = c.path("name").asText() + " [" + mode.name() + "]";
        JsonNode expected = c.path("expected");
        List<String> want = new ArrayList<>();
        for (JsonNode e : expected) {
            want.add(describe(e.path("event").asText(), e.path("data").asText(), textOrEmpty(e.get("id")),
                    e.hasNonNull("retry") ? OptionalLong.of(e.get("retry").asLong()) : OptionalLong.empty()));
        }
        List<String> got = new ArrayList<>();
        for (SseEvent e : events) {
            got.add(describe(e.type(), e.data(), e.lastEventId(), e.retry()));
        }
        assertThat(got).as(label + ": " + c.path("description").asText()).containsExactlyElementsOf(want);

        JsonNode fin = c.get("final");
        if (fin != null) {
            assertThat(decoder.lastEventId()).as(label + ": final last_event_id")
                    .isEqualTo(textOrEmpty(fin.get("last_event_id")));
            JsonNode rt = fin.get("reconnection_time");
            OptionalLong wantRetry = rt == null || rt.isNull() ? OptionalLong.empty() : OptionalLong.of(rt.asLong());
            assertThat(decoder.reconnectionTime()).as(label + ": final reconnection_time").isEqualTo(wantRetry);
        }
    }

    /** One comparable line per event, so a failure shows the whole expected and actual lists. */
    private static String describe(String type, String data, String id, OptionalLong retry) {
        return "event=" + escape(type) + " data=" + escape(data) + " id=" + escape(id)
                + " retry=" + (retry.isPresent() ? Long.toString(retry.getAsLong()) : "none");
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7F || cp == 0xFFFD || cp == 0xFEFF || (cp >= 0x80 && cp <= 0x9F)
                    || cp == 0x2028 || cp == 0x2029) {
                b.append(String.format("\\u%04X", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.append('"').toString();
    }

    /** The cases treat a null id (never set) and "" (reset) as the same empty last event id. */
    private static String textOrEmpty(JsonNode n) {
        return n == null || n.isNull() ? "" : n.asText();
    }

    private static void feedBuffer(SseDecoder d, ByteBuffer b) {
        d.feed(b);
        assertThat(b.hasRemaining()).as("feed(ByteBuffer) consumes every remaining byte").isFalse();
    }

    static List<byte[]> chunksOf(JsonNode c) {
        List<byte[]> chunks = new ArrayList<>();
        if (c.has("chunks_base64")) {
            for (JsonNode n : c.get("chunks_base64")) {
                chunks.add(Base64.getDecoder().decode(n.asText()));
            }
        } else if (c.has("chunks")) {
            for (JsonNode n : c.get("chunks")) {
                chunks.add(n.asText().getBytes(StandardCharsets.UTF_8));
            }
        } else {
            fail("case " + c.path("name").asText() + " has neither chunks nor chunks_base64");
        }
        return chunks;
    }

    static byte[] concat(List<byte[]> chunks) {
        int n = 0;
        for (byte[] c : chunks) {
            n += c.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        return all;
    }

    /** Reads the cases from {@code brook.conformance.dir}; fails (never skips) when they are missing. */
    static JsonNode loadCases() throws IOException {
        String dir = System.getProperty("brook.conformance.dir");
        if (dir == null || dir.isBlank()) {
            fail("System property brook.conformance.dir is not set; the root pom's surefire configuration sets it "
                    + "to <repo>/conformance. Run the tests through Maven from the repository, or pass "
                    + "-Dbrook.conformance.dir=/path/to/conformance.");
        }
        Path file = Path.of(dir, "sse-cases.json");
        if (!Files.isRegularFile(file)) {
            fail("SSE conformance cases not found at " + file.toAbsolutePath()
                    + " (from brook.conformance.dir=" + dir + ")");
        }
        return new ObjectMapper().readTree(file.toFile());
    }
}
