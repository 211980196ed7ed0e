package dev.brook.tck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brook.core.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The shared conformance data, read from this jar's resources under {@code dev/brook/tck/conformance/}:
 * the SSE parsing cases ({@code sse-cases.json}) and the Messages API stream fixtures
 * ({@code fixtures/manifest.json} and the files it names). Missing data is an error, never a skip.
 */
public final class ConformanceData {
    /** Where the data sits on the class path. */
    public static final String ROOT = "dev/brook/tck/conformance/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConformanceData() {
    }

    /**
     * Every SSE parsing case, in file order.
     *
     * @return the cases of {@code sse-cases.json}
     * @throws IllegalStateException if the data is missing from the class path
     */
    public static List<SseCase> sseCases() {
        JsonNode root = readJson("sse-cases.json");
        List<SseCase> cases = new ArrayList<>();
        for (JsonNode c : root) {
            List<byte[]> chunks = new ArrayList<>();
            if (c.has("chunks_base64")) {
                for (JsonNode chunk : c.get("chunks_base64")) {
                    chunks.add(Base64.getDecoder().decode(chunk.asText()));
                }
            } else {
                for (JsonNode chunk : c.get("chunks")) {
                    chunks.add(chunk.asText().getBytes(StandardCharsets.UTF_8));
                }
            }
            List<SseCase.Expected> expected = new ArrayList<>();
            for (JsonNode e : c.get("expected")) {
                JsonNode id = e.get("id");
                JsonNode retry = e.get("retry");
                expected.add(new SseCase.Expected(e.get("event").asText(), e.get("data").asText(),
                        id == null || id.isNull() ? "" : id.asText(),
                        retry == null || retry.isNull() ? -1 : retry.asLong()));
            }
            cases.add(new SseCase(c.get("name").asText(), chunks, expected));
        }
        return cases;
    }

    /**
     * Every stream fixture of the manifest, in manifest order.
     *
     * @return the fixtures of {@code fixtures/manifest.json} and then {@code fixtures/manifest-brook.json},
     *     with their streams and expected messages read
     * @throws IllegalStateException if the data is missing from the class path
     */
    public static List<Fixture> fixtures() {
        List<JsonNode> manifest = new ArrayList<>();
        // The shared fixtures, then Brook's own (kept apart so the shared manifest stays a byte-for-byte copy).
        readJson("fixtures/manifest.json").forEach(manifest::add);
        readJson("fixtures/manifest-brook.json").forEach(manifest::add);
        List<Fixture> fixtures = new ArrayList<>();
        for (JsonNode f : manifest) {
            String outcome = f.get("outcome").asText();
            JsonValue expectedMessage = null;
            if (f.hasNonNull("final")) {
                expectedMessage = readValue("fixtures/" + f.get("final").asText());
            } else if (f.hasNonNull("snapshot")) {
                expectedMessage = readValue("fixtures/" + f.get("snapshot").asText());
            }
            fixtures.add(new Fixture(
                    f.get("name").asText(),
                    read("fixtures/" + f.get("stream").asText()),
                    Fixture.Outcome.valueOf(outcome.toUpperCase(java.util.Locale.ROOT)),
                    expectedMessage,
                    f.hasNonNull("text") ? f.get("text").asText() : null,
                    f.hasNonNull("error_type") ? f.get("error_type").asText() : null));
        }
        return fixtures;
    }

    /**
     * The bytes of one resource under {@link #ROOT}.
     *
     * @param name the resource's path under {@link #ROOT}, such as {@code fixtures/text-basic.sse}
     * @return the resource's bytes
     * @throws IllegalStateException if the resource is not on the class path
     * @throws java.io.UncheckedIOException if it cannot be read
     */
    public static byte[] read(String name) {
        String path = ROOT + name;
        // Through the class, not its loader: that also finds the data when the kit runs as a named module.
        try (InputStream in = ConformanceData.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("Conformance data missing from the class path: " + path
                        + ". The brook-sdk-tests jar carries it; rebuild that jar from a checkout that has the "
                        + "top-level conformance/ folder.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    private static JsonValue readValue(String name) {
        try {
            return JsonValue.parse(new String(read(name), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Malformed JSON in " + ROOT + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses one JSON resource under {@link #ROOT}.
     *
     * @param name the resource's path under {@link #ROOT}, such as {@code sse-cases.json}
     * @return the JSON tree
     * @throws IllegalStateException if the resource is not on the class path
     * @throws java.io.UncheckedIOException if it cannot be read or is not JSON
     */
    static JsonNode readJson(String name) {
        try {
            return JSON.readTree(read(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Malformed JSON in " + ROOT + name, e);
        }
    }
}
