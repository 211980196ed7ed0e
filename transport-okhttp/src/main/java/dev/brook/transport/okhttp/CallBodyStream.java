package dev.brook.transport.okhttp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.Response;

/**
 * The response body as a blocking stream over OkHttp's source, read incrementally: each {@code read}
 * returns what one socket read delivered, so nothing waits for a buffer to fill.
 *
 * <p>{@link #abort()} may run on any thread. It cancels the {@link Call}, which closes the socket (HTTP/1)
 * or resets the stream (HTTP/2), so a reader blocked in {@code read} wakes up with an
 * {@link IOException} at once, and the connection is dropped rather than drained. The response itself
 * is closed by exactly one thread: by {@code abort} when no read is in progress, otherwise by the reader
 * as it leaves {@code read}; OkHttp's sources are not safe to close under a concurrent reader. A body
 * read to its end is not cancelled, so its connection goes back to the pool.
 */
final class CallBodyStream extends InputStream {
    private final Call call;
    private final Response response;
    private final InputStream in;
    private final Object lock = new Object();
    private boolean reading;
    private boolean aborted;
    private boolean finished;

    CallBodyStream(Call call, Response response) {
        this.call = call;
        this.response = response;
        this.in = response.body().byteStream();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        // OkHttp's stream returns -1 or at least one byte, never 0, for a non-empty request.
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        synchronized (lock) {
            if (aborted) {
                // An exception, not -1: a closed stream must not look like a body that ended normally.
                throw new IOException("the response body was closed");
            }
            reading = true;
        }
        int n = -1;
        try {
            n = in.read(b, off, len);
            return n;
        } finally {
            boolean release;
            synchronized (lock) {
                reading = false;
                if (n < 0) {
                    finished = true;
                }
                release = aborted;
            }
            if (release) {
                response.close();
            }
        }
    }

    /** Same as {@link #abort()}: closing the body releases the exchange. */
    @Override
    public void close() {
        abort();
    }

    /** Cancels the call unless the body was read to its end, and releases the response; idempotent. */
    void abort() {
        boolean cancel;
        boolean release;
        synchronized (lock) {
            if (aborted) {
                return;
            }
            aborted = true;
            cancel = !finished;
            release = !reading;
        }
        if (cancel) {
            call.cancel();
        }
        if (release) {
            response.close();
        }
    }
}
