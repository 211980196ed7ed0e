package dev.brook.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hot path must really take the common shapes, and leave everything else to the tree path. */
class FastDeltaParserTest {
    private static final FastDeltaParser PARSER = new FastDeltaParser();

    static ContentBlockDeltaEvent fast(String json, boolean requireType) {
        byte[] b = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
        int len = json.getBytes(StandardCharsets.UTF_8).length;
        return PARSER.tryParse(b, 2, len, requireType); // an offset inside a larger array
    }

    @Test
    void takesTheCommonDeltaShapes() {
        assertThat(fast("{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"Once \"}}", true))
                .isEqualTo(new ContentBlockDeltaEvent(0, new Delta.TextDelta("Once ")));
        assertThat(fast("{\"type\":\"content_block_delta\",\"index\":10,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\":\"}}", true))
                .isEqualTo(new ContentBlockDeltaEvent(10, new Delta.InputJsonDelta("{\"a\":")));
        assertThat(fast("{\"index\": 1, \"delta\": {\"thinking\": \"\u00e9\\n\ud83c\udf0a\", \"type\": \"thinking_delta\"}}", false))
                .isEqualTo(new ContentBlockDeltaEvent(1, new Delta.ThinkingDelta("\u00e9\n\ud83c\udf0a")));
        assertThat(fast("{\"index\": 0, \"delta\": {\"type\": \"signature_delta\", \"signature\": \"s\\u0041\"}}", false))
                .isEqualTo(new ContentBlockDeltaEvent(0, new Delta.SignatureDelta("sA")));
    }

    @Test
    void leavesEverythingElseToTheTreePath() {
        String[] others = {
            "{\"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"x\"}}", // no type, but required here
            "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"citations_delta\", \"citation\": {}}}",
            "{\"type\": \"content_block_delta\", \"index\": -1, \"delta\": {\"type\": \"text_delta\", \"text\": \"x\"}}",
            "{\"type\": \"content_block_delta\", \"index\": 01, \"delta\": {\"type\": \"text_delta\", \"text\": \"x\"}}",
            "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"x\"}",
            "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"x\"}} x",
            "{\"type\": \"message_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"x\"}}",
            "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"a\\x\"}}",
            "{\"type\": \"content_block_delta\", \"index\": 0, \"index\": 1, \"delta\": {\"type\": \"text_delta\", \"text\": \"x\"}}",
        };
        for (String json : others) {
            assertThat(fast(json, true)).as(json).isNull();
        }
    }

    @Test
    void reusesItsDecodeBufferWithoutMixingDeltas() {
        // Long, short, then longer than the kept buffer may grow, then short again: each result is exactly
        // its own text, whatever an earlier delta left in the buffer.
        String[] texts = {"\u00e9".repeat(300) + "end", "\u00fc", "\n".repeat(10_000) + "\u00e9", "\"x\"", ""};
        for (int i = 0; i < texts.length; i++) {
            String escaped = texts[i].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
            String json = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\""
                    + escaped + "\"}}";
            assertThat(fast(json, true)).as(texts[i].length() + " chars")
                    .isEqualTo(new ContentBlockDeltaEvent(0, new Delta.TextDelta(texts[i])));
        }
    }
}
