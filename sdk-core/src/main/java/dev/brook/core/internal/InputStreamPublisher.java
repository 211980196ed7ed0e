package dev.brook.core.internal;

import dev.brook.core.transport.SecondSubscriber;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blocking body read on an executor and published with demand: how the async API drives a blocking
 * stack (OkHttp, Apache classic). A read happens only while there is demand, so a slow subscriber leaves
 * the bytes in the socket. {@link Flow.Subscription#cancel()} closes the stream, which unblocks a read.
 *
 * <p>One read buffer is reused: each {@code onNext} buffer is valid until the subscriber requests the
 * next one. {@link AsyncStreamDriver} requests one buffer at a time, after it has decoded the last.
 */
public final class InputStreamPublisher implements Flow.Publisher<ByteBuffer>, Flow.Subscription {
    private static final int READ_SIZE = 16 * 1024;

    private final InputStream in;
    private final Executor executor;
    private final byte[] buffer = new byte[READ_SIZE];
    private final AtomicLong demand = new AtomicLong();
    private final AtomicBoolean pumping = new AtomicBoolean();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private volatile Flow.Subscriber<? super ByteBuffer> subscriber;
    private volatile boolean done;
    private volatile boolean ready;
    /** Set by a non-positive request (§3.9); reported by whoever holds {@link #pumping}. */
    private volatile IllegalArgumentException badRequest;
    private final AtomicBoolean terminated = new AtomicBoolean();

    public InputStreamPublisher(InputStream in, Executor executor) {
        this.in = in;
        this.executor = executor;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        Objects.requireNonNull(s, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            SecondSubscriber.refuse(s, "the body has already been subscribed to");
            return;
        }
        subscriber = s;
        s.onSubscribe(this);
        // Reading starts only now: demand requested inside onSubscribe must not make another thread call
        // onNext before onSubscribe has returned (§1.3, §1.9).
        ready = true;
        signalBadRequest(); // a non-positive request made inside onSubscribe waited for it to return
        schedule();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            refuse(Demand.notPositive(n));
            return;
        }
        Demand.add(demand, n);
        schedule();
    }

    @Override
    public void cancel() {
        done = true;
        subscriber = null; // let go of it (§3.13); the pump works on its own reference
        closeBody();
    }

    /**
     * A non-positive request ends the stream (§3.9) and releases the body. The request may come from any
     * thread, also while the reading thread is inside {@code onNext}, so the {@code onError} is left to
     * whoever holds the pump: it never overlaps another signal (§1.3).
     */
    private void refuse(IllegalArgumentException error) {
        if (badRequest == null) {
            badRequest = error;
        }
        done = true;
        closeBody(); // wakes a blocked read; the pump then reports the bad request, not the closed stream
        signalBadRequest();
    }

    /** Reports a bad request, unless the pump is running: then it does, as it leaves. */
    private void signalBadRequest() {
        IllegalArgumentException error = badRequest;
        if (error != null && ready && pumping.compareAndSet(false, true)) {
            try {
                fail(error);
            } finally {
                pumping.set(false);
            }
        }
    }

    private void closeBody() {
        try {
            in.close();
        } catch (IOException ignored) {
            // Closing is how a blocked read is woken; a failure to close changes nothing more.
        }
    }

    private void schedule() {
        if (ready && !done && demand.get() > 0 && pumping.compareAndSet(false, true)) {
            try {
                executor.execute(this::pump);
            } catch (RejectedExecutionException e) {
                try {
                    fail(e); // still holding the pump: no other signal can start meanwhile
                } finally {
                    pumping.set(false);
                }
            }
        }
    }

    private void pump() {
        try {
            while (!done && demand.get() > 0) {
                int n = in.read(buffer);
                Flow.Subscriber<? super ByteBuffer> s = subscriber;
                if (s == null) {
                    return; // cancelled meanwhile
                }
                if (n < 0) {
                    IllegalArgumentException refused = badRequest;
                    if (refused != null) {
                        fail(refused); // a bad request closed the body under the read: that is what ended it
                        return;
                    }
                    done = true;
                    if (terminated.compareAndSet(false, true)) {
                        subscriber = null;
                        s.onComplete();
                    }
                    return;
                }
                if (n > 0) {
                    demand.decrementAndGet();
                    s.onNext(ByteBuffer.wrap(buffer, 0, n));
                }
            }
        } catch (IOException | RuntimeException e) {
            IllegalArgumentException refused = badRequest; // a bad request closed the body under the read
            fail(refused != null ? refused : e);
            return;
        } finally {
            pumping.set(false);
        }
        signalBadRequest(); // a bad request that came while this pump ran
        schedule(); // demand may have arrived after the loop's last check
    }

    private void fail(Throwable t) {
        done = true;
        Flow.Subscriber<? super ByteBuffer> s = subscriber;
        if (s != null && terminated.compareAndSet(false, true)) {
            subscriber = null;
            s.onError(t);
        }
    }
}
