package dev.brook.transport.apache;

import dev.brook.core.transport.PushedBodyPublisher;
import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Consumes one async response as a stream: the status and headers complete the exchange's
 * {@link TransportExchange#response()} as soon as they arrive, and the body flows through a {@link PushedBodyPublisher} under the subscriber's demand.
 * That publisher does everything Reactive Streams asks (demand, one subscriber, serialised and
 * exactly-once ends, cancel); this class only feeds it, on Apache's I/O thread, and is its
 * {@link PushedBodyPublisher.Stack}: pausing and resuming Apache's reading, and aborting the exchange.
 *
 * <p>Flow control. Apache reads a body into its consumer up to a window (64 KiB by default over
 * HTTP/1.1), subtracting each read after {@link #consume} returns; once the window is used up it stops
 * reading the socket and calls {@link #updateCapacity} with the {@link CapacityChannel} through which
 * more may be granted. So while the publisher has not paused, each read's bytes are granted back as
 * they arrive (from {@link #consume}, before Apache subtracts them, so the window never runs out and
 * Apache keeps reading); the publisher pauses only when a buffer arrives with no demand, and from then
 * on nothing is granted, so Apache reads at most what is left of its window and stops the socket. On
 * resume every byte taken but not granted is granted at once, a full window again. What the publisher
 * holds for a subscriber that stopped asking is thus bounded by the window plus one read. Over HTTP/1.1
 * the channel is first handed over when the first window runs out; a grant owed before that is made
 * then, unless paused.
 *
 * <p>Threads: {@link #consume} and {@link #updateCapacity} run on the I/O thread, {@link #pause},
 * {@link #resume} and {@link #abort} on any (the core's reader, the subscriber). The window state is
 * guarded by a lock, under which each taken byte is granted exactly once; {@link CapacityChannel#update}
 * is called outside it (httpcore5's channels are thread-safe: a lock around the window, and the read
 * interest set on the session under its own lock, waking the selector). Grants stop once the exchange
 * ended (body read, failed, aborted); httpcore5 also closes an HTTP/1.1 message's window at its end, so
 * a grant racing that end cannot reach the connection's next exchange.
 *
 * <p>Aborting. The exchange's result is reported to Apache only at the end of the body, so until then
 * the client's {@link Future} is pending and cancelling it should abort the exchange. In HttpClient
 * 5.6 it does not always: on a connection leased at once from the pool, the chain records the lease as
 * the future's dependency after the exchange's own, so {@code cancel} reaches only the finished lease.
 * So a client built with {@link ApacheTransport#withAbortSupport} hands this consumer the exchange's
 * {@link AsyncExecRuntime}, and aborting discards its endpoint: the connection is closed and its lease
 * returned at once. Without it the future is cancelled and, as a fallback, the next callback Apache
 * makes (more body bytes) throws, which makes Apache discard the connection.
 *
 * <p>Also the {@link FutureCallback} of the execution, because some failures (a request that cannot be
 * sent, a client shutting down) reach only the callback. Thread-safe.
 */
final class StreamingResponseConsumer
        implements AsyncResponseConsumer<Void>, FutureCallback<Void>, PushedBodyPublisher.Stack {
    private final TransportExchange exchange;
    private final Function<Throwable, Throwable> headerFailure;
    private final PushedBodyPublisher body = new PushedBodyPublisher(this);
    private final Object lock = new Object();
    private Future<Void> execution; // guarded by lock
    private AsyncExecRuntime runtime; // guarded by lock
    private boolean cancelled; // guarded by lock
    private CapacityChannel capacity; // guarded by lock; null until Apache hands it over
    private int ungranted; // bytes read and not granted back; guarded by lock
    private boolean paused; // guarded by lock
    private boolean finished; // the exchange ended: no more grants; guarded by lock
    private volatile boolean aborted;
    private volatile boolean ended; // the whole body arrived: Apache hands the connection back for reuse
    private volatile FutureCallback<Void> result;

    /** @param headerFailure turns a failure before the headers into what the transport reports */
    StreamingResponseConsumer(TransportExchange exchange, Function<Throwable, Throwable> headerFailure) {
        this.exchange = exchange;
        this.headerFailure = headerFailure;
    }

    /** Whether the exchange's runtime was handed over, so an abort will discard the connection at once. */
    boolean hasRuntime() {
        synchronized (lock) {
            return runtime != null;
        }
    }

    /** From the interceptor of {@link ApacheTransport#withAbortSupport}: the runtime of this exchange. */
    void runtime(AsyncExecRuntime execRuntime) {
        boolean discardNow;
        synchronized (lock) {
            runtime = execRuntime;
            discardNow = cancelled;
        }
        if (discardNow && !ended) {
            execRuntime.discardEndpoint();
        }
    }

    /** Gives the client's handle on the exchange, to cancel it when the response is closed. */
    void attach(Future<Void> future) {
        boolean cancelNow;
        synchronized (lock) {
            execution = future;
            cancelNow = cancelled;
        }
        if (cancelNow) {
            future.cancel(true);
        }
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entityDetails, HttpContext context,
            FutureCallback<Void> resultCallback) {
        result = resultCallback;
        TransportHeaders received = ApacheTransport.headers(response,
                entityDetails == null ? null : entityDetails.getContentEncoding());
        // Closing the response aborts the exchange once, unless the body already ended, and wakes its reader.
        TransportResponse transportResponse = TransportResponse.ofPublisher(response.getCode(), received, body,
                body::abort);
        if (entityDetails == null) { // no body at all: Apache will not call streamEnd
            finish();
            body.onComplete();
            resultCallback.completed(null);
        }
        exchange.respond(transportResponse); // closed at once if the exchange was aborted meanwhile
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx responses carry nothing Brook needs.
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        checkNotAborted();
        int grant;
        synchronized (lock) {
            capacity = capacityChannel;
            grant = takeGrant();
        }
        grant(capacityChannel, grant);
    }

    /** Hands a copy of the bytes to the publisher, then grants them back unless it paused (class comment). */
    @Override
    public void consume(ByteBuffer src) throws IOException {
        checkNotAborted();
        int read = src.remaining();
        // The source buffer is Apache's and is reused after this returns; the copy is the subscriber's.
        ByteBuffer copy = ByteBuffer.allocate(read);
        copy.put(src).flip();
        body.onBuffer(copy); // may pause, on this thread, if nobody asked for it
        CapacityChannel channel;
        int grant;
        synchronized (lock) {
            ungranted += read;
            channel = capacity;
            grant = takeGrant();
        }
        grant(channel, grant);
    }

    /** Stack: a buffer arrived with no demand; stop granting, so Apache stops once its window is used. */
    @Override
    public void pause() {
        synchronized (lock) {
            paused = true;
        }
    }

    /** Stack: demand arrived; grant a window again (what was read since the pause), from any thread. */
    @Override
    public void resume() {
        CapacityChannel channel;
        int grant;
        synchronized (lock) {
            paused = false;
            channel = capacity;
            grant = takeGrant();
        }
        grant(channel, grant);
    }

    /** Stack: the subscriber cancelled or the response was closed; discard the exchange. */
    @Override
    public void abort() {
        cancelExchange();
    }

    /** What may be granted now, taken off what is owed; zero while paused, without a channel, or after the end. */
    private int takeGrant() {
        assert Thread.holdsLock(lock);
        if (paused || finished || capacity == null || ungranted <= 0) {
            return 0;
        }
        int grant = ungranted;
        ungranted = 0;
        return grant;
    }

    private static void grant(CapacityChannel channel, int bytes) {
        if (bytes > 0) {
            try {
                channel.update(bytes);
            } catch (IOException | RuntimeException ignored) {
                // The exchange is failing; Apache reports that through failed(), which ends the body.
            }
        }
    }

    /** The exchange ended one way or another: grant nothing more. */
    private void finish() {
        synchronized (lock) {
            finished = true;
        }
    }

    /**
     * The whole body arrived. Its end reaches the subscriber from {@link #releaseResources()}, which
     * Apache calls once the connection is back in the pool: a caller that sends its next request as soon
     * as the body ends then finds the connection free instead of opening another.
     */
    @Override
    public void streamEnd(List<? extends Header> trailers) {
        ended = true;
        finish();
        FutureCallback<Void> callback = result;
        if (callback != null) {
            callback.completed(null);
        }
    }

    /** The exchange failed: before the headers the future fails, after them the body does. */
    @Override
    public void failed(Exception cause) {
        finish();
        if (!exchange.fail(headerFailure.apply(cause))) {
            body.onError(cause);
        }
    }

    @Override
    public void completed(Void ignored) {
        // The body end was already signalled by streamEnd.
    }

    @Override
    public void cancelled() {
        failed(new CancellationException("the exchange was cancelled"));
    }

    /**
     * Apache is done with the exchange. After {@link #streamEnd} this ends the body (the connection has
     * been released by now). After a failure it does nothing: Apache releases a failing exchange's
     * consumer before it reports the failure through {@link #failed}, which ends the body with the cause.
     */
    @Override
    public void releaseResources() {
        finish();
        if (ended) {
            body.onComplete();
        }
    }

    /** Discards the connection if the runtime is known, and cancels the client's future. */
    private void cancelExchange() {
        aborted = true;
        Future<Void> future;
        AsyncExecRuntime execRuntime;
        synchronized (lock) {
            cancelled = true;
            finished = true;
            future = execution;
            execRuntime = runtime;
        }
        if (execRuntime != null && !ended) { // a connection that saw the whole body stays reusable
            execRuntime.discardEndpoint();
        }
        if (future != null) {
            future.cancel(true);
        }
    }

    /** The fallback abort: failing a callback makes Apache discard the connection. */
    private void checkNotAborted() throws IOException {
        if (aborted) {
            throw new IOException("the response was closed; discarding the connection");
        }
    }
}
