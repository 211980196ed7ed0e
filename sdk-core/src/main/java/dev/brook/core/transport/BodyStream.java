package dev.brook.core.transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The body of a blocking stack, as {@link TransportResponse#ofInputStream} hands it to the core: it
 * turns the transport's two primitives (a stream, and an abort that wakes a blocked read) into the
 * close rules every blocking stack needs, so no transport writes them again.
 *
 * <ul>
 *   <li>Closing before the end runs the abort, on the closing thread, while a read may be blocked: the
 *       abort wakes it and the connection is dropped, never drained. A body read to its end is not
 *       aborted, so its connection can be reused.</li>
 *   <li>The stack's stream is closed by exactly one thread and never under a concurrent read (stacks'
 *       sources are not safe to close under a reader): by {@code close} when no read is in progress,
 *       otherwise by the reader as it leaves {@code read}.</li>
 *   <li>A read after the close throws: a closed body must not look like one that ended.</li>
 * </ul>
 */
final class BodyStream extends InputStream {
    private final InputStream in;
    private final Runnable abort;
    private final Object lock = new Object();
    private boolean reading; // guarded by lock
    private boolean closed; // guarded by lock
    private boolean ended; // guarded by lock

    BodyStream(InputStream in, Runnable abort) {
        this.in = Objects.requireNonNull(in, "body");
        this.abort = Objects.requireNonNull(abort, "abort");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        synchronized (lock) {
            if (closed) {
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
                ended |= n < 0;
                release = closed;
            }
            if (release) {
                closeQuietly();
            }
        }
    }

    @Override
    public int available() throws IOException {
        synchronized (lock) {
            if (closed) {
                return 0;
            }
        }
        return in.available();
    }

    /** Aborts unless the body was read to its end, and closes the stack's stream; idempotent, any thread. */
    @Override
    public void close() {
        boolean abortNow;
        boolean release;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            abortNow = !ended;
            release = !reading;
        }
        if (abortNow) {
            abort.run();
        }
        if (release) {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // Expected after an abort: the stack closed the socket under the stream.
        }
    }
}
