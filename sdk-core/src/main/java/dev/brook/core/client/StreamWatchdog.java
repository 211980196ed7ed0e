package dev.brook.core.client;

import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.event.Message;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Enforces a stream's idle and total timeouts whatever the transport: when one expires it records which
 * and aborts the exchange, which wakes the reader. Idle time counts only while the reader is blocked in
 * a read, so a consumer that is slow to ask for more is never mistaken for a silent server. One shared
 * daemon thread serves every stream; the per-read cost is two volatile writes.
 */
final class StreamWatchdog {
    private static final ScheduledExecutorService TIMER = timer();
    private static final long MAX_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "brook-stream-watchdog");
            t.setDaemon(true);
            return t;
        });
        // A cancelled total-timeout task would otherwise stay queued, holding its finished stream, until
        // its deadline: heap would grow with stream rate times the timeout.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private final long idleNanos;
    private final Runnable abort;
    private final ScheduledFuture<?> totalTask;
    private volatile long readStartedAt;
    private volatile boolean reading;
    private volatile StreamTimeoutException.Kind fired;
    private volatile ScheduledFuture<?> idleTask;
    private volatile boolean stopped;

    /**
     * @param idle longest silence while a read is blocked; zero for none
     * @param total longest life of the stream; zero for none
     * @param abort aborts the exchange; called at most once, from the timer thread
     */
    StreamWatchdog(Duration idle, Duration total, Runnable abort) {
        this.idleNanos = idle.toNanos();
        this.abort = abort;
        this.totalTask = total.isZero() ? null
                : TIMER.schedule(() -> fire(StreamTimeoutException.Kind.TOTAL), total.toNanos(), TimeUnit.NANOSECONDS);
        if (idleNanos > 0) {
            scheduleIdleCheck(checkInterval());
        }
    }

    /**
     * The error a stream ends with when {@code kind} fired: which timeout, its value, how far the stream
     * got, and the setting to change.
     */
    static StreamTimeoutException timeoutError(StreamTimeoutException.Kind kind, Duration value, long delivered,
            Throwable cause, Message snapshot) {
        String what = kind == StreamTimeoutException.Kind.IDLE
                ? "Idle timeout of " + value.toMillis() + " ms expired after " + delivered
                        + " events; the server sent nothing for that long. Raise Brook.builder().idleTimeout(...)"
                        + " or check the network path."
                : "Total timeout of " + value.toMillis() + " ms expired after " + delivered
                        + " events. Raise Brook.builder().totalTimeout(...) or set it to zero for none.";
        return new StreamTimeoutException(kind, value, what, cause, snapshot);
    }

    void readStarted() {
        readStartedAt = System.nanoTime();
        reading = true;
    }

    void readEnded() {
        reading = false;
    }

    /** Which timeout fired, or {@code null}. */
    StreamTimeoutException.Kind fired() {
        return fired;
    }

    void stop() {
        stopped = true;
        ScheduledFuture<?> idle = idleTask;
        if (idle != null) {
            idle.cancel(false);
        }
        if (totalTask != null) {
            totalTask.cancel(false);
        }
    }

    private long checkInterval() {
        return Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(MAX_CHECK_NANOS, idleNanos / 4));
    }

    private void scheduleIdleCheck(long delayNanos) {
        if (!stopped) {
            idleTask = TIMER.schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void checkIdle() {
        if (stopped) {
            return;
        }
        if (reading && System.nanoTime() - readStartedAt >= idleNanos) {
            fire(StreamTimeoutException.Kind.IDLE);
            return;
        }
        scheduleIdleCheck(checkInterval());
    }

    private void fire(StreamTimeoutException.Kind kind) {
        synchronized (this) {
            if (stopped || fired != null) {
                return;
            }
            fired = kind;
        }
        stop();
        abort.run();
    }
}
