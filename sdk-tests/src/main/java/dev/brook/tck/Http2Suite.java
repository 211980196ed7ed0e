package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.StreamListener;
import dev.brook.core.error.ConnectionException;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What only HTTP/2 has, mapped as its HTTP/1.1 counterpart is: a {@code RST_STREAM} mid-body is an
 * incomplete stream with the snapshot, a {@code GOAWAY} before headers is retried like a refused
 * connection, cancelling one stream leaves the others on its connection intact, and many streams share a
 * few connections. Runs when {@link TransportSuite#protocol()} is an HTTP/2 one; over HTTP/1.1 each test
 * is skipped with that reason (the rest of the kit covers HTTP/1.1's faults).
 */
public interface Http2Suite extends TransportSuite {

    private void requireHttp2() {
        Assumptions.assumeTrue(protocol().isHttp2(), () -> "HTTP/2 only; the kit runs over " + protocol()
                + " here (override protocol() to run it over HTTP/2)");
    }

    /** A stream that sends the head, waits for {@code read} (the client saw "first"), then resets its stream. */
    private static ScriptedResponse resetAfter(CompletableFuture<Void> read) {
        // The wait matters: an HTTP/2 client may drop DATA it has not handed on yet once the stream is reset.
        return Tck.headThen().awaitSignal(read, Duration.ofSeconds(10)).resetMidBody().build();
    }

    /** The head, then the rest of the reply once {@code release} completes: a whole message "first". */
    private static ScriptedResponse heldUntil(CompletableFuture<Void> release) {
        return Tck.headThen()
                .awaitSignal(release, Duration.ofSeconds(30))
                .chunk(LatencySuite.TAIL.getBytes(StandardCharsets.UTF_8), Duration.ZERO)
                .build();
    }

    /**
     * The transport declares the HTTP/2 capability its kit run uses, so users can rely on the declaration.
     */
    @Test
    default void theHttp2ProtocolUnderTestIsDeclared() {
        requireHttp2();
        TransportCapability needed = protocol().isTls() ? TransportCapability.HTTP2_TLS
                : TransportCapability.HTTP2_CLEARTEXT;
        assertThat(capabilities()).as("capabilities of a transport run over %s", protocol()).contains(needed);
    }

    /**
     * A {@code RST_STREAM} in the middle of the body ends a sync stream with an {@code
     * IncompleteStreamException} whose snapshot holds what arrived, and is not retried.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void resetStreamMidBodyIsAnIncompleteSyncStreamWithTheSnapshot() throws Exception {
        requireHttp2();
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).maxRetries(2).build()) {
            CompletableFuture<Void> read = new CompletableFuture<>();
            server.enqueue(resetAfter(read));
            Throwable thrown;
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                Iterator<StreamEvent> events = stream.iterator();
                for (int i = 0; i < 3; i++) { // message_start, content_block_start, the "first" delta
                    events.next();
                }
                read.complete(null);
                thrown = catchThrowable(() -> events.forEachRemaining(e -> { }));
            }
            assertThat(thrown).isInstanceOf(IncompleteStreamException.class);
            assertThat(((IncompleteStreamException) thrown).snapshot())
                    .hasValueSatisfying(m -> assertThat(m.text()).isEqualTo("first"));
            assertThat(server.requestCount()).as("a failure after the first event is never retried").isEqualTo(1);
        }
    }

    /**
     * A {@code RST_STREAM} in the middle of the body fails an async stream's final message with an {@code
     * IncompleteStreamException} whose snapshot holds what arrived, and is not retried.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void resetStreamMidBodyIsAnIncompleteAsyncStreamWithTheSnapshot() throws Exception {
        requireHttp2();
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).maxRetries(2).build()) {
            CompletableFuture<Void> read = new CompletableFuture<>();
            server.enqueue(resetAfter(read));
            AsyncMessageStream stream = brook.messages().streamAsync(Tck.request(), new StreamListener() {
                @Override
                public void onText(String delta, CharSequence textSoFar) {
                    read.complete(null);
                }
            });
            Throwable thrown = catchThrowable(() -> stream.finalMessage().get(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            assertThat(thrown).hasCauseInstanceOf(IncompleteStreamException.class);
            assertThat(((IncompleteStreamException) thrown.getCause()).snapshot())
                    .hasValueSatisfying(m -> assertThat(m.text()).isEqualTo("first"));
            assertThat(server.requestCount()).as("a failure after the first event is never retried").isEqualTo(1);
        }
    }

    /**
     * A {@code GOAWAY} before the response headers (the server did not take the stream) is a connection
     * failure, retried like a refused connection: the retry, on a new connection, gets the reply; without
     * retries it is a {@code ConnectionException}.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void goAwayBeforeHeadersIsRetriedLikeARefusedConnection() throws Exception {
        requireHttp2();
        byte[] fixture = ConformanceData.read("fixtures/text-basic.sse");
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).maxRetries(2).build()) {
            server.enqueue(ScriptedResponse.builder().goAwayBeforeHeaders().build());
            server.enqueue(ScriptedResponse.sse(fixture));
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                assertThat(stream.finalText()).startsWith("Once upon a time");
            }
            // The refused stream never reached a handler, so the server records only the retry.
            assertThat(server.requestCount()).as("requests the server answered").isEqualTo(1);
            assertThat(server.totalConnections()).as("the retry went on a new connection").isGreaterThanOrEqualTo(2);
        }
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(ScriptedResponse.builder().goAwayBeforeHeaders().build());
            Throwable thrown = catchThrowable(() -> brook.messages().stream(Tck.request()).close());
            assertThat(thrown).isInstanceOf(ConnectionException.class)
                    .hasMessageContaining(server.baseUri().toString());
        }
    }

    /**
     * Cancelling one stream resets that stream only: the other streams on its connection, sync and async,
     * go on to their whole messages, with no new connection.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void cancellingOneStreamLeavesTheOthersOnItsConnectionIntact() throws Exception {
        requireHttp2();
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            CompletableFuture<Void> release = new CompletableFuture<>();
            server.setDefaultResponse(heldUntil(release));
            // One whole exchange first, so the streams below find the connection open and share it.
            server.enqueue(heldUntil(CompletableFuture.completedFuture(null)));
            try (MessageStream first = brook.messages().stream(Tck.request())) {
                assertThat(first.finalText()).isEqualTo("first");
            }
            List<MessageStream> sync = new ArrayList<>();
            List<Iterator<StreamEvent>> syncEvents = new ArrayList<>();
            List<AsyncMessageStream> async = new ArrayList<>();
            CountDownLatch asyncTexts = new CountDownLatch(2);
            try {
                for (int i = 0; i < 2; i++) {
                    MessageStream stream = brook.messages().stream(Tck.request());
                    sync.add(stream);
                    Iterator<StreamEvent> events = stream.iterator();
                    for (int e = 0; e < 3; e++) {
                        events.next();
                    }
                    syncEvents.add(events);
                    async.add(brook.messages().streamAsync(Tck.request(), new StreamListener() {
                        @Override
                        public void onText(String delta, CharSequence textSoFar) {
                            asyncTexts.countDown();
                        }
                    }));
                }
                assertThat(server.awaitOpenStreams(4, Tck.TIMEOUT)).as("four streams open").isTrue();
                assertThat(asyncTexts.await(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                        .as("both async streams saw their first text").isTrue();

                sync.get(0).close();
                async.get(0).cancel();
                assertThat(server.awaitOpenStreams(2, Tck.TIMEOUT))
                        .as("the server saw the two cancelled streams end, open now: %d", server.openStreams())
                        .isTrue();
                release.complete(null);
                Message kept = brook.messages().streamAsync(Tck.request(), new StreamListener() { }).finalMessage()
                        .get(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(kept.text()).as("a new stream after the cancels").isEqualTo("first");
                syncEvents.get(1).forEachRemaining(e -> { });
                assertThat(sync.get(1).finalText()).isEqualTo("first");
                assertThat(async.get(1).finalMessage().get(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS).text())
                        .isEqualTo("first");
                assertThat(catchThrowable(() -> async.get(0).finalMessage().join()))
                        .as("the cancelled async stream").isInstanceOf(CompletionException.class);
            } finally {
                release.complete(null);
                sync.forEach(MessageStream::close);
                async.forEach(AsyncMessageStream::close);
            }
            List<Integer> connections = server.requests().stream().map(RecordedRequest::connectionIndex).distinct()
                    .collect(Collectors.toList());
            assertThat(connections).as("connections of the warm-up, the 4 streams and the one after the cancels")
                    .hasSize(1);
        }
    }

    /**
     * Five hundred streams open at once multiplex over at most four connections, and all end whole.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void fiveHundredConcurrentStreamsMultiplexOverAtMostFourConnections() throws Exception {
        requireHttp2();
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).idleTimeout(Duration.ofSeconds(60)).build()) {
            CompletableFuture<Void> hold = new CompletableFuture<>();
            server.setDefaultResponse(heldUntil(hold));
            int streams = 500;
            // One whole exchange first: 500 streams started before any connection exists would each
            // race to open one (the JDK client does), which says nothing about multiplexing.
            server.enqueue(heldUntil(CompletableFuture.completedFuture(null)));
            assertThat(brook.messages().streamAsync(Tck.request(), new StreamListener() { }).finalMessage()
                    .get(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS).text()).isEqualTo("first");
            CountDownLatch firstTexts = new CountDownLatch(streams); // one "first" per stream until the hold ends
            List<CompletableFuture<Message>> results = new ArrayList<>();
            try {
                for (int i = 0; i < streams; i++) {
                    results.add(brook.messages().streamAsync(Tck.request(), new StreamListener() {
                        @Override
                        public void onText(String delta, CharSequence textSoFar) {
                            firstTexts.countDown();
                        }
                    }).finalMessage());
                }
                // Generous: on a machine twice oversubscribed, 500 streams can take many seconds to open.
                firstTexts.await(50, TimeUnit.SECONDS);
            } finally {
                hold.complete(null);
            }
            int openAtOnce = streams - (int) firstTexts.getCount();
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            System.out.printf("[h2 multiplex] %s: %d streams open at once over %d connections (%s), at most %d"
                    + " concurrent on one%n", getClass().getSimpleName(), openAtOnce, server.totalConnections(),
                    protocol(), server.maxConcurrentStreamsSeen());
            assertThat(openAtOnce).as("streams open at once").isEqualTo(streams);
            assertThat(results).allSatisfy(r -> assertThat(r.join().text()).isEqualTo("first"));
            assertThat(server.totalConnections()).as("connections carrying %d HTTP/2 streams", streams)
                    .isLessThanOrEqualTo(4);
        }
    }
}
