package dev.brook.core.accumulate;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.internal.EventParser;
import dev.brook.core.sse.SseEvent;

/**
 * The accumulator over fuzzer-built event sequences (events of every kind, with fuzzer-chosen indices
 * and payloads, in fuzzer-chosen order): only {@link StreamProtocolException} escapes, never a
 * {@code NullPointerException}, {@code IllegalStateException} or {@code IndexOutOfBoundsException},
 * and a snapshot is always obtainable.
 */
class MessageAccumulatorFuzzTest {
    private static final String[] TEMPLATES = {
        "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"x\",\"content\":%C,\"usage\":{}}}",
        "{\"type\":\"content_block_start\",\"index\":%I,\"content_block\":%B}",
        "{\"type\":\"content_block_delta\",\"index\":%I,\"delta\":%D}",
        "{\"type\":\"content_block_stop\",\"index\":%I}",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":%S,\"container\":%S},\"usage\":{\"output_tokens\":%I},\"context_management\":%S}",
        "{\"type\":\"message_stop\"}",
        "{\"type\":\"ping\"}",
    };
    private static final String[] NAMES = {"message_start", "content_block_start", "content_block_delta",
        "content_block_stop", "message_delta", "message_stop", "ping"};
    private static final String[] BLOCKS = {"{\"type\":\"text\",\"text\":\"\"}",
        "{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":{}}",
        "{\"type\":\"mcp_tool_use\",\"id\":\"m\",\"name\":\"f\",\"server_name\":\"s\",\"input\":{}}",
        "{\"type\":\"thinking\",\"thinking\":\"\"}", "{\"type\":\"compaction\",\"content\":null}",
        "{\"type\":\"fallback\",\"from\":{\"model\":\"a\"},\"to\":{\"model\":\"b\"}}",
        "{\"type\":\"future\"}", "{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"w\",\"content\":[]}"};
    private static final String[] DELTAS = {"{\"type\":\"text_delta\",\"text\":%S}",
        "{\"type\":\"input_json_delta\",\"partial_json\":%S}", "{\"type\":\"thinking_delta\",\"thinking\":%S}",
        "{\"type\":\"signature_delta\",\"signature\":%S}", "{\"type\":\"compaction_delta\",\"content\":%S}",
        "{\"type\":\"citations_delta\",\"citation\":{\"type\":\"char_location\"}}", "{\"type\":\"future_delta\"}"};
    private static final String[] STRINGS = {"null", "\"\"", "\"end_turn\"", "\"{\\\"a\\\":\"", "\"1]\"", "{}", "[1]", "3"};

    @FuzzTest(maxDuration = "10m")
    void onlyProtocolErrorsAndASnapshotAlways(FuzzedDataProvider data) {
        MessageAccumulator acc = new MessageAccumulator();
        EventParser parser = new EventParser();
        int steps = data.consumeInt(0, 40);
        for (int i = 0; i < steps && data.remainingBytes() > 0; i++) {
            int kind = data.consumeInt(0, TEMPLATES.length - 1);
            String json = TEMPLATES[kind]
                    .replace("%C", data.consumeBoolean() ? "[]" : "[" + data.pickValue(BLOCKS) + "]")
                    .replace("%B", data.pickValue(BLOCKS))
                    .replace("%D", data.pickValue(DELTAS))
                    .replace("%I", Integer.toString(data.consumeInt(-1, 4)))
                    .replace("%S", data.pickValue(STRINGS));
            StreamEvent event;
            try {
                event = parser.parse(SseEvent.of(NAMES[kind], json));
            } catch (StreamProtocolException e) {
                continue; // a malformed payload never reaches the accumulator
            }
            try {
                acc.accept(event);
            } catch (StreamProtocolException expected) {
                // the documented failure; the accumulator is unchanged
            }
            acc.snapshot(); // never throws
        }
    }
}
