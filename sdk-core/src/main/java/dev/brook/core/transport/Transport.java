package dev.brook.core.transport;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Moves the bytes of one HTTP exchange for Brook. A transport knows nothing of SSE, JSON, retries or
 * Brook's timeouts: it sends a {@link TransportRequest} and hands back a {@link TransportResponse} as soon as the status
 * and headers have arrived, with the body unread.
 *
 * <p>Implementations are thread-safe: one transport serves many concurrent streams.
 */
public interface Transport extends AutoCloseable {

    /**
     * {@return the short name of this transport, such as {@code jdk} or {@code okhttp}; it appears in the
     * user-agent}
     */
    String name();

    /**
     * Sends {@code request} and blocks until the status and headers have arrived.
     *
     * <p>Report progress and take the abort through {@code exchange} (see {@link TransportExchange}):
     * call {@link TransportExchange#connected()} once the connection is up, and register with
     * {@link TransportExchange#onAbort(Runnable)}, before blocking, an action that makes this method
     * throw promptly. Enforce no Brook timeout here and build no Brook exception: the core owns the
     * clock. Report what the stack raised as an {@link IOException}; a timeout of the stack's own as a
     * {@link java.net.SocketTimeoutException} (with the stack's exception as its cause when it is of
     * another type), so that the core can tell it from a refused or broken connection.
     *
     * @param request what to send, every header already set
     * @param exchange the core's handle on this exchange: where to report the connection and register
     *     the abort
     * @return the response, with its status and headers and the body unread
     * @throws IOException when the exchange fails or is aborted before the headers
     */
    TransportResponse execute(TransportRequest request, TransportExchange exchange) throws IOException;

    /**
     * Sends {@code request} without blocking the caller; the future completes once the status and
     * headers have arrived, or exceptionally with the {@link IOException} that {@link #execute} would
     * have thrown. {@code exchange} is used as in {@link #execute}; its abort action must complete the
     * future exceptionally (or make it never deliver a response that nobody closes).
     *
     * <p>The default runs {@link #execute} on {@code blockingExecutor}: right for blocking stacks. A stack
     * with its own asynchronous I/O overrides this and ignores the executor, so no thread waits per
     * exchange: it returns {@link TransportExchange#response()}, completes it with
     * {@link TransportExchange#respond} or {@link TransportExchange#fail} from its callbacks (the races
     * with an abort or a caller giving up are handled there), and implements {@link #execute} as
     * {@code exchange.awaitHeaders(executeAsync(request, exchange, Runnable::run))}.
     *
     * <p>The body: a blocking stack hands its stream to {@link TransportResponse#ofInputStream}, whose
     * close rules the core applies; a stack that pushes buffers feeds a {@link PushedBodyPublisher}, which
     * meets every Reactive Streams duty {@link TransportResponse#ofPublisher} lists (with
     * {@link SubscriptionStack} for a {@code Flow}-based stack and {@link EventLoopStack} for one whose
     * reading is paused on its event loop). The conformance kit checks either with the Reactive Streams
     * TCK.
     *
     * @param request what to send, every header already set
     * @param exchange the core's handle on this exchange, as in {@link #execute}
     * @param blockingExecutor where a blocking stack may wait; never used by natively asynchronous ones
     * @return a future of the response, completed at the headers with the body unread
     */
    default CompletableFuture<TransportResponse> executeAsync(TransportRequest request, TransportExchange exchange,
            Executor blockingExecutor) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return execute(request, exchange);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, blockingExecutor);
    }

    /**
     * Called by the core before it blocks the current thread on this transport (a sync stream's read).
     * The default allows it; a transport whose threads must never block (an event loop) throws
     * {@link IllegalStateException} with a message that points to the async API.
     */
    default void checkBlockingAllowed() {
    }

    /**
     * Releases what this transport created (pools, threads, clients). A client the user passed in is
     * left open: Brook never closes what it did not create. Idempotent.
     */
    @Override
    void close();
}
