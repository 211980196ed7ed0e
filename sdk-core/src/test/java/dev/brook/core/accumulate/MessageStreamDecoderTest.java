package dev.brook.core.accumulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageStreamDecoderTest {
    static final String START = "event: message_start\ndata: {\"type\": \"message_start\", \"message\": {\"id\": \"m\","
            + " \"type\": \"message\", \"role\": \"assistant\", \"model\": \"x\", \"content\": [], \"stop_reason\": null,"
            + " \"stop_sequence\": null, \"usage\": {\"input_tokens\": 1, \"output_tokens\": 1}}}\n\n";
    static final String TEXT_BLOCK = "event: content_block_start\ndata: {\"type\": \"content_block_start\", \"index\": 0,"
            + " \"content_block\": {\"type\": \"text\", \"text\": \"\"}}\n\n";
    static final String STOP = "event: content_block_stop\ndata: {\"type\": \"content_block_stop\", \"index\": 0}\n\n"
            + "event: message_stop\ndata: {\"type\": \"message_stop\"}\n\n";

    static String text(String t) {
        return "event: content_block_delta\ndata: {\"type\": \"content_block_delta\", \"index\": 0, \"delta\":"
                + " {\"type\": \"text_delta\", \"text\": \"" + t + "\"}}\n\n";
    }

    private final List<StreamEvent> events = new ArrayList<>();

    static void feed(MessageStreamDecoder d, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.feed(b, 0, b.length);
    }

    @Test
    void theSinkSeesEachEventAfterItIsAccumulated() {
        List<String> seen = new ArrayList<>();
        MessageStreamDecoder[] holder = new MessageStreamDecoder[1];
        holder[0] = new MessageStreamDecoder(e -> {
            if (e instanceof ContentBlockDeltaEvent) {
                seen.add(holder[0].snapshot().text());
            }
        });
        feed(holder[0], START + TEXT_BLOCK + text("a") + text("b") + STOP);
        assertThat(seen).containsExactly("a", "ab");
        assertThat(holder[0].end().text()).isEqualTo("ab");
        assertThat(holder[0].isComplete()).isTrue();
    }

    @Test
    void bytesAfterMessageStopAreIgnored() {
        MessageStreamDecoder d = new MessageStreamDecoder(events::add);
        feed(d, START + TEXT_BLOCK + text("done") + STOP + "event: ping\ndata: {\"type\": \"ping\"}\n\n" + "data: {garbage\n\n");
        int delivered = events.size();
        feed(d, text("late"));
        d.feed(ByteBuffer.wrap("event: message_start\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(events).hasSize(delivered);
        assertThat(events.get(events.size() - 1).type()).isEqualTo("message_stop");
        assertThat(d.end().text()).isEqualTo("done");
        assertThat(d.end().text()).as("end() again").isEqualTo("done");
    }

    @Test
    void errorEventIsDeliveredThenRaisedWithTheSnapshot() {
        MessageStreamDecoder d = new MessageStreamDecoder(events::add);
        assertThatThrownBy(() -> feed(d, START + TEXT_BLOCK + text("partial")
                + "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"api_error\", \"message\": \"boom\"}}\n\n"
                + text("never")))
                .isInstanceOfSatisfying(StreamErrorException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("api_error");
                    assertThat(e.errorMessage()).isEqualTo("boom");
                    assertThat(e.snapshot().map(Message::text)).contains("partial");
                });
        assertThat(events.get(events.size() - 1).type()).isEqualTo("error");
        assertThatThrownBy(() -> feed(d, STOP)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already failed");
        assertThatThrownBy(d::end).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void endBeforeMessageStopNamesTheEventCountAndKeepsTheSnapshot() {
        MessageStreamDecoder d = new MessageStreamDecoder(events::add);
        feed(d, START + TEXT_BLOCK + text("cut") + "event: content_block_delta\ndata: {\"type\": \"content_bl");
        assertThatThrownBy(d::end).isInstanceOfSatisfying(IncompleteStreamException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("The stream ended before message_stop, after 3 events;"
                    + " the snapshot holds everything received");
            assertThat(e.snapshot().map(Message::text)).contains("cut");
        });
    }

    @Test
    void emptyBodyIsIncompleteWithoutSnapshot() {
        MessageStreamDecoder d = new MessageStreamDecoder(events::add);
        assertThatThrownBy(d::end).isInstanceOfSatisfying(IncompleteStreamException.class, e -> {
            assertThat(e.getMessage()).contains("after 0 events");
            assertThat(e.snapshot()).isEmpty();
        });
    }

    @Test
    void oversizedEventIsAProtocolErrorCarryingTheSnapshot() {
        MessageStreamDecoder d = new MessageStreamDecoder(events::add, 400);
        feed(d, START + TEXT_BLOCK + text("kept"));
        assertThatThrownBy(() -> feed(d, text("x".repeat(1000))))
                .isInstanceOfSatisfying(StreamProtocolException.class, e ->
                        assertThat(e.snapshot().map(Message::text)).contains("kept"));
    }

    @Test
    void malformedJsonIsAProtocolErrorCarryingRawEventAndSnapshot() {
        MessageStreamDecoder d = new MessageStreamDecoder(events::add);
        assertThatThrownBy(() -> feed(d, START + TEXT_BLOCK + text("ok") + "event: content_block_delta\ndata: {oops\n\n"))
                .isInstanceOfSatisfying(StreamProtocolException.class, e -> {
                    assertThat(e.getMessage()).startsWith("Malformed JSON in content_block_delta event");
                    assertThat(e.rawEvent()).contains("{oops");
                    assertThat(e.snapshot().map(Message::text)).contains("ok");
                });
        assertThat(events).hasSize(3);
    }

    @Test
    void outOfOrderEventsAreProtocolErrorsNotDeliveredToTheSink() {
        MessageStreamDecoder d = new MessageStreamDecoder(events::add);
        assertThatThrownBy(() -> feed(d, TEXT_BLOCK))
                .isInstanceOf(StreamProtocolException.class)
                .hasMessageContaining("content_block_start at index 0 before message_start");
        assertThat(events).isEmpty();
    }

    @Test
    void aThrowingSinkPropagatesUnchangedAndFailsTheDecoder() {
        IllegalStateException boom = new IllegalStateException("sink");
        MessageStreamDecoder d = new MessageStreamDecoder(e -> {
            throw boom;
        });
        assertThatThrownBy(() -> feed(d, START)).isSameAs(boom);
        assertThat(d.snapshot()).isNotNull();
        assertThatThrownBy(() -> feed(d, TEXT_BLOCK)).hasMessageContaining("already failed");
    }
}
