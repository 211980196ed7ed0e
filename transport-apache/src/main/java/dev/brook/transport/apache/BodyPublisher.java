package dev.brook.transport.apache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Flow;
import org.apache.hc.core5.http.nio.CapacityChannel;

/**
 * The body of one async exchange as a {@link Flow.Publisher} honouring demand, fed by
 * {@link StreamingResponseConsumer} on the client's I/O thread.
 *
 * <p>Flow control: Apache lets a consumer take bytes up to a window and then stops reading the socket
 * until the consumer grants more through the {@link CapacityChannel}. Here a buffer's bytes are granted
 * back only once the subscriber has taken it ({@code onNext}), so what waits here is bounded by the
 * protocol's window (64 KiB by default) plus one read buffer, and a subscriber that stops asking stops
 * the socket. Signals are serialised by a drain loop, so {@code onNext} runs on the I/O thread or on
 * the thread that called {@code request}, never on two at once.
 *
 * <p>One subscriber; a second gets {@code onError}. Thread-safe.
 */
final class BodyPublisher implements Flow.Publisher<ByteBuffer> {
    private final Object lock = new Object();
    private final Runnable cancelExchange;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>(); // guarded by lock
    private Flow.Subscriber<? super ByteBuffer> subscriber; // guarded by lock
    private boolean subscribed; // guarded by lock
    private long demand; // guarded by lock
    private int credit; // bytes taken by the subscriber, not yet granted back; guarded by lock
    private CapacityChannel channel; // guarded by lock
    private boolean upstreamDone; // guarded by lock
    private Throwable failure; // guarded by lock
    private boolean terminated; // no more signals; guarded by lock
    private boolean draining; // guarded by lock

    /** @param cancelExchange aborts the exchange; run when the subscriber cancels */
    BodyPublisher(Runnable cancelExchange) {
        this.cancelExchange = cancelExchange;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        Objects.requireNonNull(s, "subscriber");
        boolean second;
        synchronized (lock) {
            second = subscribed;
            subscribed = true;
        }
        if (second) {
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
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                BodyPublisher.this.request(n);
            }

            @Override
            public void cancel() {
                BodyPublisher.this.cancel();
            }
        });
        synchronized (lock) {
            subscriber = s; // set after onSubscribe, so no signal can precede it
        }
        drain();
    }

    /** Apache's I/O thread: a copy of the bytes just read. */
    void push(ByteBuffer copy) {
        synchronized (lock) {
            if (terminated || upstreamDone) {
                return;
            }
            queue.add(copy);
        }
        drain();
    }

    /** Apache's I/O thread: the window is used up; grant what the subscriber has taken since. */
    void capacity(CapacityChannel capacityChannel) {
        synchronized (lock) {
            channel = capacityChannel;
        }
        drain();
    }

    /** The body ended cleanly; signalled once the queued buffers are taken. */
    void complete() {
        synchronized (lock) {
            upstreamDone = true;
        }
        drain();
    }

    /** The exchange failed; signalled once the queued buffers are taken. Ignored after an end. */
    void fail(Throwable cause) {
        synchronized (lock) {
            if (upstreamDone) {
                return;
            }
            upstreamDone = true;
            failure = cause;
        }
        drain();
    }

    /**
     * The response was closed: drop what is queued and signal {@code onError} at once, without waiting
     * for demand, so a reader waiting on this body wakes up.
     */
    void abort() {
        synchronized (lock) {
            if (upstreamDone && queue.isEmpty()) {
                return;
            }
            queue.clear();
            upstreamDone = true;
            failure = new IOException("the response was closed");
        }
        drain();
    }

    /** Bytes read from the socket and not yet taken by the subscriber; for tests of the bound. */
    int queuedBytes() {
        synchronized (lock) {
            int total = 0;
            for (ByteBuffer b : queue) {
                total += b.remaining();
            }
            return total;
        }
    }

    private void request(long n) {
        synchronized (lock) {
            if (terminated) {
                return;
            }
            if (n <= 0) { // rule 3.9: a non-positive request is an error
                queue.clear();
                upstreamDone = true;
                failure = new IllegalArgumentException("non-positive request: " + n);
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
        }
        drain();
    }

    private void cancel() {
        synchronized (lock) {
            if (terminated) {
                return;
            }
            terminated = true;
            queue.clear();
        }
        cancelExchange.run();
    }

    /** Delivers what demand allows, then the end once the queue is empty; one thread at a time. */
    private void drain() {
        synchronized (lock) {
            if (draining) {
                return; // the thread draining now re-checks the state before it stops
            }
            draining = true;
        }
        for (;;) {
            Flow.Subscriber<? super ByteBuffer> s;
            ByteBuffer next = null;
            boolean end = false;
            Throwable error = null;
            CapacityChannel grantTo = null;
            int grant = 0;
            synchronized (lock) {
                s = subscriber;
                if (s != null && !terminated && !queue.isEmpty() && demand > 0) {
                    next = queue.poll();
                    demand--;
                    credit += next.remaining();
                } else if (s != null && !terminated && queue.isEmpty() && upstreamDone) {
                    terminated = true;
                    end = true;
                    error = failure;
                }
                if (channel != null && credit > 0 && !terminated) {
                    grantTo = channel;
                    grant = credit;
                    credit = 0;
                }
                if (next == null && !end && grantTo == null) {
                    draining = false;
                    return;
                }
            }
            if (grantTo != null && grant > 0) {
                try {
                    grantTo.update(grant);
                } catch (IOException | RuntimeException ignored) {
                    // The exchange is failing; Apache reports that through failed(), which ends the body.
                }
            }
            if (next != null) {
                try {
                    s.onNext(next);
                } catch (RuntimeException e) { // rule 2.13 forbids it; do not leave the loop marked busy
                    synchronized (lock) {
                        draining = false;
                    }
                    cancel();
                    throw e;
                }
            } else if (end) {
                if (error == null) {
                    s.onComplete();
                } else {
                    s.onError(error);
                }
            }
        }
    }
}
