package dev.brook.cli;

import static dev.brook.cli.CliRunner.conformanceDir;
import static dev.brook.cli.CliRunner.json;
import static dev.brook.cli.CliRunner.read;
import static dev.brook.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.cli.CliRunner.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code brook decode} on captures holding events of kinds Brook does not know (issue 14, point 5). */
class DecodeUnknownEventsTest {
    private static final Path FIXTURES = conformanceDir().resolve("fixtures");
    private static final String PLAIN = "event: future_plain\ndata: hello\n\n";

    /** The text-basic fixture with {@code extra} inserted after its first content_block_delta. */
    private static String textBasicWith(String extra) {
        String capture = read(FIXTURES.resolve("text-basic.sse"));
        int firstDelta = capture.indexOf("event: content_block_delta\n");
        int afterIt = capture.indexOf("\n\n", firstDelta) + 2;
        return capture.substring(0, afterIt) + extra + capture.substring(afterIt);
    }

    private static Path write(Path dir, String capture) throws IOException {
        Path file = dir.resolve("capture.sse");
        Files.writeString(file, capture, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void decodeFinalOfACaptureWithANonJsonUnknownEventExitsZeroWithTheUsualMessage(@TempDir Path dir) throws IOException {
        Result r = run("decode", "--final", write(dir, textBasicWith(PLAIN)).toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        assertThat(json(r.out())).isEqualTo(json(read(FIXTURES.resolve("text-basic.final.json"))));
    }

    @Test
    void decodePrintsANonJsonUnknownEventWithItsDataAsText(@TempDir Path dir) throws IOException {
        Result r = run("decode", write(dir, textBasicWith(PLAIN)).toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        // message_start, content_block_start, ping, the first delta, then the unknown event.
        assertThat(r.outLines().get(4)).isEqualTo("{\"type\":\"future_plain\",\"data_text\":\"hello\"}");
        List<JsonNode> lines = r.outJsonLines();
        assertThat(lines.get(lines.size() - 1).get("type").asText()).isEqualTo("message_stop");
    }

    @Test
    void decodeKeepsEmptyAndJsonUnknownDataApartFromText() {
        String extra = "event: future_empty\ndata:\n\n"
                + "event: future_string\ndata: \"hello\"\n\n"
                + "event: future_number\ndata: 42\n\n"
                + "event: future_object\ndata: {\"type\": \"future_object\", \"x\": 1}\n\n";
        byte[] capture = textBasicWith(extra).getBytes(StandardCharsets.UTF_8);
        Result r = CliRunner.run(Map.of(), capture, false, "decode", "-");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines().subList(4, 8)).containsExactly(
                "{\"type\":\"future_empty\",\"data_text\":\"\"}",
                "{\"type\":\"future_string\",\"data\":\"hello\"}",
                "{\"type\":\"future_number\",\"data\":42}",
                "{\"type\":\"future_object\",\"x\":1}");
    }

    @Test
    void decodeOfAnUnnamedCaptureWithNonJsonDataExitsZero() {
        String capture = read(FIXTURES.resolve("no-event-names.sse"));
        int second = capture.indexOf("\n\n") + 2;
        byte[] withPlain = (capture.substring(0, second) + "data: hello\n\n" + capture.substring(second))
                .getBytes(StandardCharsets.UTF_8);
        Result r = CliRunner.run(Map.of(), withPlain, false, "decode", "--final", "-");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(json(r.out())).isEqualTo(json(read(FIXTURES.resolve("no-event-names.final.json"))));
        Result events = CliRunner.run(Map.of(), withPlain, false, "decode", "-");
        assertThat(events.outLines().get(1)).isEqualTo("{\"type\":\"message\",\"data_text\":\"hello\"}");
    }

    @Test
    void aKnownEventWithNonJsonDataIsStillAProtocolError() {
        byte[] capture = textBasicWith("event: content_block_delta\ndata: hello\n\n").getBytes(StandardCharsets.UTF_8);
        Result r = CliRunner.run(Map.of(), capture, false, "decode", "--final", "-");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(BrookCli.PROTOCOL);
        assertThat(r.err()).startsWith("brook: protocol error: ").contains("content_block_delta");
    }
}
