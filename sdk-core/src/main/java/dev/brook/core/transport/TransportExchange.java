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
 *   <li>For an asynchronous stack, {@link #response()}: the future {@code executeAsync} returns. The
 *       transport completes it with {@link #respond} or {@link #fail}; the core's abort fails it at once
 *       (before running the abort action), cancelling it aborts the exchange, and a response that comes
 *       after either is closed, so a transport never has to guard those races itself.</li>
 * </ul>
 *
 * <p>Whoever drives a transport directly (a test, a tool) creates one with {@link #create()} and may
 * {@link #abort()} it. Thread-safe.
 */
public final class TransportExchange {
    private static final Runnable ABORTED = () -> { };

    private final AtomicReference<Runnable> abortAction = new AtomicReference<>();
    private final CompletableFuture<TransportResponse> response = new CompletableFuture<>();
    private volatile long connectedAt;
    private volatile boolean connected;

    private TransportExchange() {
        response.whenComplete((r, t) -> {
            if (t instanceof CancellationException) {
                abort(); // whoever waited gave up: stop the exchange too
            }
        });
    }

    /** {@return a new exchange, not connected and not aborted} */
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

    /** {@return whether {@link #connected()} was called} */
    public boolean isConnected() {
        return connected;
    }

    /**
     * When {@link #connected()} was first called, on the {@link System#nanoTime()} scale.
     *
     * @return the {@code System.nanoTime()} of the first {@code connected()} call
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
     * @param abort makes the exchange end promptly and releases its connection; must not block
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
     * Aborts the exchange: fails {@link #response()} if it is still pending, then runs the registered
     * action, once, on the calling thread; an action registered later runs when it is registered.
     * Idempotent.
     */
    public void abort() {
        response.completeExceptionally(new IOException("the exchange was aborted before its response headers arrived"));
        Runnable action = abortAction.getAndSet(ABORTED);
        if (action != null && action != ABORTED) {
            action.run();
        }
    }

    /**
     * The response as an asynchronous stack delivers it: what {@link Transport#executeAsync} returns
     * when the transport completes it with {@link #respond} and {@link #fail}. It fails with an
     * {@link IOException} as soon as the exchange is {@linkplain #abort() aborted}; cancelling it aborts
     * the exchange.
     *
     * @return the future of this exchange's response, the same on every call
     */
    public CompletableFuture<TransportResponse> response() {
        return response;
    }

    /**
     * Delivers the response, from any thread. If the exchange was aborted, failed or given up on
     * meanwhile, nobody will read it: it is closed (its connection released) and this returns false.
     *
     * @param received the response, status and headers arrived and the body unread
     * @return true if the response was delivered; false if it was closed instead
     */
    public boolean respond(TransportResponse received) {
        Objects.requireNonNull(received, "received");
        if (response.complete(received)) {
            return true;
        }
        received.close();
        return false;
    }

    /**
     * Fails the exchange before its headers with what the stack raised (as {@link Transport#execute}
     * would throw it). Returns false if the response was already delivered or the exchange had ended.
     *
     * @param cause what the stack raised, usually an {@link IOException}
     * @return true if this failed the exchange; false if it had already ended
     */
    public boolean fail(Throwable cause) {
        return response.completeExceptionally(Objects.requireNonNull(cause, "cause"));
    }

    /**
     * Blocks until {@code headers} completes: how a transport whose stack is asynchronous implements
     * {@link Transport#execute} over its own {@link Transport#executeAsync}. The abort registered for
     * this exchange fails or cancels that future, which ends the wait.
     *
     * @param headers the future of the response, as {@link Transport#executeAsync} returned it
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

    /** {@return whether {@link #abort()} was called} */
    public boolean isAborted() {
        return abortAction.get() == ABORTED;
    }

    @Override
    public String toString() {
        return "TransportExchange{" + (isAborted() ? "aborted" : connected ? "connected" : "connecting") + '}';
    }
}
