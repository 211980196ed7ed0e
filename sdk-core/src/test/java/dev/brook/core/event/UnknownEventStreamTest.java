package dev.brook.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.brook.core.accumulate.MessageStreamDecoder;
import dev.brook.core.error.StreamProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unknown events through the whole pipeline ({@link MessageStreamDecoder}): kept, and the message unaffected. */
class UnknownEventStreamTest {
    private static final String START = "{\"type\": \"message_start\", \"message\": {\"id\": \"msg_01A\", \"type\": \"message\","
            + " \"role\": \"assistant\", \"model\": \"claude-opus-4-6\", \"content\": [], \"stop_reason\": null,"
            + " \"stop_sequence\": null, \"usage\": {\"input_tokens\": 25, \"output_tokens\": 1}}}";
    private static final String BLOCK_START = "{\"type\": \"content_block_start\", \"index\": 0, \"content_block\":"
            + " {\"type\": \"text\", \"text\": \"\"}}";
    private static final String BLOCK_STOP = "{\"type\": \"content_block_stop\", \"index\": 0}";
    private static final String MESSAGE_DELTA = "{\"type\": \"message_delta\", \"delta\": {\"stop_reason\": \"end_turn\","
            + " \"stop_sequence\": null}, \"usage\": {\"output_tokens\": 3}}";
    private static final String MESSAGE_STOP = "{\"type\": \"message_stop\"}";

    private static String delta(String text) {
        return "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"" + text + "\"}}";
    }

    /** One SSE block; {@code name} null for an unnamed event. */
    private static String block(String name, String data) {
        StringBuilder b = new StringBuilder();
        if (name != null) {
            b.append("event: ").append(name).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            b.append("data: ").append(line).append('\n');
        }
        return b.append('\n').toString();
    }

    /** A text stream in the style of the text-basic fixture, with {@code extra} blocks after the first delta. */
    private static String stream(boolean named, String extra) {
        return block(named ? "message_start" : null, START)
                + block(named ? "content_block_start" : null, BLOCK_START)
                + block(named ? "content_block_delta" : null, delta("Once "))
                + extra
                + block(named ? "content_block_delta" : null, delta("upon a time."))
                + block(named ? "content_block_stop" : null, BLOCK_STOP)
                + block(named ? "message_delta" : null, MESSAGE_DELTA)
                + block(named ? "message_stop" : null, MESSAGE_STOP);
    }

    private record Run(List<StreamEvent> events, Message message) {
    }

    private static Run decode(String stream) {
        List<StreamEvent> events = new ArrayList<>();
        MessageStreamDecoder d = new MessageStreamDecoder(events::add);
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        // Fed in small pieces so that events straddle feeds, as they do on the wire.
        for (int i = 0; i < bytes.length; i += 7) {
            d.feed(bytes, i, Math.min(7, bytes.length - i));
        }
        return new Run(events, d.end());
    }

    private static List<UnknownEvent> unknowns(Run run) {
        return run.events().stream().filter(UnknownEvent.class::isInstance).map(UnknownEvent.class::cast).toList();
    }

    @Test
    void aNonJsonUnknownEventBetweenKnownEventsIsDeliveredRawAndLeavesTheMessageUnchanged() {
        Message expected = decode(stream(true, "")).message();
        Run run = decode(stream(true, "event: future_plain\ndata: hello\n\n"));
        assertThat(run.message()).isEqualTo(expected);
        assertThat(run.message().text()).isEqualTo("Once upon a time.");
        assertThat(unknowns(run)).singleElement().satisfies(u -> {
            assertThat(u.type()).isEqualTo("future_plain");
            assertThat(u.data()).isEqualTo("hello");
            assertThat(u.raw()).isEmpty();
        });
        // Delivered in stream order: right after the first delta.
        assertThat(run.events().get(3)).isInstanceOf(UnknownEvent.class);
    }

    @Test
    void unknownEventsWithEmptyTruncatedOrMultiLineDataAreAllKept() {
        Message expected = decode(stream(true, "")).message();
        String extra = "event: future_empty\ndata:\n\n"
                + "event: future_cut\ndata: {\"type\": \"future_cut\", \"x\": [1,\n\n"
                + "event: future_lines\ndata: a\ndata: b\n\n"
                + "event: future_json\ndata: {\"type\": \"future_json\"}\n\n";
        Run run = decode(stream(true, extra));
        assertThat(run.message()).isEqualTo(expected);
        assertThat(unknowns(run)).extracting(UnknownEvent::type, UnknownEvent::data)
                .containsExactly(
                        tuple("future_empty", ""),
                        tuple("future_cut", "{\"type\": \"future_cut\", \"x\": [1,"),
                        tuple("future_lines", "a\nb"),
                        tuple("future_json", "{\"type\": \"future_json\"}"));
        assertThat(unknowns(run)).extracting(u -> u.raw().isEmpty()).containsExactly(true, true, true, false);
    }

    @Test
    void anUnnamedStreamKeepsNonJsonDataAsAnUnknownMessageEvent() {
        Message expected = decode(stream(false, "")).message();
        Run run = decode(stream(false, "data: hello\n\n"));
        assertThat(run.message()).isEqualTo(expected);
        assertThat(run.message().text()).isEqualTo("Once upon a time.");
        assertThat(unknowns(run)).singleElement().satisfies(u -> {
            assertThat(u.type()).isEqualTo("message");
            assertThat(u.data()).isEqualTo("hello");
            assertThat(u.raw()).isEmpty();
        });
    }

    @Test
    void aKnownEventWithMalformedJsonStillFailsTheStreamNamingTheEventWithTheSnapshot() {
        String bad = "event: content_block_delta\ndata: {\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\n\n";
        List<StreamEvent> events = new ArrayList<>();
        MessageStreamDecoder d = new MessageStreamDecoder(events::add);
        byte[] bytes = stream(true, bad).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> d.feed(bytes, 0, bytes.length))
                .isInstanceOfSatisfying(StreamProtocolException.class, e -> {
                    assertThat(e.getMessage()).startsWith("Malformed JSON in content_block_delta event");
                    assertThat(e.rawEvent()).hasValue("{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {");
                    assertThat(e.snapshot()).hasValueSatisfying(m -> assertThat(m.text()).isEqualTo("Once "));
                });
    }
}
