package dev.brook.core.accumulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.ContentBlockStopEvent;
import dev.brook.core.event.Message;
import dev.brook.core.event.StopReason;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.event.TextBlock;
import dev.brook.core.event.ThinkingBlock;
import dev.brook.core.event.ToolUseBlock;
import dev.brook.core.internal.EventParser;
import dev.brook.core.internal.Json;
import dev.brook.core.json.JsonValue;
import dev.brook.core.sse.SseEvent;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageAccumulatorTest {
    private static final EventParser PARSER = new EventParser();
    private static final String START = "{\"type\": \"message_start\", \"message\": {\"id\": \"msg_1\", \"type\":"
            + " \"message\", \"role\": \"assistant\", \"model\": \"m\", \"content\": [], \"stop_reason\": null,"
            + " \"stop_sequence\": null, \"usage\": {\"input_tokens\": 5, \"output_tokens\": 1}}}";

    private final MessageAccumulator acc = new MessageAccumulator();

    static StreamEvent event(String type, String json) {
        return PARSER.parse(SseEvent.of(type, json));
    }

    static StreamEvent blockStart(int index, String block) {
        return event("content_block_start",
                "{\"type\": \"content_block_start\", \"index\": " + index + ", \"content_block\": " + block + "}");
    }

    static StreamEvent delta(int index, String delta) {
        return event("content_block_delta",
                "{\"type\": \"content_block_delta\", \"index\": " + index + ", \"delta\": " + delta + "}");
    }

    static StreamEvent text(int index, String text) {
        return delta(index, "{\"type\": \"text_delta\", \"text\": \"" + text + "\"}");
    }

    static StreamEvent json(int index, String fragment) throws IOException {
        return delta(index, "{\"type\": \"input_json_delta\", \"partial_json\": "
                + Json.mapper().writeValueAsString(fragment) + "}");
    }

    static StreamEvent stop(int index) {
        return new ContentBlockStopEvent(index);
    }

    static JsonValue tree(String s) throws IOException {
        return JsonValue.parse(s);
    }

    private void started() {
        acc.accept(event("message_start", START));
    }

    private void assertViolation(StreamEvent event, String... messageParts) {
        Message before = acc.snapshot();
        long count = acc.eventCount();
        assertThatThrownBy(() -> acc.accept(event))
                .isInstanceOfSatisfying(StreamProtocolException.class, e -> {
                    assertThat(e.getMessage()).contains(messageParts);
                    assertThat(e.snapshot().orElse(null)).isEqualTo(before);
                });
        assertThat(acc.snapshot()).as("unchanged by the rejected event").isEqualTo(before);
        assertThat(acc.eventCount()).isEqualTo(count);
    }

    @Test
    void secondMessageStartIsAProtocolErrorNamingTheEvent() {
        started();
        assertViolation(event("message_start", START), "Second message_start");
    }

    @Test
    void blockEventBeforeMessageStartIsAProtocolErrorNamingEventAndIndex() {
        assertViolation(blockStart(0, "{\"type\": \"text\", \"text\": \"\"}"),
                "content_block_start at index 0 before message_start");
        assertViolation(text(2, "x"), "content_block_delta (text_delta) at index 2 before message_start");
        assertViolation(stop(1), "content_block_stop at index 1 before message_start");
        assertThat(acc.snapshot()).isNull();
    }

    @Test
    void startIndexMustBeTheNextFreeIndex() {
        started();
        assertViolation(blockStart(1, "{\"type\": \"text\", \"text\": \"\"}"),
                "content_block_start at index 1 is not the next free index 0");
        acc.accept(blockStart(0, "{\"type\": \"text\", \"text\": \"\"}"));
        assertViolation(blockStart(0, "{\"type\": \"text\", \"text\": \"\"}"),
                "content_block_start at index 0 is not the next free index 1");
    }

    @Test
    void deltaOrStopForABlockThatIsNotOpenIsAProtocolError() {
        started();
        assertViolation(text(0, "x"), "content_block_delta (text_delta) at index 0, but no block was started there");
        assertViolation(stop(3), "content_block_stop at index 3, but no block was started there");
        acc.accept(blockStart(0, "{\"type\": \"text\", \"text\": \"\"}"));
        acc.accept(stop(0));
        assertViolation(text(0, "x"), "content_block_delta (text_delta) at index 0, but that block is already stopped");
        assertViolation(stop(0), "content_block_stop at index 0, but that block is already stopped");
    }

    @Test
    void knownDeltaOnTheWrongKnownBlockKindIsAProtocolError() throws IOException {
        started();
        acc.accept(blockStart(0, "{\"type\": \"text\", \"text\": \"\"}"));
        acc.accept(blockStart(1, "{\"type\": \"tool_use\", \"id\": \"t\", \"name\": \"n\", \"input\": {}}"));
        acc.accept(blockStart(2, "{\"type\": \"redacted_thinking\", \"data\": \"abc\"}"));
        acc.accept(blockStart(3, "{\"type\": \"thinking\", \"thinking\": \"\", \"signature\": \"\"}"));
        assertViolation(json(0, "{}"), "index 0", "input_json_delta does not apply to a text block");
        assertViolation(text(1, "x"), "index 1", "text_delta does not apply to a tool_use block");
        assertViolation(delta(0, "{\"type\": \"thinking_delta\", \"thinking\": \"x\"}"),
                "index 0", "thinking_delta does not apply to a text block");
        assertViolation(delta(0, "{\"type\": \"signature_delta\", \"signature\": \"x\"}"),
                "index 0", "signature_delta does not apply to a text block");
        assertViolation(text(2, "x"), "index 2", "text_delta does not apply to a redacted_thinking block");
        assertViolation(delta(3, "{\"type\": \"citations_delta\", \"citation\": {\"type\": \"c\"}}"),
                "index 3", "citations_delta does not apply to a thinking block");
    }

    @Test
    void unknownEventsAndDeltaKindsChangeNothing() {
        started();
        acc.accept(blockStart(0, "{\"type\": \"text\", \"text\": \"a\"}"));
        Message before = acc.snapshot();
        acc.accept(event("future_event", "{\"type\": \"future_event\", \"x\": 1}"));
        acc.accept(event("ping", "{\"type\": \"ping\"}"));
        acc.accept(delta(0, "{\"type\": \"future_delta\", \"blob\": 1}"));
        assertThat(acc.snapshot()).isEqualTo(before);
        assertThat(acc.eventCount()).isEqualTo(5);
    }

    @Test
    void anyDeltaOnAnUnknownBlockKindChangesNothing() throws IOException {
        started();
        acc.accept(blockStart(0, "{\"type\": \"future_block\", \"data\": {\"k\": \"v\"}}"));
        Message before = acc.snapshot();
        acc.accept(json(0, "{\"ignored\": true}"));
        acc.accept(text(0, "ignored"));
        acc.accept(stop(0));
        assertThat(acc.snapshot()).isEqualTo(before);
        assertThat(acc.snapshot().content().get(0).toJson())
                .isEqualTo("{\"type\":\"future_block\",\"data\":{\"k\":\"v\"}}");
    }

    @Test
    void usageMergeReplacesNonNullFieldsAndIgnoresNulls() throws IOException {
        started();
        acc.accept(event("message_delta", "{\"type\": \"message_delta\", \"delta\": {\"stop_reason\": \"end_turn\"},"
                + " \"usage\": {\"output_tokens\": 9, \"input_tokens\": null, \"server_tool_use\": null,"
                + " \"cache_read_input_tokens\": 3}}"));
        assertThat(JsonValue.parse(acc.snapshot().usage().toJson()))
                .isEqualTo(tree("{\"input_tokens\": 5, \"output_tokens\": 9, \"cache_read_input_tokens\": 3}"));
        assertThat(acc.snapshot().usage().inputTokens()).isEqualTo(5);
        assertThat(acc.snapshot().stopReason()).contains(StopReason.END_TURN);
    }

    @Test
    void messageDeltaCopiesEveryDeltaFieldIncludingUnknownOnes() throws IOException {
        started();
        acc.accept(event("message_delta", "{\"type\": \"message_delta\", \"delta\": {\"stop_reason\": \"brand_new\","
                + " \"stop_sequence\": \"END\", \"future\": [1]}, \"usage\": {}}"));
        Message m = acc.snapshot();
        assertThat(m.stopReason()).contains(StopReason.of("brand_new"));
        assertThat(m.stopReason().get().isKnown()).isFalse();
        assertThat(m.stopSequence()).contains("END");
        assertThat(m.unknownFields()).containsEntry("future", tree("[1]"));
    }

    @Test
    void signatureDeltaReplacesTheSignatureAndThinkingDeltasAppend() {
        started();
        acc.accept(blockStart(0, "{\"type\": \"thinking\", \"thinking\": \"\", \"signature\": \"old\"}"));
        acc.accept(delta(0, "{\"type\": \"thinking_delta\", \"thinking\": \"a\"}"));
        acc.accept(delta(0, "{\"type\": \"signature_delta\", \"signature\": \"s1\"}"));
        acc.accept(delta(0, "{\"type\": \"thinking_delta\", \"thinking\": \"b\"}"));
        acc.accept(delta(0, "{\"type\": \"signature_delta\", \"signature\": \"s2\"}"));
        assertThat(acc.snapshot().content().get(0))
                .isEqualTo(new ThinkingBlock("ab", Optional.of("s2"), java.util.Map.of()));
    }

    @Test
    void citationsDeltaCreatesTheCitationsListWhenAbsent() throws IOException {
        started();
        acc.accept(blockStart(0, "{\"type\": \"text\", \"text\": \"\"}"));
        assertThat(acc.snapshot().content().get(0).toJson()).isEqualTo("{\"type\":\"text\",\"text\":\"\"}");
        acc.accept(delta(0, "{\"type\": \"citations_delta\", \"citation\": {\"type\": \"c\", \"n\": 1}}"));
        acc.accept(text(0, "hi"));
        TextBlock t = (TextBlock) acc.snapshot().content().get(0);
        JsonValue citation = tree("{\"type\": \"c\", \"n\": 1}");
        assertThat(t.citations()).hasValueSatisfying(c -> assertThat(c).containsExactly(citation));
        assertThat(t.text()).isEqualTo("hi");
    }

    @Test
    void toolInputIsJoinedAndParsedAtStopWithALivePartialValueBefore() throws IOException {
        started();
        acc.accept(blockStart(0, "{\"type\": \"tool_use\", \"id\": \"t1\", \"name\": \"f\", \"input\": {}}"));
        assertThat(acc.partialInput(0)).contains(tree("{}"));
        acc.accept(json(0, ""));
        acc.accept(json(0, "{\"city\": \"Par"));
        assertThat(acc.partialInput(0)).contains(tree("{\"city\": \"Par\"}"));
        assertThat(((ToolUseBlock) acc.snapshot().content().get(0)).input()).isEqualTo(tree("{\"city\": \"Par\"}"));
        acc.accept(json(0, "is\", \"n\": 12"));
        assertThat(acc.partialInput(0)).contains(tree("{\"city\": \"Paris\"}"));
        acc.accept(json(0, "3}"));
        acc.accept(stop(0));
        assertThat(acc.partialInput(0)).contains(tree("{\"city\": \"Paris\", \"n\": 123}"));
        assertThat(((ToolUseBlock) acc.snapshot().content().get(0)).input()).isEqualTo(tree("{\"city\": \"Paris\", \"n\": 123}"));
        assertThat(acc.partialInput(1)).isEmpty();
    }

    @Test
    void emptyInputJsonJoinKeepsTheStartInput() throws IOException {
        started();
        acc.accept(blockStart(0, "{\"type\": \"server_tool_use\", \"id\": \"s\", \"name\": \"web_search\", \"input\": {}}"));
        acc.accept(json(0, ""));
        acc.accept(stop(0));
        assertThat(acc.partialInput(0)).contains(tree("{}"));
    }

    @Test
    void inputCutOffByMaxTokensIsTheBestEffortValueNotAnError() throws IOException {
        started();
        acc.accept(blockStart(0, "{\"type\": \"tool_use\", \"id\": \"t1\", \"name\": \"f\", \"input\": {}}"));
        acc.accept(json(0, "{\"a\": [1, 2], \"b\": \"unfini"));
        acc.accept(stop(0));
        assertThat(acc.partialInput(0)).contains(tree("{\"a\": [1, 2], \"b\": \"unfini\"}"));
    }

    @Test
    void snapshotsAreImmutableAndUnaffectedByLaterEvents() {
        started();
        acc.accept(blockStart(0, "{\"type\": \"text\", \"text\": \"\"}"));
        acc.accept(text(0, "one"));
        Message first = acc.snapshot();
        acc.accept(text(0, " two"));
        assertThat(first.text()).isEqualTo("one");
        assertThat(acc.snapshot().text()).isEqualTo("one two");
        assertThatThrownBy(() -> first.content().add(new TextBlock("x"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void completesAtMessageStopAndRejectsEventsAfterIt() {
        started();
        acc.accept(event("message_stop", "{\"type\": \"message_stop\"}"));
        assertThat(acc.isComplete()).isTrue();
        assertViolation(event("ping", "{\"type\": \"ping\"}"), "Unexpected ping event after message_stop");
    }

    @Test
    void messageStartFieldsAreKeptUnknownOnesToo() throws IOException {
        acc.accept(event("message_start", "{\"type\": \"message_start\", \"message\": {\"id\": \"m\", \"type\": \"message\","
                + " \"role\": \"assistant\", \"model\": \"x\", \"content\": [], \"stop_reason\": null,"
                + " \"stop_sequence\": null, \"usage\": {\"input_tokens\": 1, \"output_tokens\": 1}, \"container\": null}}"));
        assertThat(tree(acc.snapshot().toJson())).isEqualTo(tree("{\"id\": \"m\", \"type\": \"message\","
                + " \"role\": \"assistant\", \"model\": \"x\", \"content\": [], \"stop_reason\": null,"
                + " \"stop_sequence\": null, \"usage\": {\"input_tokens\": 1, \"output_tokens\": 1}, \"container\": null}"));
    }
}
