package dev.brook.core.client;

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
final class InputStreamPublisher implements Flow.Publisher<ByteBuffer>, Flow.Subscription {
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
    private final AtomicBoolean terminated = new AtomicBoolean();

    InputStreamPublisher(InputStream in, Executor executor) {
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
        schedule();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            fail(new IllegalArgumentException("request(" + n + "): demand must be positive (Reactive Streams §3.9)"));
            return;
        }
        demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        schedule();
    }

    @Override
    public void cancel() {
        done = true;
        subscriber = null; // let go of it (§3.13); the pump works on its own reference
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
                pumping.set(false);
                fail(e);
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
            fail(e);
            return;
        } finally {
            pumping.set(false);
        }
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
