package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.StreamListener;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.error.StreamTimeoutException.Kind;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.testkit.UnacceptingListener;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Brook's one clock, on the transport under test, whoever created its client: the connect timeout
 * against a listener that never accepts, the idle timeout while the headers are late and while the body
 * stalls, and the total timeout from the call's start across a retry, sync and async. Each fires on time
 * (within a second of its value, a margin that holds on a busy machine) with its own {@code kind()}.
 */
public interface TimeoutSuite extends TransportSuite {
    /** Beyond a timeout's value, how late it may fire: the clock's checks plus a busy machine. */
    Duration LATE = Duration.ofSeconds(1);

    /**
     * Headers later than the idle timeout give an {@code IDLE} timeout on time, after one attempt.
     */
    @Test
    default void headersLaterThanTheIdleTimeoutGiveAnIdleTimeoutOnTime() {
        Duration idle = Duration.ofMillis(700);
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).idleTimeout(idle).build()) {
            server.enqueue(lateHeaders());
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> brook.messages().stream(Tck.request()));
            assertTimeout(thrown, Kind.IDLE, idle, start);
            assertThat(thrown).hasMessageContaining("waiting for the response from " + server.url("/v1/messages"));
            assertThat(((StreamTimeoutException) thrown).attempts()).isEqualTo(1);
        }
    }

    /**
     * Headers later than the idle timeout give an {@code IDLE} timeout on time, async; the stream has no
     * request id.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void headersLaterThanTheIdleTimeoutGiveAnIdleTimeoutOnTimeAsync() throws Exception {
        Duration idle = Duration.ofMillis(700);
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).idleTimeout(idle).build()) {
            server.enqueue(lateHeaders());
            long start = System.nanoTime();
            AsyncMessageStream stream = brook.messages().streamAsync(Tck.request(), new StreamListener() { });
            Throwable thrown = asyncFailure(stream);
            assertTimeout(thrown, Kind.IDLE, idle, start);
            assertThat(stream.requestId()).as("no headers arrived").isEmpty();
        }
    }

    /**
     * The idle timeout bounds the wait for the headers of each attempt: a late first attempt is retried, and
     * the second one times out too.
     */
    @Test
    default void theIdleTimeoutBoundsTheHeaderWaitOfEveryAttempt() {
        Duration idle = Duration.ofMillis(500);
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).idleTimeout(idle).maxRetries(1).build()) {
            server.enqueue(lateHeaders());
            server.enqueue(lateHeaders());
            Throwable thrown = catchThrowable(() -> brook.messages().stream(Tck.request()));
            assertThat(thrown).isInstanceOf(StreamTimeoutException.class);
            StreamTimeoutException e = (StreamTimeoutException) thrown;
            assertThat(e.kind()).isEqualTo(Kind.IDLE);
            assertThat(e.retryable()).isTrue();
            assertThat(e.attempts()).as("the first attempt's idle timeout was retried once").isEqualTo(2);
            assertThat(server.requestCount()).isEqualTo(2);
        }
    }

    /**
     * The total timeout counts from the call's start, across a retry and its delay, and is not retryable.
     */
    @Test
    default void theTotalTimeoutCountsFromTheCallsStartAcrossARetry() {
        Duration total = Duration.ofMillis(2500);
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).maxRetries(2).totalTimeout(total).build()) {
            server.enqueue(unavailableRetryAfterOneSecond());
            server.enqueue(lateHeaders());
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> brook.messages().stream(Tck.request()));
            assertTimeout(thrown, Kind.TOTAL, total, start);
            assertThat(((StreamTimeoutException) thrown).attempts()).isEqualTo(2);
            assertThat(((StreamTimeoutException) thrown).retryable()).isFalse();
            assertThat(server.requestCount()).as("the 503 and the slow second attempt").isEqualTo(2);
        }
    }

    /**
     * The total timeout counts from the call's start, across a retry and its delay, async.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void theTotalTimeoutCountsFromTheCallsStartAcrossARetryAsync() throws Exception {
        Duration total = Duration.ofMillis(2500);
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).maxRetries(2).totalTimeout(total).build()) {
            server.enqueue(unavailableRetryAfterOneSecond());
            server.enqueue(lateHeaders());
            long start = System.nanoTime();
            Throwable thrown = asyncFailure(brook.messages().streamAsync(Tck.request()), true);
            assertTimeout(thrown, Kind.TOTAL, total, start);
            assertThat(((StreamTimeoutException) thrown).attempts()).isEqualTo(2);
            assertThat(server.requestCount()).isEqualTo(2);
        }
    }

    /**
     * A body that stalls trips the idle timeout on time, async, with the snapshot so far and no retry.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void aStalledBodyTripsTheIdleTimeoutOnTimeAsync() throws Exception {
        Duration idle = Duration.ofMillis(600);
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).idleTimeout(idle).build()) {
            server.enqueue(Tck.stalledAfterHead());
            long start = System.nanoTime();
            AsyncMessageStream stream = brook.messages().streamAsync(Tck.request(), new StreamListener() { });
            Throwable thrown = asyncFailure(stream);
            assertTimeout(thrown, Kind.IDLE, idle, start);
            assertThat(thrown).hasMessageStartingWith("Idle timeout of 600 ms expired after 3 events");
            assertThat(((StreamTimeoutException) thrown).snapshot())
                    .hasValueSatisfying(m -> assertThat(m.text()).isEqualTo("first"));
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    /**
     * Pings do not keep an async stream past its total timeout.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void pingsDoNotOutliveTheTotalTimeoutAsync() throws Exception {
        Duration total = Duration.ofMillis(1200);
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).idleTimeout(Duration.ofSeconds(4)).totalTimeout(total).build()) {
            server.enqueue(Tck.pingsAfterHead(80, Duration.ofMillis(100)));
            long start = System.nanoTime();
            Throwable thrown = asyncFailure(brook.messages().streamAsync(Tck.request()), true);
            assertTimeout(thrown, Kind.TOTAL, total, start);
            assertThat(((StreamTimeoutException) thrown).snapshot())
                    .hasValueSatisfying(m -> assertThat(m.text()).isEqualTo("first"));
        }
    }

    /**
     * An error body that stalls, and a non-streaming reply that stalls, are bounded by the idle timeout.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void anErrorBodyOrAWholeReplyThatStallsIsBoundedByTheIdleTimeout() throws Exception {
        Duration idle = Duration.ofMillis(600);
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).idleTimeout(idle).build()) {
            ScriptedResponse stalledError = ScriptedResponse.builder().status(529)
                    .header("content-type", "application/json").chunk("{\"type\":\"error\",")
                    .stall(Duration.ofSeconds(20)).build();
            server.enqueue(stalledError);
            long start = System.nanoTime();
            Throwable sync = catchThrowable(() -> brook.messages().stream(Tck.request()));
            assertTimeout(sync, Kind.IDLE, idle, start);

            server.enqueue(stalledError);
            long asyncStart = System.nanoTime();
            Throwable async = asyncFailure(brook.messages().streamAsync(Tck.request(), new StreamListener() { }));
            assertTimeout(async, Kind.IDLE, idle, asyncStart);

            // And a whole reply (create) whose body stalls.
            server.enqueue(ScriptedResponse.builder().status(200).header("content-type", "application/json")
                    .chunk("{\"id\":\"msg_1\",").stall(Duration.ofSeconds(20)).build());
            long createStart = System.nanoTime();
            Throwable create = catchThrowable(() -> brook.messages().create(Tck.request()));
            assertTimeout(create, Kind.IDLE, idle, createStart);
        }
    }

    /**
     * A listener that never accepts gives a {@code CONNECT} timeout on time.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void aListenerThatNeverAcceptsGivesAConnectTimeoutOnTime() throws Exception {
        Duration connect = Duration.ofMillis(600);
        try (UnacceptingListener listener = new UnacceptingListener(); Transport transport = newTransport();
                Brook brook = Brook.builder().apiKey(Tck.API_KEY).baseUrl(listener.baseUrl()).transport(transport)
                        .maxRetries(0).connectTimeout(connect).build()) {
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> brook.messages().stream(Tck.request()));
            assertTimeout(thrown, Kind.CONNECT, connect, start);
            assertThat(thrown).hasMessageStartingWith("Connect timeout of 600 ms expired connecting to "
                    + listener.baseUrl() + "/v1/messages");
            assertThat(((StreamTimeoutException) thrown).requestId()).isEmpty();

            long asyncStart = System.nanoTime();
            Throwable async = asyncFailure(brook.messages().streamAsync(Tck.request(), new StreamListener() { }));
            assertTimeout(async, Kind.CONNECT, connect, asyncStart);
        }
    }

    private static ScriptedResponse lateHeaders() {
        return Tck.headThen().headersDelay(Duration.ofSeconds(20)).build();
    }

    private static ScriptedResponse unavailableRetryAfterOneSecond() {
        return ScriptedResponse.builder().status(503).header("content-type", "application/json")
                .header("retry-after", "1")
                .body("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"unavailable\"}}").build();
    }

    /** Fired after at least {@code value} (less a little clock skew), and at most {@link #LATE} after it. */
    private static void assertTimeout(Throwable thrown, Kind kind, Duration value, long startNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        assertThat(thrown).isInstanceOf(StreamTimeoutException.class);
        StreamTimeoutException e = (StreamTimeoutException) thrown;
        assertThat(e.kind()).as("kind of: %s", e.getMessage()).isEqualTo(kind);
        assertThat(e.timeout()).isEqualTo(value);
        assertThat(took).as("time to the timeout").isGreaterThanOrEqualTo(value.minusMillis(50))
                .isLessThan(value.plus(LATE));
    }

    private static Throwable asyncFailure(AsyncMessageStream stream) throws Exception {
        return asyncFailure(stream, false);
    }

    /** The error the stream ended with; {@code subscribe} drives it through {@code events()} first. */
    private static Throwable asyncFailure(AsyncMessageStream stream, boolean subscribe) throws Exception {
        if (subscribe) {
            stream.events().subscribe(new DemandingSubscriber());
        }
        try {
            stream.finalMessage().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the stream completed instead of timing out");
    }
}
