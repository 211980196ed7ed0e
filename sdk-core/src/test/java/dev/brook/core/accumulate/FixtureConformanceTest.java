package dev.brook.core.accumulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.internal.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every stream fixture of {@code conformance/fixtures/manifest.json}, through {@link MessageStreamDecoder},
 * fed whole and in random chunks of 1 to 7 bytes.
 */
class FixtureConformanceTest {
    private static final long[] SEEDS = {1L, 7L, 42L, 1234L, 987654321L, 20260101L};

    static Path fixtures() {
        String dir = System.getProperty("brook.conformance.dir");
        if (dir == null || dir.isBlank()) {
            fail("System property brook.conformance.dir is not set: run through Maven (the root pom sets it"
                    + " to <repo>/conformance) or pass -Dbrook.conformance.dir=<repo>/conformance");
        }
        Path p = Path.of(dir, "fixtures");
        if (!Files.isRegularFile(p.resolve("manifest.json"))) {
            fail("No manifest.json in " + p.toAbsolutePath() + " (from brook.conformance.dir=" + dir + ")");
        }
        return p;
    }

    static JsonNode manifest() throws IOException {
        // The shared fixtures, then Brook's own (kept apart so the shared manifest stays a byte-for-byte copy).
        com.fasterxml.jackson.databind.node.ArrayNode all = Json.mapper().createArrayNode();
        all.addAll((com.fasterxml.jackson.databind.node.ArrayNode) Json.mapper().readTree(
                Files.readAllBytes(fixtures().resolve("manifest.json"))));
        all.addAll((com.fasterxml.jackson.databind.node.ArrayNode) Json.mapper().readTree(
                Files.readAllBytes(fixtures().resolve("manifest-brook.json"))));
        return all;
    }

    static JsonNode tree(String fileName) throws IOException {
        return Json.mapper().readTree(Files.readAllBytes(fixtures().resolve(fileName)));
    }

    static JsonNode tree(Message m) throws IOException {
        return Json.mapper().readTree(m.toJson());
    }

    /** What one run of a stream gave. */
    record Outcome(List<StreamEvent> events, Message message, RuntimeException error) {
    }

    /** Runs {@code bytes} through a fresh pipeline; {@code seed} 0 feeds them whole. */
    static Outcome run(byte[] bytes, long seed) {
        List<StreamEvent> events = new ArrayList<>();
        MessageStreamDecoder decoder = new MessageStreamDecoder(events::add);
        try {
            if (seed == 0) {
                decoder.feed(bytes, 0, bytes.length);
            } else {
                Random random = new Random(seed);
                int i = 0;
                boolean viaBuffer = false;
                while (i < bytes.length) {
                    int n = Math.min(1 + random.nextInt(7), bytes.length - i);
                    if (viaBuffer) {
                        decoder.feed(ByteBuffer.wrap(bytes, i, n));
                    } else {
                        decoder.feed(bytes, i, n);
                    }
                    viaBuffer = !viaBuffer;
                    i += n;
                }
            }
            return new Outcome(events, decoder.end(), null);
        } catch (StreamErrorException | StreamProtocolException | IncompleteStreamException e) {
            return new Outcome(events, null, e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureWholeAndInRandomChunks() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : manifest()) {
            String name = entry.get("name").asText();
            tests.add(DynamicTest.dynamicTest(name + " fed whole", () -> check(entry, 0)));
            for (long seed : SEEDS) {
                tests.add(DynamicTest.dynamicTest(name + " in 1-7 byte chunks, seed " + seed,
                        () -> check(entry, seed)));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(16 * (1 + SEEDS.length));
        return tests.stream();
    }

    private static void check(JsonNode entry, long seed) throws IOException {
        String name = entry.get("name").asText();
        String how = name + (seed == 0 ? " fed whole" : " chunked with seed " + seed);
        byte[] bytes = Files.readAllBytes(fixtures().resolve(entry.get("stream").asText()));
        Outcome out = run(bytes, seed);
        Outcome whole = run(bytes, 0);
        assertThat(out.events()).as(how + ": same events as fed whole").isEqualTo(whole.events());
        String outcome = entry.get("outcome").asText();
        switch (outcome) {
            case "complete": {
                assertThat(out.error()).as(how + ": error").isNull();
                assertThat(tree(out.message())).as(how + ": final message").isEqualTo(tree(entry.get("final").asText()));
                assertThat(out.message().text()).as(how + ": text").isEqualTo(entry.get("text").asText());
                break;
            }
            case "stream_error": {
                assertThat(out.error()).as(how).isInstanceOf(StreamErrorException.class);
                StreamErrorException e = (StreamErrorException) out.error();
                assertThat(e.errorType()).as(how).isEqualTo(entry.get("error_type").asText());
                assertThat(e.snapshot()).as(how + ": snapshot").isPresent();
                assertThat(tree(e.snapshot().get())).as(how + ": snapshot")
                        .isEqualTo(tree(entry.get("snapshot").asText()));
                assertThat(e.snapshot().get().text()).as(how + ": text").isEqualTo(entry.get("text").asText());
                assertThat(out.events().get(out.events().size() - 1).type()).as(how + ": error event delivered")
                        .isEqualTo("error");
                break;
            }
            case "incomplete": {
                assertThat(out.error()).as(how).isInstanceOf(IncompleteStreamException.class);
                IncompleteStreamException e = (IncompleteStreamException) out.error();
                assertThat(e.getMessage()).contains("after " + out.events().size() + " events");
                assertThat(tree(e.snapshot().orElseThrow())).as(how + ": snapshot")
                        .isEqualTo(tree(entry.get("snapshot").asText()));
                assertThat(e.snapshot().get().text()).as(how + ": text").isEqualTo(entry.get("text").asText());
                break;
            }
            case "protocol": {
                assertThat(out.error()).as(how).isInstanceOf(StreamProtocolException.class);
                StreamProtocolException e = (StreamProtocolException) out.error();
                assertThat(e.snapshot()).as(how + ": snapshot carried").isPresent();
                if (name.equals("protocol-bad-json")) {
                    assertThat(e.getMessage()).contains("Malformed JSON in content_block_delta event");
                    assertThat(e.rawEvent()).as(how + ": raw event").hasValueSatisfying(raw ->
                            assertThat(raw).contains("\"text\": \"unterminated"));
                } else {
                    assertThat(e.getMessage()).contains("input_json_delta", "text block", "index 0");
                }
                break;
            }
            default:
                fail("Unknown outcome " + outcome + " in manifest entry " + name);
        }
    }

    @Test
    void everyFinalAndSnapshotFileRoundTripsThroughMessageJson() throws IOException {
        int files = 0;
        for (JsonNode entry : manifest()) {
            for (String field : new String[] {"final", "snapshot"}) {
                if (entry.has(field)) {
                    String file = entry.get(field).asText();
                    byte[] bytes = Files.readAllBytes(fixtures().resolve(file));
                    Message fromBytes = Message.fromJson(bytes);
                    assertThat(tree(fromBytes)).as(file + " from bytes").isEqualTo(tree(file));
                    Message fromString = Message.fromJson(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                    assertThat(fromString).as(file + " from String").isEqualTo(fromBytes);
                    assertThat(Json.mapper().readTree(fromBytes.toJsonBytes())).as(file + " as bytes").isEqualTo(tree(file));
                    files++;
                }
            }
        }
        assertThat(files).isEqualTo(14 + 8); // the shared fixtures' files, then Brook's own
    }
}
