package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.client.Brook;
import dev.brook.core.client.CallInfo;
import dev.brook.core.client.CallListener;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.StreamListener;
import dev.brook.core.error.BadRequestException;
import dev.brook.core.error.ConnectionException;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.event.Message;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The call listener sees every call in the documented order, on every transport, sync and async, through
 * success, retries, API errors, stream errors, drops, refusals, timeouts and cancellation: call start,
 * request headers, attempts (each with its response headers when one came, retries between them), first
 * event, first token, exactly one of stream end or failure, call end last. Each callback names the call,
 * and a listener that throws from every callback breaks nothing.
 */
public interface CallListenerSuite extends TransportSuite {
    /**
     * A complete reply, sync and async: the whole order, with the request id and the final message.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void aCompleteStreamIsReportedInOrder() throws Exception {
        for (boolean async : new boolean[] {false, true}) {
            try (FakeMessagesServer server = newServer(); Transport transport = newTransport()) {
                RecordingCallListener recorder = new RecordingCallListener();
                try (Brook brook = Tck.brook(transport, server).addCallListener(recorder).build()) {
                    server.enqueue(withRequestId(ConformanceData.read("fixtures/text-basic.sse"), "req_listener_1"));
                    Message message = run(brook, async);
                    List<String> log = recorder.awaitEnd();
                    assertOrder(log, async);
                    assertThat(log).as(mode(async)).containsSubsequence(
                            "responseHeaders:200", "firstEvent:MessageStartEvent", "firstToken:TextDelta",
                            "streamEnd:end_turn");
                    assertThat(recorder.requestIds).as(mode(async)).containsExactly(Optional.of("req_listener_1"));
                    assertThat(recorder.finalMessage).as(mode(async)).isEqualTo(message);
                    assertThat(recorder.calls).as("every callback names the one call (%s)", mode(async)).hasSize(1);
                }
            }
        }
    }

    /**
     * A 529 then a 200: two attempts, the retry between them with its cause, then the stream.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void aRetriedCallReportsEachAttemptAndTheRetry() throws Exception {
        for (boolean async : new boolean[] {false, true}) {
            try (FakeMessagesServer server = newServer(); Transport transport = newTransport()) {
                RecordingCallListener recorder = new RecordingCallListener();
                try (Brook brook = Tck.brook(transport, server).maxRetries(2).addCallListener(recorder).build()) {
                    server.enqueue(errorStatus(529, "overloaded_error"));
                    server.enqueue(ScriptedResponse.sse(ConformanceData.read("fixtures/text-basic.sse")));
                    run(brook, async);
                    List<String> log = recorder.awaitEnd();
                    assertOrder(log, async);
                    assertThat(log).as(mode(async)).containsSubsequence("attemptStart:1", "responseHeaders:529",
                            "retryScheduled:OverloadedException", "attemptStart:2", "responseHeaders:200",
                            "streamEnd:end_turn");
                    // The listener's headers go out on every attempt.
                    assertThat(server.requests()).as(mode(async)).hasSize(2)
                            .allSatisfy(r -> assertThat(r.header("x-tck-listener")).contains("on"));
                }
            }
        }
    }

    /**
     * A 400 is not retried: one attempt with its headers, then the failure.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void anApiErrorIsOneAttemptThenTheFailure() throws Exception {
        for (boolean async : new boolean[] {false, true}) {
            List<String> log = failing(async, errorStatus(400, "invalid_request_error"), BadRequestException.class, 2);
            assertThat(log).as(mode(async)).containsSubsequence("responseHeaders:400", "callFailed:BadRequestException");
            assertThat(log).as(mode(async)).doesNotContain("attemptStart:2");
        }
    }

    /**
     * An {@code event: error} mid-stream: the events so far, then the failure.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void aStreamErrorIsTheFailureAfterTheFirstEvent() throws Exception {
        for (boolean async : new boolean[] {false, true}) {
            List<String> log = failing(async, ScriptedResponse.sse(ConformanceData.read("fixtures/error-overloaded.sse")),
                    StreamErrorException.class, 0);
            assertThat(log).as(mode(async)).containsSubsequence("firstEvent:MessageStartEvent",
                    "callFailed:StreamErrorException");
        }
    }

    /**
     * A connection dropped mid-body: the failure is the incomplete stream, never retried.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void aDropMidBodyIsTheFailure() throws Exception {
        for (boolean async : new boolean[] {false, true}) {
            // The partial event comes a little after the head, as in FaultSuite: a close that arrives with
            // the head in one read can cost the head on some stacks (Apache async), a separate matter.
            ScriptedResponse dropped = Tck.headThen()
                    .chunk("event: content_block_delta\ndata: {\"ty", Duration.ofMillis(20)).closeMidBody().build();
            List<String> log = failing(async, dropped, IncompleteStreamException.class, 2);
            assertThat(log).as(mode(async)).containsSubsequence("firstToken:TextDelta",
                    "callFailed:IncompleteStreamException");
        }
    }

    /**
     * A stalled body past the idle timeout: the failure is the timeout.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void anIdleTimeoutIsTheFailure() throws Exception {
        for (boolean async : new boolean[] {false, true}) {
            List<String> log = failing(async, Tck.stalledAfterHead(), StreamTimeoutException.class, 0);
            assertThat(log).as(mode(async)).containsSubsequence("firstEvent:MessageStartEvent",
                    "callFailed:StreamTimeoutException");
        }
    }

    /**
     * A refused connection: attempts without response headers, the retry between them, the failure.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void aRefusedConnectionReportsAttemptsWithoutHeaders() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        for (boolean async : new boolean[] {false, true}) {
            RecordingCallListener recorder = new RecordingCallListener();
            try (Transport transport = newTransport();
                    Brook brook = Brook.builder().apiKey(Tck.API_KEY).baseUrl("http://127.0.0.1:" + closedPort)
                            .transport(transport).maxRetries(1).addCallListener(recorder).build()) {
                Throwable thrown = catchThrowable(() -> run(brook, async));
                assertThat(unwrap(thrown)).as(mode(async)).isInstanceOf(ConnectionException.class);
                List<String> log = recorder.awaitEnd();
                assertOrder(log, async);
                assertThat(log).as(mode(async)).containsSubsequence("attemptStart:1",
                        "retryScheduled:ConnectionException", "attemptStart:2", "callFailed:ConnectionException");
                assertThat(log).as(mode(async)).noneMatch(e -> e.startsWith("responseHeaders"));
            }
        }
    }

    /**
     * Closing a sync stream, or cancelling an async one, after the first event: a cancellation.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void closingOrCancellingBeforeTheEndIsReportedAsACancellation() throws Exception {
        for (boolean async : new boolean[] {false, true}) {
            try (FakeMessagesServer server = newServer(); Transport transport = newTransport()) {
                RecordingCallListener recorder = new RecordingCallListener();
                try (Brook brook = Tck.brook(transport, server).addCallListener(recorder).build()) {
                    server.enqueue(Tck.pingsAfterHead(100, Duration.ofMillis(50)));
                    if (async) {
                        CountDownLatch firstText = new CountDownLatch(1);
                        AsyncMessageStream stream = brook.messages().streamAsync(Tck.request(), new StreamListener() {
                            @Override
                            public void onText(String delta, CharSequence textSoFar) {
                                firstText.countDown();
                            }
                        });
                        assertThat(firstText.await(Tck.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                        stream.cancel();
                    } else {
                        try (MessageStream stream = brook.messages().stream(Tck.request())) {
                            assertThat(stream.iterator().next()).isNotNull();
                        }
                    }
                    List<String> log = recorder.awaitEnd();
                    assertOrder(log, async);
                    assertThat(log).as(mode(async)).contains("callFailed:CancellationException");
                }
            }
        }
    }

    /**
     * {@code create()}: the order without stream events, ending with the whole message.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void aNonStreamingCallIsReportedToo() throws Exception {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport()) {
            RecordingCallListener recorder = new RecordingCallListener();
            try (Brook brook = Tck.brook(transport, server).addCallListener(recorder).build()) {
                server.enqueue(ScriptedResponse.json(200, "{\"id\":\"msg_create\",\"type\":\"message\",\"role\":"
                        + "\"assistant\",\"model\":\"claude-tck\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}],"
                        + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                        + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}"));
                Message message = brook.messages().create(Tck.request());
                List<String> log = recorder.awaitEnd();
                assertThat(String.join(" ", log)).matches(RecordingCallListener.ORDER);
                assertThat(log).doesNotContain("firstEvent:MessageStartEvent");
                assertThat(log).contains("streamEnd:end_turn");
                assertThat(recorder.finalMessage).isEqualTo(message);
                assertThat(recorder.calls).singleElement().satisfies(c -> assertThat(c.streaming()).isFalse());
            }
        }
    }

    /**
     * A listener cannot replace the headers Brook owns (credentials, version, content type); others go out.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void aListenerAddsHeadersButNeverReplacesBrooksOwn() throws Exception {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).addCallListener(call -> new CallListener() {
                    @Override
                    public Map<String, String> requestHeaders(CallInfo c) {
                        return Map.of("X-Api-Key", "not-the-key", "anthropic-version", "1999-01-01",
                                "content-type", "text/plain", "x-tck-extra", "yes");
                    }
                }).build()) {
            server.enqueue(ScriptedResponse.sse(ConformanceData.read("fixtures/text-basic.sse")));
            run(brook, false);
            RecordedRequest request = server.requests().get(0);
            assertThat(request.header("x-api-key")).contains(Tck.API_KEY);
            assertThat(request.header("anthropic-version")).contains(Brook.API_VERSION);
            assertThat(request.header("content-type")).contains("application/json");
            assertThat(request.header("x-tck-extra")).contains("yes");
        }
    }

    /**
     * A listener that throws from every callback: the stream is whole, and a second listener sees it all.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void aThrowingListenerBreaksNothing() throws Exception {
        for (boolean async : new boolean[] {false, true}) {
            try (FakeMessagesServer server = newServer(); Transport transport = newTransport()) {
                RecordingCallListener recorder = new RecordingCallListener();
                try (Brook brook = Tck.brook(transport, server).addCallListener(call -> new ThrowingCallListener())
                        .addCallListener(recorder).build()) {
                    server.enqueue(ScriptedResponse.sse(ConformanceData.read("fixtures/text-basic.sse")));
                    Message message = run(brook, async);
                    assertThat(message.text()).as(mode(async)).startsWith("Once upon a time");
                    assertOrder(recorder.awaitEnd(), async);
                }
            }
        }
    }

    private List<String> failing(boolean async, ScriptedResponse response, Class<? extends Throwable> expected,
            int maxRetries) throws Exception {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport()) {
            RecordingCallListener recorder = new RecordingCallListener();
            try (Brook brook = Tck.brook(transport, server).maxRetries(maxRetries).idleTimeout(Duration.ofMillis(500))
                    .addCallListener(recorder).build()) {
                server.enqueue(response);
                Throwable thrown = catchThrowable(() -> run(brook, async));
                assertThat(unwrap(thrown)).as(mode(async)).isInstanceOf(expected);
                List<String> log = recorder.awaitEnd();
                assertOrder(log, async);
                assertThat(recorder.failure).as(mode(async)).isSameAs(unwrap(thrown));
                return log;
            }
        }
    }

    /** Streams the kit's request sync or async and returns the final message; async failures unwrapped. */
    private static Message run(Brook brook, boolean async) throws Exception {
        if (!async) {
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                return stream.finalMessage();
            }
        }
        CompletableFuture<Message> done = brook.messages().streamAsync(Tck.request(), new StreamListener() { })
                .finalMessage();
        try {
            return done.get(Tck.TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static void assertOrder(List<String> log, boolean async) {
        assertThat(String.join(" ", log)).as("the callbacks of one call (%s)", mode(async)).matches(RecordingCallListener.ORDER);
        int attempt = 0;
        for (String entry : log) {
            if (entry.startsWith("attemptStart:")) {
                attempt++;
                assertThat(entry).as("attempts are numbered in order").isEqualTo("attemptStart:" + attempt);
            }
        }
    }

    private static String mode(boolean async) {
        return async ? "async" : "sync";
    }

    private static ScriptedResponse withRequestId(byte[] sse, String requestId) {
        return ScriptedResponse.sse(sse).newBuilder().header("request-id", requestId).build();
    }

    private static ScriptedResponse errorStatus(int status, String type) {
        return ScriptedResponse.builder().status(status).header("content-type", "application/json")
                .header("retry-after-ms", "10")
                .body("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"from the TCK\"}}").build();
    }
}
