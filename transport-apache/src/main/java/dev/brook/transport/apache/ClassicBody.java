package dev.brook.transport.apache;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;

/**
 * The body of a classic exchange, whose {@link #close()} aborts instead of draining.
 *
 * <p>Closing the entity's own stream (or the response) makes HttpClient read the rest of a chunked body
 * so the connection can be reused: on a long event stream that blocks until the server ends it.
 * {@link HttpUriRequestBase#cancel()} instead closes the socket at once (a reader blocked in
 * {@code read} gets an {@code IOException}) and returns the lease to the pool as not reusable; the
 * response is closed after that, which finds the socket closed and so cannot drain. A body read to its
 * end has already handed its connection back for reuse, and the cancel then does nothing.
 */
final class ClassicBody extends FilterInputStream {
    private final HttpUriRequestBase request;
    private final ClassicHttpResponse response;
    private final AtomicBoolean aborted = new AtomicBoolean();

    ClassicBody(InputStream content, HttpUriRequestBase request, ClassicHttpResponse response) {
        super(content);
        this.request = request;
        this.response = response;
    }

    /** Same as {@link #abort()}. */
    @Override
    public void close() {
        abort();
    }

    /** Releases the connection without reading further; idempotent, callable from any thread. */
    void abort() {
        if (!aborted.compareAndSet(false, true)) {
            return;
        }
        request.cancel();
        try {
            response.close();
        } catch (IOException | RuntimeException ignored) {
            // Expected: the cancel closed the socket under the response.
        }
    }
}
