package dev.brook.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.internal.EventParser;
import dev.brook.core.json.JsonValue;
import dev.brook.core.sse.SseEvent;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How {@link EventParser} keeps events of kinds it does not know, and where it still fails. */
class UnknownEventParsingTest {
    private static final String[] KNOWN_NAMES = {"message_start", "content_block_start", "content_block_delta",
        "content_block_stop", "message_delta", "message_stop", "ping", "error"};

    private final EventParser parser = new EventParser();

    private static JsonValue tree(String s) throws IOException {
        return JsonValue.parse(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "hello",
        "",
        "   ",
        "line one\nline two",
        "<html>Bad gateway</html>",
        "{\"type\": \"future_plain\", \"x\": ",
        "{\"type\": \"future_plain\"} trailing",
        "{\"a\": 1}{\"b\": 2}",
        "caf\u00e9 \ud83c\udf0a"
    })
    void anUnknownEventNameWithDataThatIsNotJsonIsKeptAsTextWithAMissingTree(String data) {
        StreamEvent e = parser.parse(SseEvent.of("future_plain", data));
        assertThat(e).isInstanceOf(UnknownEvent.class);
        UnknownEvent u = (UnknownEvent) e;
        assertThat(u.type()).isEqualTo("future_plain");
        assertThat(u.data()).isEqualTo(data);
        assertThat(u.raw()).as("raw of %s", data).isEmpty();
    }

    @Test
    void anUnknownEventWithJsonDataKeepsTheTreeAndTheTextExactlyAsSent() throws IOException {
        String data = " {\"type\": \"future_event\",  \"n\": 1.50, \"s\": \"\ud83c\udf0a\"} ";
        UnknownEvent u = (UnknownEvent) parser.parse(SseEvent.of("future_event", data));
        assertThat(u.raw()).contains(tree(data));
        assertThat(((JsonValue.JsonNumber) u.raw().orElseThrow().get("n").orElseThrow()).value().toPlainString())
                .isEqualTo("1.50");
        assertThat(u.raw().orElseThrow().toJson()).contains("1.50");
        assertThat(u.data()).isEqualTo(data);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "\"hello\"", "null", "[1, 2]", "true"})
    void anUnknownEventWithAJsonValueOtherThanAnObjectKeepsItAsTheTree(String data) throws IOException {
        UnknownEvent u = (UnknownEvent) parser.parse(SseEvent.of("future_scalar", data));
        assertThat(u.raw()).contains(tree(data));
        assertThat(u.data()).isEqualTo(data);
    }

    @Test
    void anUnknownEventsTextDecodesInvalidUtf8AsTheSseEventDoes() {
        // ED A0 80 is an encoded surrogate: WHATWG gives one U+FFFD per byte, the JDK decoder one in all.
        byte[] bytes = {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'b'};
        SseEvent sse = new SseEvent("future_bytes", bytes, "", -1);
        UnknownEvent u = (UnknownEvent) parser.parse(sse);
        assertThat(u.data()).isEqualTo(sse.data()).isEqualTo("a\ufffd\ufffd\ufffdb");
        assertThat(u.raw()).isEmpty();
    }

    @Test
    void everyKnownEventNameWithDataThatIsNotJsonIsAProtocolErrorNamingTheEvent() {
        for (String name : KNOWN_NAMES) {
            for (String data : new String[] {"hello", "", "{\"type\": \"" + name + "\"", "{\"type\": \"" + name + "\"} x"}) {
                assertThatThrownBy(() -> parser.parse(SseEvent.of(name, data)))
                        .as("%s with data %s", name, data)
                        .isInstanceOfSatisfying(StreamProtocolException.class, e -> {
                            assertThat(e.getMessage()).startsWith("Malformed JSON in " + name + " event: ");
                            assertThat(e.rawEvent()).hasValue(data);
                        });
            }
        }
    }

    @Test
    void theProtocolErrorSaysWhatIsWrongWithTheData() {
        assertThatThrownBy(() -> parser.parse(SseEvent.of("ping", "")))
                .hasMessage("Malformed JSON in ping event: the data is empty");
        assertThatThrownBy(() -> parser.parse(SseEvent.of("ping", "{\"type\": \"ping\"} {}")))
                .hasMessage("Malformed JSON in ping event: unexpected content after the JSON value");
        assertThatThrownBy(() -> parser.parse(SseEvent.of("message_stop", "hello")))
                .hasMessageStartingWith("Malformed JSON in message_stop event: Unrecognized token 'hello'")
                .hasCauseInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "", "[1, 2", "<html>"})
    void anUnnamedEventWithDataThatIsNotJsonIsAnUnknownEventOfTypeMessage(String data) {
        StreamEvent e = parser.parse(SseEvent.of("message", data));
        assertThat(e).isInstanceOf(UnknownEvent.class);
        UnknownEvent u = (UnknownEvent) e;
        assertThat(u.type()).isEqualTo("message");
        assertThat(u.data()).isEqualTo(data);
        assertThat(u.raw()).isEmpty();
    }

    @Test
    void anUnnamedEventIsTypedByItsJsonTypeAndKeptWhenThatTypeIsUnknown() throws IOException {
        String future = "{\"type\": \"future_event\", \"x\": 1}";
        assertThat(parser.parse(SseEvent.of("message", future)))
                .isEqualTo(new UnknownEvent("future_event", Optional.of(tree(future)), future));
        String untyped = "{\"x\": 1}";
        assertThat(parser.parse(SseEvent.of("message", untyped)))
                .isEqualTo(new UnknownEvent("message", Optional.of(tree(untyped)), untyped));
        String numericType = "{\"type\": 7}";
        assertThat(parser.parse(SseEvent.of("message", numericType)))
                .isEqualTo(new UnknownEvent("message", Optional.of(tree(numericType)), numericType));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {", "{} {}", "  {\"type\""})
    void anUnnamedEventThatStartsAsAJsonObjectButDoesNotParseIsAProtocolErrorNotSilentlySkipped(String data) {
        assertThatThrownBy(() -> parser.parse(SseEvent.of("message", data)))
                .isInstanceOf(StreamProtocolException.class)
                .hasMessageContaining("unnamed");
    }

    @Test
    void anUnnamedEventWhoseJsonTypeIsKnownButWhoseShapeIsWrongIsStillAProtocolError() {
        assertThatThrownBy(() -> parser.parse(SseEvent.of("message", "{\"type\": \"content_block_stop\"}")))
                .isInstanceOf(StreamProtocolException.class)
                .hasMessageContaining("Invalid content_block_stop event: \"index\" must be an integer");
    }

    @Test
    void aKnownEventNameIsNotMistakenForUnknownWhenItsDataIsValid() {
        assertThat(parser.parse(SseEvent.of("ping", "{\"type\": \"ping\"}"))).isEqualTo(PingEvent.INSTANCE);
        assertThat(parser.parse(SseEvent.of("content_block_delta",
                "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"x\"}}")))
                .isEqualTo(new ContentBlockDeltaEvent(0, new Delta.TextDelta("x")));
    }

    @Test
    void theTwoArgumentConstructorUsesTheCompactJsonAsTheText() throws IOException {
        UnknownEvent u = new UnknownEvent("future_event", tree("{\"type\": \"future_event\", \"a\": [1, 2]}"));
        assertThat(u.data()).isEqualTo("{\"type\":\"future_event\",\"a\":[1,2]}");
        // A parsed event equals a hand-built one when the server sent compact JSON.
        String compact = "{\"type\":\"future_event\",\"a\":[1,2]}";
        assertThat(parser.parse(SseEvent.of("future_event", compact))).isEqualTo(new UnknownEvent("future_event", tree(compact)));
    }

    @Test
    void nullArgumentsAreRejected() {
        Optional<JsonValue> missing = Optional.empty();
        assertThatThrownBy(() -> new UnknownEvent(null, missing, "")).isInstanceOf(NullPointerException.class)
                .hasMessage("type");
        assertThatThrownBy(() -> new UnknownEvent("x", (Optional<JsonValue>) null, "")).isInstanceOf(NullPointerException.class)
                .hasMessage("raw");
        assertThatThrownBy(() -> new UnknownEvent("x", missing, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("data");
        assertThatThrownBy(() -> new UnknownEvent("x", (JsonValue) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("raw");
        assertThatThrownBy(() -> new UnknownEvent(null, JsonValue.NULL)).isInstanceOf(NullPointerException.class)
                .hasMessage("type");
    }
}
