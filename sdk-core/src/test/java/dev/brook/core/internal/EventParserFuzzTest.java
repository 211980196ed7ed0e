package dev.brook.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.sse.SseEvent;
import java.nio.charset.StandardCharsets;

/**
 * The event parser on fuzzer-chosen data under every event name: only {@link StreamProtocolException}
 * escapes, and whenever the byte-level fast path reads a delta, the Jackson path reads the same one.
 */
class EventParserFuzzTest {
    private static final String[] NAMES = {"message_start", "content_block_start", "content_block_delta",
        "content_block_stop", "message_delta", "message_stop", "ping", "error", "message", "future_kind"};
    private final EventParser parser = new EventParser();
    private final FastDeltaParser fastParser = new FastDeltaParser();

    @FuzzTest(maxDuration = "10m")
    void onlyProtocolErrorsAndTheFastPathAgrees(FuzzedDataProvider data) {
        String name = data.pickValue(NAMES);
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            parser.parse(SseEvent.of(name, new String(bytes, StandardCharsets.UTF_8)));
        } catch (StreamProtocolException expected) {
            // the one documented failure
        }
        ContentBlockDeltaEvent fast = fastParser.tryParse(bytes, 0, bytes.length, name.equals("message"));
        if (fast != null) {
            JsonNode tree;
            try {
                tree = Json.mapper().readTree(bytes);
            } catch (java.io.IOException e) {
                throw new AssertionError("the fast path read " + fast + " from data Jackson rejects", e);
            }
            assertThat(tree.path("index").intValue()).isEqualTo(fast.index());
            assertThat(EventParser.delta(tree.get("delta"))).isEqualTo(fast.delta());
        }
    }
}
