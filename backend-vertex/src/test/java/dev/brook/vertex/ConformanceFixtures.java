package dev.brook.vertex;

import static org.assertj.core.api.Assertions.fail;

import dev.brook.core.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The repository's stream fixtures that end in a complete message, read from {@code brook.conformance.dir}. */
final class ConformanceFixtures {
    /** One fixture: its event stream, the message it must accumulate to and that message's text. */
    record Fixture(String name, byte[] stream, JsonValue finalMessage, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    private ConformanceFixtures() {
    }

    static Path dir() {
        String dir = System.getProperty("brook.conformance.dir");
        if (dir == null || dir.isBlank()) {
            fail("System property brook.conformance.dir is not set: run through Maven (the root pom sets it to"
                    + " <repo>/conformance) or pass -Dbrook.conformance.dir=<repo>/conformance");
        }
        Path fixtures = Path.of(dir, "fixtures");
        if (!Files.isRegularFile(fixtures.resolve("manifest.json"))) {
            fail("No manifest.json in " + fixtures.toAbsolutePath() + " (from brook.conformance.dir=" + dir + ")");
        }
        return fixtures;
    }

    /** Every fixture of both manifests whose outcome is {@code complete}. */
    static List<Fixture> complete() throws IOException {
        Path dir = dir();
        List<Fixture> all = new ArrayList<>();
        for (String manifest : new String[] {"manifest.json", "manifest-brook.json"}) {
            JsonValue entries = JsonValue.parse(Files.readString(dir.resolve(manifest)));
            for (int i = 0; entries.get(i).isPresent(); i++) {
                JsonValue entry = entries.get(i).get();
                if (!entry.get("outcome").flatMap(JsonValue::asString).orElse("").equals("complete")) {
                    continue;
                }
                String name = entry.get("name").flatMap(JsonValue::asString).orElseThrow();
                byte[] stream = Files.readAllBytes(dir.resolve(entry.get("stream").flatMap(JsonValue::asString).orElseThrow()));
                JsonValue expected = JsonValue.parse(Files.readString(
                        dir.resolve(entry.get("final").flatMap(JsonValue::asString).orElseThrow())));
                all.add(new Fixture(name, stream, expected, entry.get("text").flatMap(JsonValue::asString).orElse("")));
            }
        }
        if (all.size() < 10) {
            fail("Only " + all.size() + " complete fixtures in " + dir + "; the manifests list more");
        }
        return all;
    }

    /** The fixture named {@code name}. */
    static Fixture named(String name) throws IOException {
        return complete().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No complete fixture named " + name));
    }
}
