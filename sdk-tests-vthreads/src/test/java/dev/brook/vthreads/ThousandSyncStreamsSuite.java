package dev.brook.vthreads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.event.Message;
import dev.brook.core.event.StopReason;
import dev.brook.core.request.MessageRequest;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.tck.TransportSuite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Thread-per-stream on virtual threads, the way a server on virtual threads uses Brook: 1,000 blocking
 * {@code messages().stream(...)} calls at once, each read on its own virtual thread, on the transport
 * under test, with no virtual thread pinned meanwhile.
 */
public interface ThousandSyncStreamsSuite extends TransportSuite {
    /** How many streams are open at once. */
    int STREAMS = 1000;
    /**
     * The longest wait for anything in the test, and the client's idle timeout: generous, since 1,000
     * streams on a two-core machine shared with other builds take seconds, not milliseconds.
     */
    Duration WAIT = Duration.ofSeconds(60);
    /** The first text delta, which every stream must have read before the server lets any reply go on. */
    String FIRST_TEXT = "Hello";
    /** The text of each whole reply. */
    String WHOLE_TEXT = "Hello from a virtual thread";

    /**
     * 1,000 sync streams, each on its own virtual thread, are all open at once (the server holds every
     * reply after its first text until all 1,000 have read theirs), then all read to a whole message;
     * the carriers were never pinned for 20 ms or more, and the streams took far fewer platform threads
     * than streams.
     *
     * @throws Exception when a call of the test throws one (interruption, a stream's failure): the test fails
     */
    @Test
    default void thousandSyncStreamsAreOpenAtOnceEachOnItsOwnVirtualThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger sawFirstText = new AtomicInteger();
        CountDownLatch settled = new CountDownLatch(STREAMS); // each stream: first text read, or failed before it
        int platformThreadsWhileOpen;
        int responsesWhileOpen;
        int connectionsWhileOpen;
        List<Future<Message>> replies = new ArrayList<>();
        try (PinnedEventRecorder pins = PinnedEventRecorder.start();
                FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = newTransport();
                Brook brook = Brook.builder().apiKey("sk-ant-vthreads-test").baseUrl(server.baseUri().toString())
                        .transport(transport).maxRetries(0).idleTimeout(WAIT).build()) {
            server.respondAlways(replyHeldAfterFirstText(release));
            try (ExecutorService perStream = Executors.newVirtualThreadPerTaskExecutor()) {
                try {
                    for (int i = 0; i < STREAMS; i++) {
                        replies.add(perStream.submit(() -> readWhole(brook, sawFirstText, settled)));
                    }
                    assertThat(settled.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                            .as("all %d streams opened or failed within %s", STREAMS, WAIT).isTrue();
                    platformThreadsWhileOpen = clientPlatformThreads();
                    responsesWhileOpen = server.openStreams();
                    connectionsWhileOpen = server.openConnections();
                } finally {
                    release.countDown(); // whatever failed, let every held reply end rather than wait out WAIT
                }
            } // close() waits for every stream's virtual thread
            assertThat(sawFirstText.get()).as("streams that read their first text while every reply was held")
                    .isEqualTo(STREAMS);
            assertThat(responsesWhileOpen).as("replies the server was serving at once").isEqualTo(STREAMS);
            for (Future<Message> reply : replies) {
                Message message = reply.get(); // done: the executor was closed; a stream's failure is thrown here
                assertThat(message.text()).isEqualTo(WHOLE_TEXT);
                assertThat(message.stopReason()).contains(StopReason.END_TURN);
            }
            assertThat(platformThreadsWhileOpen).as("platform threads besides the server's, with %d streams open",
                    STREAMS).isLessThan(STREAMS / 4);
            pins.stop();
            assertThat(pins.events()).as("pinned virtual threads: %s", pins.describe()).isEmpty();
            System.out.printf("[vthreads] %s: %d sync streams on virtual threads, %d platform threads, %d connections%n",
                    getClass().getSimpleName(), STREAMS, platformThreadsWhileOpen, connectionsWhileOpen);
        }
    }

    /**
     * Streams one reply on the calling virtual thread: reads up to the first text delta, reports it,
     * then reads the rest to the whole message (which the server sends once released).
     */
    private static Message readWhole(Brook brook, AtomicInteger sawFirstText, CountDownLatch settled) {
        boolean reported = false;
        try (MessageStream stream = brook.messages().stream(request())) {
            Iterator<String> text = stream.textStream().iterator();
            assertThat(text.next()).isEqualTo(FIRST_TEXT);
            assertThat(Thread.currentThread().isVirtual()).as("the stream's reader is a virtual thread").isTrue();
            sawFirstText.incrementAndGet();
            settled.countDown();
            reported = true;
            return stream.finalMessage();
        } finally {
            if (!reported) {
                settled.countDown(); // failed before its first text: do not keep the test waiting for it
            }
        }
    }

    /**
     * A reply that sends its start and first text delta, then holds the connection open until
     * {@code release} (at most {@link #WAIT}, after which the server cuts the body, failing the stream),
     * then sends the rest through {@code message_stop}. One script serves every request.
     */
    private static ScriptedResponse replyHeldAfterFirstText(CountDownLatch release) {
        return ScriptedResponse.builder()
                .status(200)
                .header("content-type", "text/event-stream")
                .chunk("event: message_start\n"
                        + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_vthreads\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"model\":\"claude-vthreads\",\"content\":[],\"stop_reason\":null,"
                        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
                        + "event: content_block_start\n"
                        + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                        + textDelta(FIRST_TEXT))
                .awaitSignal(release, WAIT)
                .chunk(textDelta(WHOLE_TEXT.substring(FIRST_TEXT.length()))
                        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                        + "event: message_delta\n"
                        + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                        + "\"usage\":{\"output_tokens\":6}}\n\n"
                        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
                .build();
    }

    /** A {@code content_block_delta} event adding {@code text} to block 0. */
    private static String textDelta(String text) {
        return "event: content_block_delta\n"
                + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\""
                + text + "\"}}\n\n";
    }

    /** The request every stream sends. */
    private static MessageRequest request() {
        return MessageRequest.builder().model("claude-vthreads").maxTokens(64).addUserMessage("Hello?").build();
    }

    /**
     * Live platform threads that are not the fake server's own (one per connection): the JUnit thread,
     * the carriers, the JVM's and the transport's threads. {@code Thread.getAllStackTraces()} does not list
     * virtual threads.
     */
    private static int clientPlatformThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().startsWith("brook-fake-server-"))
                .count();
    }
}
