package dev.brook.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A blocking {@link InputStream} over a body {@link Flow.Publisher}: how a sync stream reads from a
 * transport whose native body is a publisher. At most {@link #WINDOW} buffers are requested ahead of the
 * reader, so a slow reader slows the producer instead of growing memory. {@link #close()} cancels the
 * subscription and wakes a blocked reader, from any thread. One reader at a time.
 */
public final class PublisherInputStream extends InputStream implements Flow.Subscriber<ByteBuffer> {
    static final int WINDOW = 8;

    private static final ByteBuffer END = ByteBuffer.allocate(0);
    private static final ByteBuffer CLOSED = ByteBuffer.allocate(0);

    private final BlockingQueue<ByteBuffer> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;
    private volatile Throwable failure;
    private ByteBuffer current;
    private boolean finished;

    /** A bridge that waits as long as it takes: the call's clock bounds the wait, and closes this to end it. */
    public PublisherInputStream() {
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription");
        if (subscription != null) {
            s.cancel();
            return;
        }
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(WINDOW);
        }
    }

    @Override
    public void onNext(ByteBuffer item) {
        Objects.requireNonNull(item, "item"); // §2.13
        if (!closed && item.hasRemaining()) {
            queue.add(item);
        } else if (!closed) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(1); // an empty buffer consumed nothing of the window
            }
        }
    }

    @Override
    public void onError(Throwable t) {
        Objects.requireNonNull(t, "throwable"); // §2.13
        failure = t;
        queue.add(END);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        ByteBuffer buf = current;
        if (buf == null || !buf.hasRemaining()) {
            buf = next();
            if (buf == null) {
                return -1;
            }
        }
        int n = Math.min(len, buf.remaining());
        buf.get(b, off, n);
        return n;
    }

    private ByteBuffer next() throws IOException {
        if (finished) {
            return endOfStream();
        }
        if (current != null) {
            current = null;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(1);
            }
        }
        ByteBuffer next;
        try {
            next = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the response body");
        }
        if (next == END || next == CLOSED) {
            finished = true;
            return endOfStream();
        }
        current = next;
        return next;
    }

    private ByteBuffer endOfStream() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        Throwable t = failure;
        if (t != null) {
            throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
        }
        return null;
    }

    /** Cancels the subscription and wakes a blocked reader; idempotent, callable from any thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        queue.clear();
        queue.add(CLOSED);
    }
}
