package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * An event reaches the user while the server still holds the connection open: no buffering up to a
 * newline count, a buffer size or the end of the body.
 */
public interface LatencySuite extends TransportSuite {
    /** The start of a reply up to its first text delta ({@code first}), sent before the server holds back. */
    String HEAD = Tck.MESSAGE_START
            + "event: content_block_start\n"
            + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"first\"}}\n\n";
    /** The rest of the reply after {@link #HEAD}, through {@code message_stop}. */
    String TAIL = "event: content_block_stop\n"
            + "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\n"
            + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
            + "\"usage\":{\"output_tokens\":2}}\n\n"
            + Tck.MESSAGE_STOP;

    /**
     * The first text delta reaches the reader while the server still holds the rest of the body back.
     */
    @Test
    default void firstDeltaArrivesWhileTheServerHoldsTheConnectionOpen() {
        Duration limit = Duration.ofSeconds(2);
        CompletableFuture<Void> seen = new CompletableFuture<>();
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(ScriptedResponse.builder()
                    .status(200)
                    .header("content-type", "text/event-stream")
                    .chunk(HEAD.getBytes(StandardCharsets.UTF_8), Duration.ZERO)
                    .awaitSignal(seen, limit.plusSeconds(3))
                    .chunk(TAIL.getBytes(StandardCharsets.UTF_8), Duration.ZERO)
                    .build());
            long start = System.nanoTime();
            long seenAfterNanos = -1;
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                for (StreamEvent event : stream) {
                    if (event instanceof ContentBlockDeltaEvent d && d.delta() instanceof Delta.TextDelta t
                            && seenAfterNanos < 0) {
                        seenAfterNanos = System.nanoTime() - start;
                        assertThat(t.text()).isEqualTo("first");
                        seen.complete(null);
                    }
                }
                assertThat(stream.finalText()).isEqualTo("first");
            }
            assertThat(seenAfterNanos).as("the delta was seen").isPositive();
            assertThat(Duration.ofNanos(seenAfterNanos))
                    .as("time until the first delta reached the user, while the server held the rest back")
                    .isLessThan(limit);
        }
    }
}
