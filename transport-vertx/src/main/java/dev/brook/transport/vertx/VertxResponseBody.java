package dev.brook.transport.vertx;

import dev.brook.core.transport.EventLoopStack;
import dev.brook.core.transport.PushedBodyPublisher;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The body of one Vert.x {@link HttpClientResponse} as a {@link PushedBodyPublisher}: pause and resume
 * become the response's {@code pause()} / {@code resume()} on its context, and abort a {@code reset()}
 * of the request (on HTTP/1.x, Vert.x closes the connection). A paused response leaves what it has not
 * handed over in Vert.x's bounded inbound queue; once that is full the connection stops reading the
 * socket and TCP flow control slows the server.
 */
final class VertxResponseBody {
    private VertxResponseBody() {
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
        PushedBodyPublisher publisher = new PushedBodyPublisher(stack(context, request, response));
        // Vert.x owns its buffer; the subscriber owns what it gets, so copy once per chunk.
        response.handler(chunk -> publisher.onBuffer(ByteBuffer.wrap(chunk.getBytes())));
        response.endHandler(v -> publisher.onComplete());
        response.exceptionHandler(t -> publisher.onError(
                t instanceof IOException io ? io : new IOException(VertxTransport.describe(t), t)));
        return publisher;
    }

    /** How the publisher pauses, resumes and aborts {@code response}; Vert.x hops the reset onto its loop itself. */
    static EventLoopStack stack(Context context, HttpClientRequest request, HttpClientResponse response) {
        return new EventLoopStack(task -> context.runOnContext(v -> task.run()), () -> Vertx.currentContext() == context,
                response::pause, response::resume, request::reset);
    }
}
