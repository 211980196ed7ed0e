package dev.brook.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.Brook;
import dev.brook.core.error.StreamTimeoutException.Kind;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.transport.DaemonThreads;
import dev.brook.core.transport.TransportExchange;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The call clock on its own: which timeout fires in which phase, what a retry clears, and that aborts
 * never run on the timer thread. Margins are wide: these assert order and causality, not precision.
 */
class CallClockTest {
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:1/v1/messages");
    private static final Duration NONE = Duration.ZERO;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("test-timer"));
    private final ExecutorService offTimer = Executors.newCachedThreadPool(new DaemonThreads("test-off-timer"));

    @AfterEach
    void stop() {
        timer.shutdownNow();
        offTimer.shutdownNow();
    }

    /**
     * Waits until the clock's timer has run everything due within {@code delay} from now: a marker
     * scheduled on the same single-threaded timer runs only after every earlier deadline, so a timeout
     * that should not fire has had its chance (a causal wait, not a sleep).
     */
    private void passTimer(Duration delay) throws Exception {
        timer.schedule(() -> { }, delay.toMillis(), TimeUnit.MILLISECONDS).get(30, TimeUnit.SECONDS);
    }

    private CallClock clock(Duration connect, Duration idle, Duration total) {
        return new CallClock(timer, offTimer, ENDPOINT, connect, idle, total);
    }

    @Test
    void theConnectTimeoutAbortsAnExchangeThatNeverConnectsOffTheTimerThread() throws Exception {
        CallClock clock = clock(Duration.ofMillis(200), Duration.ofSeconds(30), NONE);
        TransportExchange exchange = clock.startAttempt();
        CompletableFuture<String> abortedOn = new CompletableFuture<>();
        exchange.onAbort(() -> abortedOn.complete(Thread.currentThread().getName()));
        assertThat(abortedOn.get(5, TimeUnit.SECONDS)).startsWith("test-off-timer");
        assertThat(clock.fired()).isEqualTo(Kind.CONNECT);
        StreamTimeoutException e = clock.beforeHeaders(clock.fired(), null);
        assertThat(e.getMessage()).isEqualTo("Connect timeout of 200 ms expired connecting to " + ENDPOINT
                + ". Raise Brook.builder().connectTimeout(...) or check the network path.");
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.retryable()).isTrue();
        clock.stop();
    }

    @Test
    void theIdleTimeoutCountsFromTheConnectionNotFromTheAttemptsStart() throws Exception {
        CallClock clock = clock(Duration.ofSeconds(30), Duration.ofMillis(400), NONE);
        TransportExchange exchange = clock.startAttempt();
        CompletableFuture<Long> abortedAt = new CompletableFuture<>();
        exchange.onAbort(() -> abortedAt.complete(System.nanoTime()));
        passTimer(Duration.ofMillis(300));
        assertThat(clock.fired()).as("connecting is not silence").isNull();
        exchange.connected();
        long connectedAt = System.nanoTime();
        long aborted = abortedAt.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(aborted - connectedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        assertThat(clock.fired()).isEqualTo(Kind.IDLE);
        clock.stop();
    }

    @Test
    void aRetryClearsTheLastAttemptsVerdictAndIsWatchedAgain() throws Exception {
        CallClock clock = clock(Duration.ofMillis(150), Duration.ofSeconds(30), NONE);
        TransportExchange first = clock.startAttempt();
        CompletableFuture<Void> firstAborted = new CompletableFuture<>();
        first.onAbort(() -> firstAborted.complete(null));
        firstAborted.get(5, TimeUnit.SECONDS);
        assertThat(clock.fired()).isEqualTo(Kind.CONNECT);

        TransportExchange second = clock.startAttempt();
        assertThat(clock.fired()).isNull();
        assertThat(second.isAborted()).isFalse();
        CompletableFuture<Void> secondAborted = new CompletableFuture<>();
        second.onAbort(() -> secondAborted.complete(null));
        secondAborted.get(5, TimeUnit.SECONDS);
        assertThat(clock.fired()).isEqualTo(Kind.CONNECT);
        assertThat(clock.attempts()).isEqualTo(2);
        clock.stop();
    }

    @Test
    void theTotalTimeoutEndsARetryDelayAndAbortsEveryLaterAttempt() {
        CallClock clock = clock(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMillis(400));
        clock.startAttempt();
        clock.endAttempt();
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> clock.sleep(Duration.ofSeconds(20)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(thrown).isInstanceOf(StreamTimeoutException.class);
        assertThat(((StreamTimeoutException) thrown).kind()).isEqualTo(Kind.TOTAL);
        assertThat(((StreamTimeoutException) thrown).retryable()).isFalse();
        assertThat(clock.startAttempt().isAborted()).as("a total verdict stands").isTrue();
        clock.stop();
    }

    @Test
    void bodySilenceCountsOnlyWhileAReaderWaits() throws Exception {
        CallClock clock = clock(Duration.ofSeconds(30), Duration.ofMillis(200), NONE);
        CompletableFuture<Void> aborted = new CompletableFuture<>();
        clock.startBody(() -> aborted.complete(null));
        passTimer(Duration.ofMillis(600)); // a slow consumer, not a silent server
        assertThat(clock.fired()).isNull();
        clock.readStarted();
        aborted.get(5, TimeUnit.SECONDS);
        assertThat(clock.fired()).isEqualTo(Kind.IDLE);
        StreamTimeoutException e = clock.inBody(Kind.IDLE, 3, null, null, "req_1");
        assertThat(e.getMessage()).startsWith("Idle timeout of 200 ms expired after 3 events (request-id req_1)");
        assertThat(e.requestId()).hasValue("req_1");
        clock.stop();
    }

    @Test
    void aStoppedClockFiresNothing() throws Exception {
        CallClock clock = clock(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100));
        TransportExchange exchange = clock.startAttempt();
        clock.stop();
        passTimer(Duration.ofMillis(500));
        assertThat(clock.fired()).isNull();
        assertThat(exchange.isAborted()).isFalse();
    }

    @Test
    void aTimeoutOfTheStacksOwnIsNamedByItsPhase() {
        CallClock clock = clock(Duration.ofSeconds(10), Duration.ofSeconds(60), NONE);
        clock.startAttempt();
        StreamTimeoutException connecting = clock.stackTimeout(false, new java.net.SocketTimeoutException("connect timed out"));
        assertThat(connecting.kind()).isEqualTo(Kind.CONNECT);
        assertThat(connecting.getMessage()).startsWith("The HTTP client's own timeout fired after ")
                .contains("connecting to " + ENDPOINT + ", before Brook's connect timeout of 10,000 ms");
        StreamTimeoutException waiting = clock.stackTimeout(true, new java.net.SocketTimeoutException("Read timed out"));
        assertThat(waiting.kind()).isEqualTo(Kind.IDLE);
        assertThat(waiting.getMessage()).contains("before Brook's idle timeout of 60,000 ms");
        clock.stop();
    }
}
