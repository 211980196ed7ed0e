package dev.brook.transport.vertx;

import dev.brook.core.transport.PushedBodyPublisher;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;

/**
 * One Vert.x {@link HttpClientResponse} as the {@link PushedBodyPublisher.Stack} of its body: pause and
 * resume become the response's {@code pause()} / {@code resume()} on its context, and abort a
 * {@code reset()} of the request (on HTTP/1.x, Vert.x closes the connection). A paused response leaves
 * what it has not handed over in Vert.x's bounded inbound queue; once that is full the connection stops
 * reading the socket and TCP flow control slows the server.
 */
final class VertxResponseStack implements PushedBodyPublisher.Stack {
    private final Context context;
    private final HttpClientRequest request;
    private final HttpClientResponse response;
    /** What the publisher last asked for; each hop applies the latest wish, never a stale one. */
    private volatile boolean paused;

    /** Use {@link #publisher}; visible for tests. */
    VertxResponseStack(Context context, HttpClientRequest request, HttpClientResponse response) {
        this.context = context;
        this.request = request;
        this.response = response;
    }

    /**
     * The body of {@code response} as a publisher. Must run on {@code context} in the same task that
     * received the response: Vert.x drops body buffers that arrive while no handler is set, and none can
     * arrive before this task returns.
     *
     * <p>The response is left reading rather than paused until the first demand: the publisher pauses
     * lazily, only when a buffer arrives that nobody asked for, and resumes only what it paused. So the
     * first buffer that comes before anyone subscribed is held there and pauses the response at once,
     * whereas a response paused here would never be resumed.
     */
    static PushedBodyPublisher publisher(Context context, HttpClientRequest request, HttpClientResponse response) {
        PushedBodyPublisher publisher = new PushedBodyPublisher(new VertxResponseStack(context, request, response));
        // Vert.x owns its buffer; the subscriber owns what it gets, so copy once per chunk.
        response.handler(chunk -> publisher.onBuffer(ByteBuffer.wrap(chunk.getBytes())));
        response.endHandler(v -> publisher.onComplete());
        response.exceptionHandler(t -> publisher.onError(
                t instanceof IOException io ? io : new IOException(VertxTransport.describe(t), t)));
        return publisher;
    }

    @Override
    public void pause() {
        paused = true;
        onContext(this::apply);
    }

    @Override
    public void resume() {
        paused = false;
        onContext(this::apply);
    }

    /**
     * Applies the latest wish rather than the one of the call that scheduled it: a pause hopping from
     * another thread may run after a later resume made on the context itself, and must not undo it.
     */
    private void apply() {
        if (paused) {
            response.pause();
        } else {
            response.resume();
        }
    }

    /** Vert.x runs the reset on the connection's event loop itself, so this may run on any thread. */
    @Override
    public void abort() {
        request.reset();
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
            return;
        }
        try {
            context.runOnContext(v -> action.run());
        } catch (RejectedExecutionException e) {
            // The Vertx was closed under the stream: no event loop is left to race with.
            action.run();
        }
    }
}
