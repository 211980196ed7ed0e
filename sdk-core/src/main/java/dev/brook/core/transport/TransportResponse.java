package dev.brook.core.transport;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A response whose status and headers have arrived and whose body has not been read yet.
 *
 * <p>The body comes in the form native to the HTTP stack: a blocking {@link InputStream}
 * ({@link #ofInputStream}) or a {@link Flow.Publisher} of buffers honouring demand
 * ({@link #ofPublisher}). The core bridges the other form when it needs it, with a bounded buffer.
 *
 * <p>{@link #close()} aborts the exchange: it must release the connection without reading the rest of
 * the body, may be called from any thread, more than once, and must unblock a thread blocked reading
 * the body promptly. Thread-safe.
 */
public final class TransportResponse implements AutoCloseable {
    private final int statusCode;
    private final TransportHeaders headers;
    private final InputStream bodyStream;
    private final Flow.Publisher<ByteBuffer> bodyPublisher;
    private final Runnable abort;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TransportResponse(int statusCode, TransportHeaders headers, InputStream bodyStream,
            Flow.Publisher<ByteBuffer> bodyPublisher, Runnable abort) {
        if (statusCode < 100 || statusCode > 999) {
            throw new IllegalArgumentException("statusCode out of range: " + statusCode);
        }
        this.statusCode = statusCode;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.bodyStream = bodyStream;
        this.bodyPublisher = bodyPublisher;
        this.abort = Objects.requireNonNull(abort, "abort");
    }

    /**
     * A response whose body is read by blocking on {@code body}. The core takes care of closing it
     * right: {@link #close()} before the end runs {@code abort} (on the closing thread, possibly while
     * another thread is blocked reading), and {@code body} itself is closed exactly once, never under a
     * concurrent read (by the reader as it leaves {@code read}, if one is in progress). A body read to
     * its end is closed without the abort, so its connection can be reused.
     *
     * @param statusCode the HTTP status, 100 to 999
     * @param headers the response headers
     * @param body the stack's body stream; each {@code read} should return what one socket read
     *     delivered rather than wait for a buffer to fill
     * @param abort stops the exchange without draining the body: must make a blocked {@code body.read}
     *     return or throw promptly, and must not block; called at most once, from any thread
     * @return the response, its body unread
     * @throws IllegalArgumentException if {@code statusCode} is out of range
     */
    public static TransportResponse ofInputStream(int statusCode, TransportHeaders headers, InputStream body,
            Runnable abort) {
        BodyStream stream = new BodyStream(body, abort);
        return new TransportResponse(statusCode, headers, stream, null, stream::close);
    }

    /**
     * A response whose body is pushed to one subscriber as it arrives, honouring the subscriber's demand.
     * The publisher must meet the Reactive Streams rules (§1–§3): buffers only as requested, passed to
     * {@code onNext} as the subscriber's own; one subscriber (a second gets {@code onSubscribe} then
     * {@code onError}); signals serialised and one terminal signal; a subscription safe to call from any
     * thread, concurrently ({@code request} from the reading thread while {@code cancel} comes from a
     * close or a timeout) and re-entrantly from {@code onNext}; {@code cancel} aborting the exchange. A
     * stack that pushes buffers gets all of that from {@link PushedBodyPublisher}, which the TCK checks.
     *
     * @param statusCode the HTTP status, 100 to 999
     * @param headers the response headers
     * @param body the body publisher, not yet subscribed to
     * @param abort releases the connection without draining the body; called once, from any thread
     * @return the response, its body unread
     * @throws IllegalArgumentException if {@code statusCode} is out of range
     */
    public static TransportResponse ofPublisher(int statusCode, TransportHeaders headers,
            Flow.Publisher<ByteBuffer> body, Runnable abort) {
        return new TransportResponse(statusCode, headers, null, Objects.requireNonNull(body, "body"), abort);
    }

    /** {@return the HTTP status code} */
    public int statusCode() {
        return statusCode;
    }

    /** {@return the response headers} */
    public TransportHeaders headers() {
        return headers;
    }

    /**
     * The body as a blocking stream, when that is this stack's native form.
     *
     * @return the body stream; empty when the body is a publisher
     */
    public Optional<InputStream> bodyStream() {
        return Optional.ofNullable(bodyStream);
    }

    /**
     * The body as a publisher with demand, when that is this stack's native form.
     *
     * @return the body publisher; empty when the body is a stream
     */
    public Optional<Flow.Publisher<ByteBuffer>> bodyPublisher() {
        return Optional.ofNullable(bodyPublisher);
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return closed.get();
    }

    /** Aborts the exchange and releases the connection; idempotent, callable from any thread. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            abort.run();
        }
    }

    @Override
    public String toString() {
        return "TransportResponse{" + statusCode + ' ' + headers + '}';
    }
}
