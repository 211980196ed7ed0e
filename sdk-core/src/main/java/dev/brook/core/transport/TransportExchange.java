package dev.brook.core.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The core's handle on one exchange in flight, from the moment it is handed to
 * {@link Transport#execute} or {@link Transport#executeAsync} until its response headers arrive. The
 * core owns every timeout; a transport only tells it what its stack did and gives it a way to stop the
 * exchange:
 *
 * <ul>
 *   <li>{@link #connected()}: the transport calls it once the connection is established and the request
 *       is being written (for example when its stack asks for the request body). Until then the core's
 *       connect timeout runs; from then on, until the headers arrive, its idle timeout runs. A transport
 *       that cannot tell calls it just before sending, so connecting counts as waiting for headers.</li>
 *   <li>{@link #onAbort(Runnable)}: the transport registers, before it blocks or returns a future, how to
 *       abort the exchange. The core runs it (at most once, from any thread, typically its timer thread)
 *       when a timeout fires or the caller gives up before the headers; it must make a blocked
 *       {@code execute} throw an {@link java.io.IOException}, or the future of {@code executeAsync}
 *       complete exceptionally, promptly, and release the connection. It must not block.</li>
 * </ul>
 *
 * <p>Whoever drives a transport directly (a test, a tool) creates one with {@link #create()} and may
 * {@link #abort()} it. Thread-safe.
 */
public final class TransportExchange {
    private static final Runnable ABORTED = () -> { };

    private final AtomicReference<Runnable> abortAction = new AtomicReference<>();
    private volatile long connectedAt;
    private volatile boolean connected;

    private TransportExchange() {
    }

    /** A new exchange, not connected and not aborted. */
    public static TransportExchange create() {
        return new TransportExchange();
    }

    /**
     * Reports that the connection is up and the request is being sent. Idempotent; only the first call
     * counts.
     */
    public void connected() {
        if (!connected) {
            connectedAt = System.nanoTime();
            connected = true;
        }
    }

    /** Whether {@link #connected()} was called. */
    public boolean isConnected() {
        return connected;
    }

    /**
     * When {@link #connected()} was first called, on the {@link System#nanoTime()} scale.
     *
     * @throws IllegalStateException if it was not called yet
     */
    public long connectedAtNanos() {
        if (!connected) {
            throw new IllegalStateException("not connected yet");
        }
        return connectedAt;
    }

    /**
     * Registers how to abort this exchange, replacing an action registered before. If the exchange was
     * already aborted, {@code abort} runs at once, on the calling thread.
     *
     * @throws NullPointerException if {@code abort} is null
     */
    public void onAbort(Runnable abort) {
        Objects.requireNonNull(abort, "abort");
        while (true) {
            Runnable current = abortAction.get();
            if (current == ABORTED) {
                abort.run();
                return;
            }
            if (abortAction.compareAndSet(current, abort)) {
                return;
            }
        }
    }

    /**
     * Aborts the exchange: runs the registered action, once, on the calling thread; an action registered
     * later runs when it is registered. Idempotent.
     */
    public void abort() {
        Runnable action = abortAction.getAndSet(ABORTED);
        if (action != null && action != ABORTED) {
            action.run();
        }
    }

    /**
     * Blocks until {@code headers} completes: how a transport whose stack is asynchronous implements
     * {@link Transport#execute} over its own {@link Transport#executeAsync}. The abort registered for
     * this exchange fails or cancels that future, which ends the wait.
     *
     * @return the response
     * @throws IOException what the future failed with (an unchecked exception or error is rethrown as
     *     it is); a cancelled future as an {@code IOException} saying the exchange was aborted
     * @throws InterruptedIOException if the thread is interrupted: the exchange is aborted first
     */
    public TransportResponse awaitHeaders(CompletableFuture<TransportResponse> headers) throws IOException {
        Objects.requireNonNull(headers, "headers");
        try {
            return headers.get();
        } catch (InterruptedException e) {
            abort();
            headers.cancel(false);
            // A response that still arrives is nobody's: close it rather than leak its connection.
            headers.thenAccept(TransportResponse::close);
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while waiting for the response headers");
            io.initCause(e);
            throw io;
        } catch (CancellationException e) {
            throw new IOException("the exchange was aborted before the response headers arrived", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    /** Whether {@link #abort()} was called. */
    public boolean isAborted() {
        return abortAction.get() == ABORTED;
    }

    @Override
    public String toString() {
        return "TransportExchange{" + (isAborted() ? "aborted" : connected ? "connected" : "connecting") + '}';
    }
}
