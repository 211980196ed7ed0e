package dev.brook.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.ContentBlockStartEvent;
import dev.brook.core.event.ContentBlockStopEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.ErrorEvent;
import dev.brook.core.event.MessageDeltaEvent;
import dev.brook.core.event.MessageStopEvent;
import dev.brook.core.event.PingEvent;
import dev.brook.core.event.StopReason;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.event.UnknownBlock;
import dev.brook.core.event.UnknownEvent;
import dev.brook.core.event.WebFetchToolResultBlock;
import dev.brook.core.json.JsonValue;
import dev.brook.core.sse.SseEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventParserTest {
    private final EventParser parser = new EventParser();

    static JsonNode tree(String s) throws IOException {
        return Json.mapper().readTree(s);
    }

    static JsonValue value(String s) {
        return JsonValue.parse(s);
    }

    /** What the tree path gives: the reference the byte-level fast path must match. */
    static Delta treeDelta(String json) throws IOException {
        return EventParser.delta(tree(json).get("delta"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"Hello\"}}",
        "{\"type\":\"content_block_delta\",\"index\":12,\"delta\":{\"type\":\"text_delta\",\"text\":\"\"}}",
        "{\"delta\": {\"text\": \"reordered\", \"type\": \"text_delta\"}, \"index\": 3, \"type\": \"content_block_delta\"}",
        " \n{ \"index\" : 0 ,\t\"delta\" : { \"type\" : \"thinking_delta\" , \"thinking\" : \"t\" } } \n",
        "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"caf\u00e9 \u2014 \ud83c\udf0a \u201cq\u201d\"}}",
        "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"a\\nb\\t\\\"c\\\"\\\\ \\/ \\u00e9\\ud83c\\udf0a\\b\\f\\r\"}}",
        "{\"type\": \"content_block_delta\", \"index\": 1, \"delta\": {\"type\": \"input_json_delta\", \"partial_json\": \"{\\\"a\\\": 1\"}}",
        "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"signature_delta\", \"signature\": \"EqQB\"}}",
        // shapes the fast path leaves to Jackson: extra keys, other kinds, duplicate keys
        "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"x\", \"extra\": 1}}",
        "{\"type\": \"content_block_delta\", \"index\": 0, \"extra\": null, \"delta\": {\"type\": \"text_delta\", \"text\": \"x\"}}",
        "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"citations_delta\", \"citation\": {\"a\": 1}}}",
        "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"future_delta\", \"text\": \"x\"}}",
        "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"thinking\": \"x\"}}",
        "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"a\", \"text\": \"b\"}}"
    })
    void contentBlockDeltaParsesLikeTheTreePath(String json) throws IOException {
        for (String sseType : new String[] {"content_block_delta", "message"}) {
            if (sseType.equals("message") && !json.contains("content_block_delta")) {
                continue;
            }
            StreamEvent e = parser.parse(SseEvent.of(sseType, json));
            assertThat(e).isInstanceOf(ContentBlockDeltaEvent.class);
            ContentBlockDeltaEvent d = (ContentBlockDeltaEvent) e;
            assertThat(d.index()).isEqualTo(tree(json).get("index").intValue());
            assertThat(d.delta()).as(json).isEqualTo(treeDelta(json));
        }
    }

    @Test
    void textDeltaDecodesEscapesAndNonAscii() {
        StreamEvent e = parser.parse(SseEvent.of("content_block_delta",
                "{\"type\": \"content_block_delta\", \"index\": 2, \"delta\": {\"type\": \"text_delta\","
                        + " \"text\": \"\u201cNa\u00efve\u201d\\n\\u2603 \ud83c\udf0a\"}}"));
        assertThat(e).isEqualTo(new ContentBlockDeltaEvent(2, new Delta.TextDelta("\u201cNa\u00efve\u201d\n\u2603 \ud83c\udf0a")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "content_block_delta|{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"unterminated",
        "content_block_delta|{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"x\"}} trailing",
        "message_start|{not json}",
        "ping|",
        "error|<html>",
        "content_block_delta|{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"bad\u0001control\"}}"
    })
    void malformedJsonInAKnownEventIsAProtocolErrorNamingTheEventAndCarryingTheRawData(String type, String data) {
        String raw = data == null ? "" : data;
        assertThatThrownBy(() -> parser.parse(SseEvent.of(type, raw)))
                .isInstanceOfSatisfying(StreamProtocolException.class, e -> {
                    assertThat(e.getMessage()).startsWith("Malformed JSON in " + type + " event");
                    assertThat(e.rawEvent()).contains(raw);
                });
    }

    @Test
    void invalidUtf8InATextDeltaIsNotSilentlyAccepted() {
        byte[] bytes = "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"X\"}}"
                .getBytes(StandardCharsets.UTF_8);
        int x = new String(bytes, StandardCharsets.UTF_8).indexOf('X');
        bytes[x] = (byte) 0xC3; // a lead byte followed by a quote
        byte[] data = bytes;
        assertThatThrownBy(() -> parser.parse(new SseEvent("content_block_delta", data, "", -1)))
                .isInstanceOf(StreamProtocolException.class);
    }

    @Test
    void knownEventsMissingRequiredFieldsAreProtocolErrors() {
        assertThatThrownBy(() -> parser.parse(SseEvent.of("content_block_stop", "{\"type\": \"content_block_stop\"}")))
                .isInstanceOf(StreamProtocolException.class)
                .hasMessageContaining("Invalid content_block_stop event: \"index\" must be an integer");
        assertThatThrownBy(() -> parser.parse(SseEvent.of("content_block_delta", "{\"type\": \"content_block_delta\","
                + " \"index\": 7.0, \"delta\": {\"type\": \"text_delta\", \"text\": \"x\"}}")))
                .hasMessageContaining("Invalid content_block_delta event: \"index\" must be an integer, got 7.0");
        assertThatThrownBy(() -> parser.parse(SseEvent.of("content_block_start", "{\"index\": 0}")))
                .hasMessageContaining("Invalid content_block_start event: \"content_block\" must be a JSON object");
        assertThatThrownBy(() -> parser.parse(SseEvent.of("message_start", "[1]")))
                .hasMessageContaining("Invalid message_start event: the data is a JSON array");
    }

    @Test
    void unnamedEventsAreTypedByTheirJsonTypeField() {
        assertThat(parser.parse(SseEvent.of("message", "{\"type\": \"ping\"}"))).isEqualTo(PingEvent.INSTANCE);
        assertThat(parser.parse(SseEvent.of("message", "{\"type\": \"content_block_stop\", \"index\": 4}")))
                .isEqualTo(new ContentBlockStopEvent(4));
        assertThat(parser.parse(SseEvent.of("message", "{\"type\": \"message_stop\"}"))).isEqualTo(MessageStopEvent.INSTANCE);
    }

    @Test
    void theSseEventNameWinsOverTheJsonTypeField() {
        assertThat(parser.parse(SseEvent.of("ping", "{\"type\": \"message_stop\"}"))).isEqualTo(PingEvent.INSTANCE);
    }

    @Test
    void aNumberOutOfRangeIsAProtocolErrorNotAnUncheckedNumberFormatException() {
        assertThatThrownBy(() -> parser.parse(SseEvent.of("message_delta",
                "{\"type\": \"message_delta\", \"delta\": {}, \"usage\": {\"output_tokens\": 7E777777777777777777}}")))
                .isInstanceOf(dev.brook.core.error.StreamProtocolException.class)
                .hasMessageContaining("A number out of range");
    }

    @Test
    void unknownEventsAreKeptRaw() throws IOException {
        String data = "{\"type\": \"future_event\", \"payload\": {\"x\": 1}}";
        StreamEvent e = parser.parse(SseEvent.of("future_event", data));
        assertThat(e).isEqualTo(new UnknownEvent("future_event", Optional.of(value(data)), data));
        assertThat(e.type()).isEqualTo("future_event");
    }

    @Test
    void errorEventsCarryTypeMessageAndRaw() throws IOException {
        String json = "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}";
        assertThat(parser.parse(SseEvent.of("error", json)))
                .isEqualTo(new ErrorEvent("overloaded_error", "Overloaded", value(json)));
    }

    @Test
    void messageDeltaKeepsPresenceOfItsFields() throws IOException {
        MessageDeltaEvent e = (MessageDeltaEvent) parser.parse(SseEvent.of("message_delta",
                "{\"type\": \"message_delta\", \"delta\": {\"stop_reason\": \"tool_use\", \"stop_sequence\": null,"
                        + " \"x\": 1}, \"usage\": {\"output_tokens\": 3}}"));
        assertThat(e.delta()).containsOnlyKeys("stop_reason", "stop_sequence", "x");
        assertThat(e.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(e.stopSequence()).isEmpty();
        assertThat(e.usage().outputTokens()).isEqualTo(3);
        assertThat(e.usage().fields()).isEqualTo(Map.of("output_tokens", value("3")));
    }

    @Test
    void blockStartKeepsKnownAndUnknownBlocksWhole() throws IOException {
        ContentBlockStartEvent e = (ContentBlockStartEvent) parser.parse(SseEvent.of("content_block_start",
                "{\"type\": \"content_block_start\", \"index\": 2, \"content_block\": {\"type\": \"web_fetch_tool_result\","
                        + " \"tool_use_id\": \"srv_1\", \"content\": {\"type\": \"web_fetch_result\"}, \"caller\": {}}}"));
        assertThat(e.index()).isEqualTo(2);
        assertThat(e.contentBlock()).isEqualTo(new WebFetchToolResultBlock("srv_1",
                value("{\"type\": \"web_fetch_result\"}"), Map.of("caller", value("{}"))));
        ContentBlockStartEvent missing = (ContentBlockStartEvent) parser.parse(SseEvent.of("content_block_start",
                "{\"index\": 0, \"content_block\": {\"type\": \"tool_use\", \"name\": \"no id\"}}"));
        assertThat(missing.contentBlock()).isInstanceOf(UnknownBlock.class);
        assertThat(missing.contentBlock().type()).isEqualTo("tool_use");
    }
}
