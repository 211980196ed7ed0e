package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.StreamListener;
import dev.brook.core.error.ConnectionException;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.InternalServerException;
import dev.brook.core.error.OverloadedException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.event.ToolUseBlock;
import dev.brook.core.json.JsonValue;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The network misbehaves: drops, stalls, slow servers, throttling and refusals give the typed error,
 * on time, with nothing already received lost, and retries happen only where they are safe.
 */
public interface FaultSuite extends TransportSuite {

    private static String errorBody(String type) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + type + " from the TCK\"}}";
    }

    /**
     * A connection dropped in the middle of an event gives an {@code IncompleteStreamException} whose
     * snapshot holds every delta before it, and is not retried.
     */
    @Test
    default void connectionDroppedMidEventGivesIncompleteStreamWithEveryDeltaSoFar() {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(Tck.headThen()
                    .chunk("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"ind", Duration.ofMillis(20))
                    .closeMidBody()
                    .build());
            Throwable thrown;
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                thrown = catchThrowable(() -> stream.forEach(e -> { }));
            }
            assertThat(thrown).isInstanceOf(IncompleteStreamException.class);
            assertThat(((IncompleteStreamException) thrown).snapshot())
                    .hasValueSatisfying(m -> assertThat(m.text()).isEqualTo("first"));
            assertThat(server.requestCount()).as("a failure after the first event is never retried").isEqualTo(1);
        }
    }

    /**
     * A body written one byte at a time, splitting UTF-8 characters, decodes exactly.
     */
    @Test
    default void oneBytePerWriteDripDecodesExactly() {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(ScriptedResponse.sseInChunks(ConformanceData.read("fixtures/tool-use.sse"), 1, Duration.ZERO));
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                Message message = stream.finalMessage();
                assertThat(message.text()).isEqualTo("Okay, let me check the weather.");
                assertThat(((ToolUseBlock) message.content().get(1)).input().get("detail").flatMap(d -> d.get("note"))
                        .flatMap(JsonValue::asString)).contains("café ☃");
            }
        }
    }

    /**
     * A gzip-encoded stream decodes to the same text as a plain one, sync and async.
     */
    @Test
    default void gzipEncodedStreamDecodesTheSame() {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            byte[] fixture = ConformanceData.read("fixtures/thinking.sse");
            server.enqueue(ScriptedResponse.sseInChunks(fixture, 64, Duration.ZERO).newBuilder().gzip().build());
            server.enqueue(ScriptedResponse.sseInChunks(fixture, 64, Duration.ZERO).newBuilder().gzip().build());
            String sync;
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                sync = stream.finalText();
            }
            String async = brook.messages().streamAsync(Tck.request(), new StreamListener() { })
                    .finalMessage().join().text();
            assertThat(sync).isEqualTo("27 * 453 = 12,231");
            assertThat(async).isEqualTo(sync);
        }
    }

    /**
     * An event larger than the client's maximum event size is a protocol error carrying the snapshot, not an
     * out-of-memory error.
     */
    @Test
    default void eventLargerThanTheMaximumIsAProtocolErrorNotAHeapProblem() {
        int limit = 64 * 1024;
        StringBuilder big = new StringBuilder("event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
                + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"");
        while (big.length() < 4 * 1024 * 1024) {
            big.append("0123456789abcdef");
        }
        big.append("\"}}\n\n");
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).maxEventSize(limit).build()) {
            server.enqueue(ScriptedResponse.sseInChunks(
                    (LatencySuite.HEAD + big + LatencySuite.TAIL).getBytes(StandardCharsets.UTF_8), 16 * 1024, Duration.ZERO));
            Throwable thrown;
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                thrown = catchThrowable(() -> stream.forEach(e -> { }));
            }
            assertThat(thrown).isInstanceOf(StreamProtocolException.class).hasMessageContaining("65,536");
            assertThat(((StreamProtocolException) thrown).snapshot())
                    .hasValueSatisfying(m -> assertThat(m.text()).isEqualTo("first"));
        }
    }

    /**
     * A server that stalls mid-body trips the idle timeout within a second of its value, with the snapshot so
     * far.
     */
    @Test
    default void stalledServerTripsTheIdleTimeoutOnTime() {
        Duration idle = Duration.ofMillis(500);
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).idleTimeout(idle).build()) {
            server.enqueue(Tck.headThen().stall(Duration.ofSeconds(20)).build());
            long[] lastEventAt = new long[1];
            Throwable thrown;
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                thrown = catchThrowable(() -> {
                    for (StreamEvent e : stream) {
                        lastEventAt[0] = System.nanoTime();
                    }
                });
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - lastEventAt[0]);
            assertThat(thrown).isInstanceOf(StreamTimeoutException.class);
            StreamTimeoutException e = (StreamTimeoutException) thrown;
            assertThat(e.kind()).isEqualTo(StreamTimeoutException.Kind.IDLE);
            assertThat(e.timeout()).isEqualTo(idle);
            assertThat(e.getMessage()).startsWith("Idle timeout of 500 ms expired after 3 events");
            assertThat(e.snapshot()).hasValueSatisfying(m -> assertThat(m.text()).isEqualTo("first"));
            assertThat(waited).isGreaterThanOrEqualTo(idle.minusMillis(50)).isLessThan(idle.plusSeconds(1));
        }
    }

    /**
     * A reply is complete at {@code message_stop} even when the server keeps the connection open after it,
     * sync and async.
     */
    @Test
    default void wholeReplyIsKeptWhenTheServerHoldsTheConnectionAfterMessageStop() {
        byte[] whole = ConformanceData.read("fixtures/text-basic.sse");
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).idleTimeout(Duration.ofMillis(400)).build()) {
            ScriptedResponse held = ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                    .chunk(whole, Duration.ZERO).stall(Duration.ofSeconds(10)).build();
            server.enqueue(held);
            server.enqueue(held);
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                assertThat(stream.finalText()).startsWith("Once upon a time");
            }
            Message async = brook.messages().streamAsync(Tck.request(), new StreamListener() { })
                    .finalMessage().join();
            assertThat(async.text()).startsWith("Once upon a time");
        }
    }

    /**
     * Pings reset the idle timeout, but the total timeout still ends the stream on time.
     */
    @Test
    default void pingsKeepAStreamAliveButTheTotalTimeoutStillEndsIt() {
        Duration total = Duration.ofMillis(1200);
        // The idle timeout is far above the pings' spacing, so that a busy machine delaying a ping cannot
        // be mistaken for a silent server: the total timeout is what must end this stream.
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).idleTimeout(Duration.ofSeconds(4)).totalTimeout(total).build()) {
            server.enqueue(Tck.pingsAfterHead(80, Duration.ofMillis(100)));
            long start = System.nanoTime();
            Throwable thrown;
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                thrown = catchThrowable(() -> stream.forEach(e -> { }));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(thrown).isInstanceOf(StreamTimeoutException.class);
            assertThat(((StreamTimeoutException) thrown).kind()).isEqualTo(StreamTimeoutException.Kind.TOTAL);
            assertThat(took).isGreaterThanOrEqualTo(total.minusMillis(50)).isLessThan(total.plusSeconds(1));
        }
    }

    /**
     * A 429 is retried after the delay its {@code retry-after} header asked for, and the retry succeeds.
     */
    @Test
    default void rateLimitIsRetriedAfterTheDelayTheServerAskedFor() {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).maxRetries(2).build()) {
            server.enqueue(ScriptedResponse.builder().status(429).header("content-type", "application/json")
                    .header("retry-after-ms", "300").body(errorBody("rate_limit_error")).build());
            server.enqueue(ScriptedResponse.sse(ConformanceData.read("fixtures/text-basic.sse")));
            long start = System.nanoTime();
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                assertThat(stream.finalText()).startsWith("Once upon a time");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(server.requestCount()).isEqualTo(2);
        }
    }

    /**
     * A 529 on every attempt fails with {@code OverloadedException} after exactly three requests (two
     * retries).
     */
    @Test
    default void overloadedThreeTimesFailsAfterExactlyThreeRequests() {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).maxRetries(2).build()) {
            server.respondAlways(ScriptedResponse.builder().status(529).header("content-type", "application/json")
                    .header("retry-after-ms", "10").body(errorBody("overloaded_error")).build());
            Throwable thrown = catchThrowable(() -> brook.messages().stream(Tck.request()));
            assertThat(thrown).isExactlyInstanceOf(OverloadedException.class);
            assertThat(server.requestCount()).isEqualTo(3);
        }
    }

    /**
     * A retryable status (500) sent with {@code x-should-retry: false} is not retried.
     */
    @Test
    default void shouldRetryFalseIsNeverRetried() {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).maxRetries(2).build()) {
            server.respondAlways(ScriptedResponse.builder().status(500).header("content-type", "application/json")
                    .header("x-should-retry", "false").body(errorBody("api_error")).build());
            Throwable thrown = catchThrowable(() -> brook.messages().stream(Tck.request()));
            assertThat(thrown).isExactlyInstanceOf(InternalServerException.class);
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    /**
     * A refused connection fails with a {@code ConnectionException} naming the address, after both retries
     * and their backoffs.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void refusedConnectionFailsWithConnectionExceptionAfterTheRetries() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (Transport transport = newTransport();
                Brook brook = Brook.builder().apiKey(Tck.API_KEY).baseUrl("http://127.0.0.1:" + closedPort)
                        .transport(transport).maxRetries(2).build()) {
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> brook.messages().stream(Tck.request()));
            assertThat(thrown).isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("127.0.0.1:" + closedPort);
            // Two backoffs (0.5 s and 1 s, less up to 25% jitter) prove both retries happened.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1100));
        }
    }
}
