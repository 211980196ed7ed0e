package dev.brook.transport.vertx;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The body of one Vert.x {@link HttpClientResponse} as a {@link Flow.Publisher} with demand.
 *
 * <p>The response is paused as soon as it arrives and each {@link Flow.Subscription#request(long)} becomes
 * a {@link HttpClientResponse#fetch(long)} of the same amount, so Vert.x hands over no more buffers than
 * were asked for. What it has not handed over waits in its own bounded inbound queue; once that is full
 * the connection stops reading the socket and TCP flow control slows the server. Nothing is buffered
 * here.
 *
 * <p>Every signal to the subscriber is sent on the response's Vert.x context (an event-loop thread), one
 * at a time. {@code request} and {@code cancel} may be called from any thread: off the context they hop
 * onto it. {@link #abort()} resets the request (on HTTP/1.x, Vert.x closes the connection) unless the body
 * has already ended, in which case the connection stays in the pool.
 */
final class VertxBodyPublisher implements Flow.Publisher<ByteBuffer>, Flow.Subscription {
    private final Context context;
    private final HttpClientRequest request;
    private final HttpClientResponse response;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicBoolean aborted = new AtomicBoolean();
    /** The subscriber cancelled: it wants no further signal. */
    private volatile boolean cancelled;
    /** The body ended or failed: nothing more to send, nothing to reset. Written on the context only. */
    private volatile boolean done;
    /** Read and written on the context only. */
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    /** A failure that came before anyone subscribed; read and written on the context only. */
    private Throwable pendingFailure;

    /**
     * Takes over {@code response}. Must run on {@code context} in the same task that received the
     * response: Vert.x drops body buffers that arrive while no handler is set, and none can arrive
     * before this task returns.
     */
    VertxBodyPublisher(Context context, HttpClientRequest request, HttpClientResponse response) {
        this.context = context;
        this.request = request;
        this.response = response;
        response.pause();
        response.handler(this::onChunk);
        response.endHandler(v -> onEnd());
        response.exceptionHandler(t -> fail(t instanceof IOException io ? io : new IOException(describe(t), t)));
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        Objects.requireNonNull(s, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            s.onError(new IllegalStateException("the body has already been subscribed to"));
            return;
        }
        onContext(() -> {
            subscriber = s;
            s.onSubscribe(this);
            Throwable failure = pendingFailure;
            if (failure != null && !cancelled) {
                pendingFailure = null;
                s.onError(failure);
            }
        });
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            // Reactive Streams rule 3.9: a non-positive request is a failure of the subscription.
            abortExchange();
            onContext(() -> fail(new IllegalArgumentException("request(n) needs n > 0 but got " + n)));
            return;
        }
        if (!done && !cancelled) {
            // fetch adds to Vert.x's demand counter; the hop keeps us within Vert.x's threading contract.
            onContext(() -> response.fetch(n));
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        abortExchange();
    }

    /**
     * Releases the connection without reading the rest of the body; a subscriber still waiting gets
     * {@code onError}. Idempotent, callable from any thread.
     */
    void abort() {
        abortExchange();
        onContext(() -> fail(new IOException("the response was closed before its body ended")));
    }

    private void abortExchange() {
        if (aborted.compareAndSet(false, true) && !done) {
            // Vert.x runs the reset on the connection's event loop itself; on HTTP/1.x with the response
            // still arriving it closes the connection, so nothing is drained. The returned future only
            // says whether the stream had already ended.
            request.reset();
        }
    }

    private void onChunk(Buffer chunk) {
        if (done || cancelled || aborted.get()) {
            return;
        }
        // Vert.x owns its buffer; the SPI hands ownership to the subscriber, so copy once per chunk.
        subscriber.onNext(ByteBuffer.wrap(chunk.getBytes()));
    }

    private void onEnd() {
        if (done) {
            return;
        }
        done = true;
        if (!cancelled && subscriber != null) {
            subscriber.onComplete();
        }
    }

    private void fail(Throwable failure) {
        if (done) {
            return;
        }
        done = true;
        if (cancelled) {
            return;
        }
        if (subscriber == null) {
            pendingFailure = failure;
        } else {
            subscriber.onError(failure);
        }
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
            return;
        }
        try {
            context.runOnContext(v -> action.run());
        } catch (RejectedExecutionException e) {
            // The Vertx was closed under the stream: no event loop is left to race with, and close() must
            // still wake the subscriber.
            action.run();
        }
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null ? t.getClass().getName() : message;
    }
}
