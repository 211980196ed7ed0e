package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.RequestOptions;
import dev.brook.core.client.StreamListener;
import dev.brook.core.error.ApiException;
import dev.brook.core.error.AuthenticationException;
import dev.brook.core.error.BadRequestException;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.OverloadedException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.event.UnknownEvent;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What every failure says about its call, on the transport under test: the {@code request-id} on each
 * error raised after the headers, the number of attempts and whether it is retryable; per-call options
 * over the client's; credentials echoed by a server masked everywhere; an unknown event kept whatever
 * its data. Sync and async.
 */
public interface CallIdentitySuite extends TransportSuite {
    /** The {@code request-id} header the scripted responses carry. */
    String REQUEST_ID = "req_tck_0123";

    /**
     * Every kind of error raised after the headers (stream error, incomplete stream, protocol error, timeout,
     * error status, a 200 that is not an event stream) carries the response's {@code request-id} and the
     * number of attempts, sync and async.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void everyStreamErrorKindCarriesTheRequestIdAndAttempts() throws Exception {
        Map<String, Supplier<ScriptedResponse>> scripts = new LinkedHashMap<>();
        scripts.put("StreamErrorException", () -> fixture("fixtures/error-overloaded.sse"));
        scripts.put("IncompleteStreamException", () -> fixture("fixtures/truncated.sse"));
        scripts.put("StreamProtocolException", () -> fixture("fixtures/protocol-bad-json.sse"));
        scripts.put("StreamTimeoutException", () -> Tck.headThen().header("request-id", REQUEST_ID)
                .stall(Duration.ofSeconds(20)).build());
        scripts.put("BadRequestException", () -> ScriptedResponse.builder().status(400)
                .header("content-type", "application/json").header("request-id", REQUEST_ID)
                .body("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}").build());
        scripts.put("StreamProtocolException (not an event stream)", () -> ScriptedResponse.json(200, "{}")
                .newBuilder().header("request-id", REQUEST_ID).build());
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).idleTimeout(Duration.ofMillis(600)).build()) {
            for (Map.Entry<String, Supplier<ScriptedResponse>> script : scripts.entrySet()) {
                String kind = script.getKey();
                server.enqueue(script.getValue().get());
                Throwable sync = catchThrowable(() -> {
                    try (MessageStream stream = brook.messages().stream(Tck.request())) {
                        assertThat(stream.requestId()).hasValue(REQUEST_ID);
                        stream.finalMessage();
                    }
                });
                assertIdentified(sync, kind, "sync");

                server.enqueue(script.getValue().get());
                AsyncMessageStream async = brook.messages().streamAsync(Tck.request(), new StreamListener() { });
                Throwable asyncError = failure(async);
                assertIdentified(asyncError, kind, "async");
                if (!(asyncError instanceof ApiException) && !kind.contains("not an event stream")) {
                    assertThat(async.requestId()).as("async requestId() once headers are in").hasValue(REQUEST_ID);
                }
            }
        }
    }

    /**
     * {@code attempts()} and {@code retryable()} follow the retry policy: a 529 retried twice fails after 3
     * attempts as retryable; a 400 fails after 1, not retryable.
     */
    @Test
    default void attemptsAndRetryableFollowTheRetryPolicy() {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).maxRetries(2).build()) {
            server.respondAlways(ScriptedResponse.builder().status(529).header("content-type", "application/json")
                    .header("retry-after-ms", "10").header("request-id", REQUEST_ID)
                    .body("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}").build());
            Throwable overloaded = catchThrowable(() -> brook.messages().stream(Tck.request()));
            assertThat(overloaded).isExactlyInstanceOf(OverloadedException.class);
            assertThat(((BrookException) overloaded).attempts()).isEqualTo(3);
            assertThat(((BrookException) overloaded).retryable()).isTrue();
            assertThat(((BrookException) overloaded).requestId()).hasValue(REQUEST_ID);
            assertThat(overloaded).hasMessageContaining("after 3 attempts");

            server.respondAlways(ScriptedResponse.json(400,
                    "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}"));
            Throwable bad = catchThrowable(() -> brook.messages().stream(Tck.request()));
            assertThat(bad).isExactlyInstanceOf(BadRequestException.class);
            assertThat(((BrookException) bad).attempts()).isEqualTo(1);
            assertThat(((BrookException) bad).retryable()).isFalse();
        }
    }

    /**
     * Per-call options override the client's: extra headers and betas are sent, and the call's retries and
     * timeouts apply, sync and async.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void perCallOptionsOverrideTheClientsSettings() throws Exception {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).addBeta("client-beta").maxRetries(0).build()) {
            RequestOptions options = RequestOptions.builder().header("X-Trace-Id", "trace-42").addBeta("call-beta")
                    .maxRetries(1).build();
            // Headers, betas and retries, sync: one 529 retried although the client allows none.
            server.enqueue(overloaded());
            server.enqueue(fixture("fixtures/text-basic.sse"));
            try (MessageStream stream = brook.messages().stream(Tck.request(), options)) {
                assertThat(stream.finalText()).startsWith("Once upon a time");
            }
            List<RecordedRequest> requests = server.requests();
            assertThat(requests).hasSize(2);
            RecordedRequest sent = requests.get(1);
            assertThat(sent.header("x-trace-id")).hasValue("trace-42");
            assertThat(sent.header("anthropic-beta")).hasValue("client-beta,call-beta");
            assertThat(sent.header("x-api-key")).as("the client's credentials stay").isPresent();

            // The same, async.
            server.enqueue(overloaded());
            server.enqueue(fixture("fixtures/text-basic.sse"));
            Message async = brook.messages().streamAsync(Tck.request(), new StreamListener() { }, options)
                    .finalMessage().get(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(async.text()).startsWith("Once upon a time");
            assertThat(server.requestCount()).isEqualTo(4);
            assertThat(server.requests().get(3).header("x-trace-id")).hasValue("trace-42");

            // Without options the client's settings hold: no retry.
            server.enqueue(overloaded());
            assertThat(catchThrowable(() -> brook.messages().stream(Tck.request())))
                    .isInstanceOf(OverloadedException.class);
            assertThat(server.requests().get(4).header("x-trace-id")).isEmpty();

            // Idle and total timeouts per call, sync and async.
            RequestOptions eager = RequestOptions.builder().idleTimeout(Duration.ofMillis(400)).build();
            server.enqueue(Tck.stalledAfterHead());
            Throwable idle = catchThrowable(() -> brook.messages().stream(Tck.request(), eager).finalMessage());
            assertThat(idle).isInstanceOf(StreamTimeoutException.class);
            assertThat(((StreamTimeoutException) idle).kind()).isEqualTo(StreamTimeoutException.Kind.IDLE);
            assertThat(((StreamTimeoutException) idle).timeout()).isEqualTo(Duration.ofMillis(400));

            RequestOptions deadline = RequestOptions.builder().totalTimeout(Duration.ofMillis(500)).build();
            server.enqueue(Tck.stalledAfterHead());
            Throwable total = failure(brook.messages().streamAsync(Tck.request(), new StreamListener() { }, deadline));
            assertThat(total).isInstanceOf(StreamTimeoutException.class);
            assertThat(((StreamTimeoutException) total).kind()).isEqualTo(StreamTimeoutException.Kind.TOTAL);
            assertThat(((StreamTimeoutException) total).timeout()).isEqualTo(Duration.ofMillis(500));
        }
    }

    /**
     * A header Brook sets itself (credentials, {@code anthropic-version}, {@code content-type},
     * {@code anthropic-beta}) cannot be given per call.
     */
    @Test
    default void headersBrookOwnsCannotBeReplacedPerCall() {
        for (String owned : List.of("x-api-key", "Authorization", "anthropic-version", "content-type")) {
            assertThatThrownBy(() -> RequestOptions.builder().header(owned, "other"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Header '" + owned.toLowerCase(java.util.Locale.ROOT) + "' is set by Brook");
        }
        assertThatThrownBy(() -> RequestOptions.builder().header("anthropic-beta", "x"))
                .hasMessageContaining("addBeta");
    }

    /**
     * An API key the server echoes in an error body appears in no exception's message, {@code toString()},
     * stack trace or raw body (where it reads {@code [redacted]}), for {@code stream}, {@code streamAsync}
     * and {@code create}.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void aKeyTheServerEchoesNeverAppearsInAnyMessage() throws Exception {
        String echo = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key: "
                + Tck.API_KEY + "\"}}";
        List<String> seen = new CopyOnWriteArrayList<>();
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(ScriptedResponse.json(401, echo));
            Throwable sync = catchThrowable(() -> brook.messages().stream(Tck.request()));
            server.enqueue(ScriptedResponse.json(401, echo));
            Throwable async = failure(brook.messages().streamAsync(Tck.request(), new StreamListener() { }));
            server.enqueue(ScriptedResponse.json(401, echo));
            Throwable create = catchThrowable(() -> brook.messages().create(Tck.request()));
            for (Throwable t : List.of(sync, async, create)) {
                assertThat(t).isInstanceOf(AuthenticationException.class);
                AuthenticationException e = (AuthenticationException) t;
                seen.add(e.getMessage());
                seen.add(e.toString());
                seen.add(e.errorMessage());
                seen.add(e.rawBody());
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                seen.add(trace.toString());
                assertThat(e.rawBody()).contains("invalid x-api-key: [redacted]");
            }
        }
        for (String text : seen) {
            // Compared without printing the key: a failure message must not leak it either.
            assertThat(text.contains(Tck.API_KEY)).as("an exception's text contains the echoed API key").isFalse();
        }
    }

    /**
     * An unknown event whose data is plain text reaches the reader in its place between the known events,
     * with its type and data, sync and async, and the reply's text is whole.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void anUnknownEventWhoseDataIsNotJsonIsKeptBetweenKnownOnes() throws Exception {
        String whole = new String(ConformanceData.read("fixtures/text-basic.sse"), StandardCharsets.UTF_8);
        int afterStart = whole.indexOf("\n\n") + 2;
        byte[] withPlain = (whole.substring(0, afterStart) + "event: future_plain\ndata: hello\n\n"
                + whole.substring(afterStart)).getBytes(StandardCharsets.UTF_8);
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(ScriptedResponse.sseInChunks(withPlain, 7, Duration.ZERO));
            List<StreamEvent> events = new ArrayList<>();
            String text;
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                stream.forEach(events::add);
                text = stream.finalText();
            }
            assertThat(events.get(1)).isInstanceOf(UnknownEvent.class);
            assertThat(((UnknownEvent) events.get(1)).type()).isEqualTo("future_plain");
            assertThat(((UnknownEvent) events.get(1)).data()).isEqualTo("hello");
            assertThat(text).startsWith("Once upon a time");

            server.enqueue(ScriptedResponse.sseInChunks(withPlain, 7, Duration.ZERO));
            List<StreamEvent> asyncEvents = new CopyOnWriteArrayList<>();
            Message async = brook.messages().streamAsync(Tck.request(), new StreamListener() {
                @Override
                public void onEvent(StreamEvent event) {
                    asyncEvents.add(event);
                }
            }).finalMessage().get(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(async.text()).isEqualTo(text);
            assertThat(asyncEvents).hasSameSizeAs(events);
            assertThat(asyncEvents.get(1)).isEqualTo(events.get(1));
        }
    }

    private static ScriptedResponse fixture(String name) {
        return ScriptedResponse.sseInChunks(ConformanceData.read(name), 64, Duration.ZERO).newBuilder()
                .header("request-id", REQUEST_ID).build();
    }

    private static ScriptedResponse overloaded() {
        return ScriptedResponse.builder().status(529).header("content-type", "application/json")
                .header("retry-after-ms", "10")
                .body("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}").build();
    }

    private static void assertIdentified(Throwable thrown, String kind, String mode) {
        String expected = kind.contains(" ") ? kind.substring(0, kind.indexOf(' ')) : kind;
        assertThat(thrown).as("%s (%s)", kind, mode).isNotNull();
        assertThat(thrown.getClass().getSimpleName()).as("%s (%s)", kind, mode).isEqualTo(expected);
        BrookException e = (BrookException) thrown;
        assertThat(e.requestId()).as("requestId() of %s (%s)", kind, mode).hasValue(REQUEST_ID);
        assertThat(e.attempts()).as("attempts() of %s (%s)", kind, mode).isEqualTo(1);
        if (!(e instanceof ApiException)) {
            assertThat(e.getMessage()).as("message of %s (%s)", kind, mode).contains(REQUEST_ID);
        }
        switch (expected) {
            case "StreamErrorException" -> assertThat(((StreamErrorException) e).retryable()).isTrue();
            case "IncompleteStreamException" -> assertThat(((IncompleteStreamException) e).retryable()).isTrue();
            case "StreamProtocolException" -> assertThat(((StreamProtocolException) e).retryable()).isFalse();
            default -> { }
        }
    }

    private static Throwable failure(AsyncMessageStream stream) throws Exception {
        try {
            stream.finalMessage().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the stream completed instead of failing");
    }
}
