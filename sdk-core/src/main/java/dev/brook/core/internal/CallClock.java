package dev.brook.core.internal;

import dev.brook.core.client.Brook;
import dev.brook.core.client.RequestOptions;
import dev.brook.core.error.StreamTimeoutException.Kind;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.event.Message;
import dev.brook.core.transport.TransportExchange;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one clock of one call, and the only place a {@link StreamTimeoutException} is decided. It starts
 * when the call starts and watches every phase in turn:
 *
 * <ul>
 *   <li>each attempt: the connect timeout until the transport reports {@link TransportExchange#connected()},
 *       then the idle timeout until the headers arrive;</li>
 *   <li>the body (or an error body): the idle timeout, counted only while a reader waits for bytes, so a
 *       consumer that is slow to ask for more is never mistaken for a silent server;</li>
 *   <li>the whole call, across retries and their delays, to the last event: the total timeout.</li>
 * </ul>
 *
 * <p>When a timeout fires the clock records its kind at once (readers poll {@link #fired()}), then, off
 * the timer thread, aborts whatever is in flight (the exchange or the body) and runs the owner's
 * reaction. The timer thread never runs transport or user code, so one slow callback cannot delay every
 * stream's timeouts. Thread-safe: the owner moves it from phase to phase on its own thread, the timer
 * reads it from another.
 */
public final class CallClock {
    private static final long MIN_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ScheduledExecutorService timer;
    private final Executor offTimer;
    private final long connectNanos;
    private final long idleNanos;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Duration totalTimeout;
    private final URI endpoint;
    private final long startedAt = System.nanoTime();
    private final ScheduledFuture<?> totalTask;
    private volatile ScheduledFuture<?> checkTask;
    private volatile Runnable onFire = () -> { };
    private volatile Kind fired;
    private volatile boolean stopped;

    // The phase: an attempt in flight (exchange set), or a body being read (bodyAbort set), or neither.
    private volatile TransportExchange exchange;
    private volatile long attemptStartedAt;
    private volatile Runnable bodyAbort;
    private volatile boolean reading;
    private volatile long readStartedAt;
    private volatile int attempts;

    /**
     * Starts the clock (and the total timeout) now.
     *
     * @param offTimer where aborts and the owner's reaction run when a timeout fires
     */
    public CallClock(ScheduledExecutorService timer, Executor offTimer, URI endpoint, Duration connectTimeout,
            Duration idleTimeout, Duration totalTimeout) {
        this.timer = timer;
        this.offTimer = offTimer;
        this.endpoint = endpoint;
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        this.totalTimeout = totalTimeout;
        this.connectNanos = connectTimeout.toNanos();
        this.idleNanos = idleTimeout.toNanos();
        this.totalTask = totalTimeout.isZero() ? null
                : timer.schedule(() -> fire(Kind.TOTAL), totalTimeout.toNanos(), TimeUnit.NANOSECONDS);
        long check = checkInterval();
        if (check > 0) {
            checkTask = timer.schedule(this::check, check, TimeUnit.NANOSECONDS);
        }
    }

    /** What to do, off the timer thread, after a timeout fired and the phase in flight was aborted. */
    void onFire(Runnable reaction) {
        this.onFire = reaction;
    }

    /** Which timeout fired, or {@code null}. */
    public Kind fired() {
        return fired;
    }

    /** How many attempts were started. */
    public int attempts() {
        return attempts;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Starts an attempt: the connect timeout runs until the transport reports the connection. A connect or
     * idle verdict of the previous attempt is cleared; a total one stands (the new exchange is aborted).
     */
    public TransportExchange startAttempt() {
        TransportExchange ex = TransportExchange.create();
        synchronized (this) {
            if (fired != null && fired != Kind.TOTAL) {
                fired = null; // the last attempt's connect or idle timeout; this attempt has its own
            }
        }
        attempts++;
        bodyAbort = null;
        attemptStartedAt = System.nanoTime();
        exchange = ex;
        if (fired != null) {
            ex.abort(); // published before this check: either fire() saw the exchange or this sees fired
        }
        return ex;
    }

    /** Aborts the attempt in flight, if any: the call was cancelled before its headers arrived. */
    void abortAttempt() {
        TransportExchange ex = exchange;
        if (ex != null) {
            ex.abort();
        }
    }

    /** The attempt's headers (or failure) arrived: nothing is waited for until the next phase starts. */
    public void endAttempt() {
        exchange = null;
    }

    /**
     * A body is being read: idle time counts while a reader waits ({@link #watch}); {@code abort}
     * releases the exchange and wakes the reader when a timeout fires.
     */
    public void startBody(Runnable abort) {
        exchange = null;
        reading = false;
        bodyAbort = abort;
        if (fired != null) {
            offTimer(abort);
        }
    }

    /** A reader starts waiting for body bytes. */
    public void readStarted() {
        readStartedAt = System.nanoTime();
        reading = true;
    }

    /** The reader has its bytes (or the end). */
    public void readEnded() {
        reading = false;
    }

    /** {@code body} with every read watched by the idle timeout; closing it closes {@code body}. */
    public InputStream watch(InputStream body) {
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                readStarted();
                try {
                    return super.read();
                } finally {
                    readEnded();
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                readStarted();
                try {
                    return in.read(b, off, len);
                } finally {
                    readEnded();
                }
            }
        };
    }

    /**
     * Sleeps {@code delay} before a retry, or less when the total timeout comes first.
     *
     * @throws StreamTimeoutException ({@code TOTAL}) when the total timeout fired before or during the wait
     * @throws InterruptedIOException when the thread is interrupted
     */
    public void sleep(Duration delay) throws InterruptedIOException {
        long nanos = delay.toNanos();
        if (totalTask != null) {
            long left = totalTimeout.toNanos() - (System.nanoTime() - startedAt);
            nanos = Math.min(nanos, Math.max(0, left) + MIN_CHECK_NANOS);
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry " + endpoint);
        }
        if (fired == null && totalTask != null && System.nanoTime() - startedAt >= totalTimeout.toNanos()) {
            fire(Kind.TOTAL); // the timer is late (a busy machine): the deadline is what counts
        }
        if (fired == Kind.TOTAL) {
            throw beforeHeaders(Kind.TOTAL, null); // a connect or idle verdict belongs to the last attempt
        }
    }

    /** Runs {@code task} off the timer thread after {@code delay} (an async retry). */
    public void schedule(Duration delay, Runnable task) {
        timer.schedule(() -> offTimer(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops watching: cancels the clock's tasks. Idempotent. */
    public void stop() {
        stopped = true;
        exchange = null;
        bodyAbort = null;
        if (totalTask != null) {
            totalTask.cancel(false);
        }
        ScheduledFuture<?> c = checkTask;
        if (c != null) {
            c.cancel(false);
        }
    }

    /**
     * The error for a timeout before the response headers arrived (connecting, waiting for headers,
     * between attempts, or reading an error body).
     *
     * @param cause the stack's exception the abort produced, or {@code null}
     */
    public StreamTimeoutException beforeHeaders(Kind kind, Throwable cause) {
        int n = attempts;
        String tries = n > 1 ? " (attempt " + n + ")" : "";
        String what = switch (kind) {
            case CONNECT -> "Connect timeout of " + millis(connectTimeout) + " expired connecting to " + endpoint + tries
                    + ". Raise Brook.builder().connectTimeout(...) or check the network path.";
            case IDLE -> "Idle timeout of " + millis(idleTimeout) + " expired waiting for the response from " + endpoint
                    + tries + "; the server sent nothing for that long. Raise Brook.builder().idleTimeout(...)"
                    + " (or RequestOptions idleTimeout) or check the server.";
            case TOTAL -> "Total timeout of " + millis(totalTimeout) + " expired before the response from " + endpoint
                    + " arrived, after " + n + (n == 1 ? " attempt" : " attempts")
                    + ". Raise Brook.builder().totalTimeout(...) (or RequestOptions totalTimeout) or set it to zero"
                    + " for none.";
        };
        return new StreamTimeoutException(kind, value(kind), what, cause, null, null, n);
    }

    /**
     * The error for a timeout while a body streamed: which timeout, its value, how far the stream got,
     * and the setting to change.
     */
    public StreamTimeoutException inBody(Kind kind, long delivered, Throwable cause, Message snapshot, String requestId) {
        String events = delivered + (delivered == 1 ? " event" : " events");
        String id = requestId == null ? "" : " (request-id " + requestId + ")";
        String what = kind == Kind.TOTAL
                ? "Total timeout of " + millis(totalTimeout) + " expired after " + events + id
                        + ". Raise Brook.builder().totalTimeout(...) (or RequestOptions totalTimeout) or set it to zero"
                        + " for none."
                : "Idle timeout of " + millis(idleTimeout) + " expired after " + events + id
                        + "; the server sent nothing for that long. Raise Brook.builder().idleTimeout(...)"
                        + " (or RequestOptions idleTimeout) or check the network path.";
        return new StreamTimeoutException(kind, value(kind), what, cause, snapshot, requestId, attempts);
    }

    /**
     * The error for a timeout the transport's own HTTP stack raised before Brook's clock fired (a user's
     * client configured tighter than Brook): named by the phase it came in.
     */
    public StreamTimeoutException stackTimeout(boolean connected, Throwable cause) {
        Kind kind = connected ? Kind.IDLE : Kind.CONNECT;
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - attemptStartedAt);
        String what = "The HTTP client's own timeout fired after "
                + String.format("%,d", took) + " ms " + (connected ? "waiting for the response from " : "connecting to ")
                + endpoint + ", before Brook's " + (connected ? "idle" : "connect") + " timeout of "
                + millis(value(kind)) + ": raise that client's own timeout, or leave timeouts to Brook (" + cause + ").";
        return new StreamTimeoutException(kind, value(kind), what, cause, null, null, attempts);
    }

    private Duration value(Kind kind) {
        return switch (kind) {
            case CONNECT -> connectTimeout;
            case IDLE -> idleTimeout;
            case TOTAL -> totalTimeout;
        };
    }

    private static String millis(Duration d) {
        return String.format("%,d ms", d.toMillis());
    }

    private long checkInterval() {
        long shortest = Long.MAX_VALUE;
        if (connectNanos > 0) {
            shortest = connectNanos;
        }
        if (idleNanos > 0) {
            shortest = Math.min(shortest, idleNanos);
        }
        if (shortest == Long.MAX_VALUE) {
            return 0;
        }
        return Math.max(MIN_CHECK_NANOS, Math.min(MAX_CHECK_NANOS, shortest / 8));
    }

    private void check() {
        if (stopped || fired == Kind.TOTAL) {
            return;
        }
        if (fired == null) {
            Kind due = due(System.nanoTime());
            if (due != null) {
                fire(due);
            }
        }
        // Kept running after a connect or idle verdict: a retry's attempt clears it and needs watching.
        try {
            checkTask = timer.schedule(this::check, checkInterval(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The scheduler was shut down by its owner: nothing can be timed any more.
        }
    }

    /** The connect or idle timeout that is due in the current phase, or {@code null}. */
    private Kind due(long now) {
        TransportExchange ex = exchange;
        if (ex != null) {
            if (!ex.isConnected()) {
                return connectNanos > 0 && now - attemptStartedAt >= connectNanos ? Kind.CONNECT : null;
            }
            return idleNanos > 0 && now - ex.connectedAtNanos() >= idleNanos ? Kind.IDLE : null;
        }
        return bodyAbort != null && reading && idleNanos > 0 && now - readStartedAt >= idleNanos ? Kind.IDLE : null;
    }

    /** Runs on the timer thread (or a late sleeper): records the verdict, then aborts and reacts elsewhere. */
    private void fire(Kind kind) {
        synchronized (this) {
            if (stopped || fired != null) {
                return;
            }
            fired = kind;
        }
        TransportExchange ex = exchange;
        Runnable body = bodyAbort;
        Runnable reaction = onFire;
        offTimer(() -> {
            try {
                if (ex != null) {
                    ex.abort();
                }
                if (body != null) {
                    body.run();
                }
            } finally {
                reaction.run();
            }
        });
    }

    private void offTimer(Runnable task) {
        try {
            offTimer.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // the executor is shut down (the client is closing): better here than never
        }
    }
}
