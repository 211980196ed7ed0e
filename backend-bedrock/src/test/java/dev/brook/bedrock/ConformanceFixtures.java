package dev.brook.bedrock;

import static org.assertj.core.api.Assertions.fail;

import dev.brook.core.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The repository's stream fixtures ({@code conformance/fixtures}), found through {@code brook.conformance.dir}. */
final class ConformanceFixtures {
    private ConformanceFixtures() {
    }

    static Path dir() {
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

    /** Every manifest entry: the shared fixtures, then Brook's own. */
    static List<JsonValue> entries() {
        List<JsonValue> all = new ArrayList<>();
        for (String manifest : new String[] {"manifest.json", "manifest-brook.json"}) {
            JsonValue parsed = JsonValue.parse(text(manifest));
            all.addAll(((JsonValue.JsonArray) parsed).elements());
        }
        return all;
    }

    static String field(JsonValue entry, String name) {
        return entry.get(name).flatMap(JsonValue::asString).orElseThrow(() ->
                new AssertionError("manifest entry " + entry + " has no " + name));
    }

    static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(dir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    static JsonValue json(String file) {
        return JsonValue.parse(text(file));
    }
}
