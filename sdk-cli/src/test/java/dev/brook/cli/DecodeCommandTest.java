package dev.brook.cli;

import static dev.brook.cli.CliRunner.conformanceDir;
import static dev.brook.cli.CliRunner.json;
import static dev.brook.cli.CliRunner.read;
import static dev.brook.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.cli.CliRunner.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@code brook decode} on the shared conformance data, run end to end through {@link BrookCli#run}. */
class DecodeCommandTest {
    private static final Path FIXTURES = conformanceDir().resolve("fixtures");

    @TestFactory
    Stream<DynamicTest> decodeFinalGivesEveryFixturesExpectedMessageErrorAndExitCode() {
        // The shared fixtures, then Brook's own (today's stream kinds).
        List<JsonNode> manifest = new ArrayList<>();
        json(read(FIXTURES.resolve("manifest.json"))).forEach(manifest::add);
        json(read(FIXTURES.resolve("manifest-brook.json"))).forEach(manifest::add);
        assertThat(manifest.size()).isGreaterThan(20);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode fixture : manifest) {
            String name = fixture.get("name").asText();
            tests.add(dynamicTest(name, () -> checkFinal(fixture)));
        }
        return tests.stream();
    }

    private static void checkFinal(JsonNode fixture) {
        String stream = FIXTURES.resolve(fixture.get("stream").asText()).toString();
        String outcome = fixture.get("outcome").asText();
        Result r = run("decode", "--final", stream);
        switch (outcome) {
            case "complete" -> {
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.err()).as(r.toString()).isEmpty();
                assertThat(r.outLines()).as(r.toString()).hasSize(1);
                assertThat(json(r.out())).isEqualTo(json(read(FIXTURES.resolve(fixture.get("final").asText()))));
            }
            case "stream_error" -> {
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(BrookCli.STREAM_ERROR);
                assertThat(json(r.out())).isEqualTo(json(read(FIXTURES.resolve(fixture.get("snapshot").asText()))));
                assertThat(r.errLines()).as(r.toString()).hasSize(1);
                assertThat(r.err()).startsWith("brook: stream error: ").contains(fixture.get("error_type").asText());
            }
            case "incomplete" -> {
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(BrookCli.INCOMPLETE);
                assertThat(json(r.out())).isEqualTo(json(read(FIXTURES.resolve(fixture.get("snapshot").asText()))));
                assertThat(r.errLines()).as(r.toString()).hasSize(1);
                assertThat(r.err()).startsWith("brook: incomplete stream: ").contains("message_stop");
            }
            case "protocol" -> {
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(BrookCli.PROTOCOL);
                assertThat(r.errLines()).as(r.toString()).hasSize(1);
                assertThat(r.err()).startsWith("brook: protocol error: ");
                // The snapshot, when the stream had started, is the only thing on stdout.
                assertThat(r.outLines()).hasSizeLessThanOrEqualTo(1);
                if (!r.out().isEmpty()) {
                    assertThat(json(r.out()).get("type").asText()).isEqualTo("message");
                }
            }
            default -> throw new AssertionError("unknown outcome " + outcome + " in the manifest");
        }
    }

    @Test
    void protocolErrorNamesTheOffendingDeltaAndPrintsTheSnapshot() {
        Result r = run("decode", "--final", FIXTURES.resolve("protocol-delta-mismatch.sse").toString());
        assertThat(r.exitCode()).isEqualTo(BrookCli.PROTOCOL);
        assertThat(r.err()).contains("input_json_delta");
        assertThat(json(r.out()).get("type").asText()).isEqualTo("message");
    }

    @TestFactory
    Stream<DynamicTest> decodeSseGivesTheExpectedEventsOfEverySseCase() {
        JsonNode cases = json(read(conformanceDir().resolve("sse-cases.json")));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(dynamicTest(c.get("name").asText(), () -> {
                Result r = CliRunner.run(Map.of(), body(c), false, "decode", "--sse");
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.err()).isEmpty();
                List<JsonNode> got = r.outJsonLines();
                JsonNode expected = c.get("expected");
                assertThat(got).as(r.toString()).hasSize(expected.size());
                for (int i = 0; i < got.size(); i++) {
                    JsonNode g = got.get(i);
                    JsonNode e = expected.get(i);
                    assertThat(g.get("event")).isEqualTo(e.get("event"));
                    assertThat(g.get("data")).isEqualTo(e.get("data"));
                    assertThat(g.get("retry")).isEqualTo(e.get("retry"));
                    // The cases write an explicitly emptied id as "" and a never-set one as null; both are
                    // an empty last event id, and the CLI prints null for it.
                    String wantId = e.get("id").isNull() ? "" : e.get("id").asText();
                    assertThat(g.get("id").isNull() ? "" : g.get("id").asText()).isEqualTo(wantId);
                    assertThat(g.fieldNames()).toIterable().containsExactly("event", "data", "id", "retry");
                }
            }));
        }
        return tests.stream();
    }

    private static byte[] body(JsonNode c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (c.has("chunks")) {
            for (JsonNode chunk : c.get("chunks")) {
                out.write(chunk.asText().getBytes(StandardCharsets.UTF_8));
            }
        } else {
            for (JsonNode chunk : c.get("chunks_base64")) {
                out.write(Base64.getDecoder().decode(chunk.asText()));
            }
        }
        return out.toByteArray();
    }

    @Test
    void decodeSseOnAFixturePrintsOneLinePerEventWithNullIdAndRetry() {
        Result r = run("decode", "--sse", FIXTURES.resolve("thinking.sse").toString()); // CRLF line ends
        assertThat(r.exitCode()).isZero();
        List<JsonNode> lines = r.outJsonLines();
        long blocks = read(FIXTURES.resolve("thinking.sse")).lines().filter(l -> l.startsWith("event:")).count();
        assertThat(lines).hasSize((int) blocks);
        assertThat(lines.get(0).get("event").asText()).isEqualTo("message_start");
        assertThat(json(lines.get(0).get("data").asText()).get("type").asText()).isEqualTo("message_start");
        assertThat(lines.get(0).get("id").isNull()).isTrue();
        assertThat(lines.get(0).get("retry").isNull()).isTrue();
        assertThat(lines.get(lines.size() - 1).get("event").asText()).isEqualTo("message_stop");
    }

    @Test
    void decodeSseReadsStdinAndKeepsIdAndRetry() {
        byte[] body = "id: 7\nretry: 3000\nevent: ping\ndata: {\"type\":\"ping\"}\n\n: comment\ndata: a\ndata: b\n\n"
                .getBytes(StandardCharsets.UTF_8);
        Result r = CliRunner.run(Map.of(), body, false, "decode", "--sse", "-");
        assertThat(r.exitCode()).isZero();
        assertThat(r.outLines()).containsExactly(
                "{\"event\":\"ping\",\"data\":\"{\\\"type\\\":\\\"ping\\\"}\",\"id\":\"7\",\"retry\":3000}",
                "{\"event\":\"message\",\"data\":\"a\\nb\",\"id\":\"7\",\"retry\":null}");
    }

    @Test
    void decodeWithoutFlagsPrintsEachTypedEventInItsWireShape() {
        Path stream = FIXTURES.resolve("text-basic.sse");
        Result r = run("decode", stream.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> lines = r.outJsonLines();
        // Each typed event written back equals the data the server sent for it (the fixture has no unknown fields).
        List<JsonNode> sent = new ArrayList<>();
        for (String line : read(stream).split("\n")) {
            if (line.startsWith("data:")) {
                sent.add(json(line.substring(5).trim()));
            }
        }
        assertThat(lines).isEqualTo(sent);
        StringBuilder text = new StringBuilder();
        for (JsonNode e : lines) {
            if (e.path("delta").path("type").asText().equals("text_delta")) {
                text.append(e.get("delta").get("text").asText());
            }
        }
        JsonNode manifest = json(read(FIXTURES.resolve("manifest.json")));
        assertThat(text.toString()).isEqualTo(manifest.get(0).get("text").asText());
    }

    @Test
    void decodeTypedEventsOfThinkingAndToolUseMatchTheWire() {
        for (String name : List.of("thinking.sse", "tool-use.sse", "citations.sse", "mcp-tool-use.sse", "compaction.sse",
                "context-management.sse", "fallback.sse", "server-tool-results.sse", "refusal-stop-details.sse",
                "tool-input-invalid-json.sse")) {
            Path stream = FIXTURES.resolve(name);
            Result r = run("decode", stream.toString());
            assertThat(r.exitCode()).as(name + ": " + r).isZero();
            List<JsonNode> sent = new ArrayList<>();
            for (String line : read(stream).split("\r?\n")) {
                if (line.startsWith("data:")) {
                    sent.add(json(line.substring(5).trim()));
                }
            }
            assertThat(r.outJsonLines()).as(name).isEqualTo(sent);
        }
    }

    @Test
    void typedDecodeOfAStreamErrorPrintsTheEventsThenTheErrorLine() {
        Result r = run("decode", FIXTURES.resolve("error-overloaded.sse").toString());
        assertThat(r.exitCode()).isEqualTo(BrookCli.STREAM_ERROR);
        List<JsonNode> lines = r.outJsonLines();
        assertThat(lines.get(lines.size() - 1).get("type").asText()).isEqualTo("error");
        assertThat(lines.get(lines.size() - 1).get("error").get("type").asText()).isEqualTo("overloaded_error");
        assertThat(r.errLines()).hasSize(1);
    }

    @Test
    void debugAddsTheStackTrace() {
        Result r = run("decode", "--final", "--debug", FIXTURES.resolve("truncated.sse").toString());
        assertThat(r.exitCode()).isEqualTo(BrookCli.INCOMPLETE);
        assertThat(r.errLines().get(0)).startsWith("brook: incomplete stream: ");
        assertThat(r.err()).contains("dev.brook.core.error.IncompleteStreamException").contains("\tat ");
    }

    @Test
    void missingFileIsAUsageError() {
        Result r = run("decode", "/no/such/file.sse");
        assertThat(r.exitCode()).isEqualTo(BrookCli.USAGE);
        assertThat(r.err()).isEqualTo("brook: no such file: /no/such/file.sse\n");
    }

    @Test
    void mainExitsWithTheCommandsCode(@TempDir Path dir) throws Exception {
        // The process entry point, in a real JVM: exit code from System.exit, output on stdout.
        Path out = dir.resolve("out.json");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BrookCli.class.getName(),
                "decode", "--final", FIXTURES.resolve("truncated.sse").toString())
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(BrookCli.INCOMPLETE);
        assertThat(err).startsWith("brook: incomplete stream: ");
        assertThat(json(Files.readString(out))).isEqualTo(json(read(FIXTURES.resolve("truncated.snapshot.json"))));
    }
}
