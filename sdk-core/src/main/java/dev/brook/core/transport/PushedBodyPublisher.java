package dev.brook.core.transport;

import dev.brook.core.internal.Demand;
import dev.brook.core.internal.SerialDrain;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The body publisher for an HTTP stack that pushes buffers as they arrive (Vert.x, Apache's async
 * client, Netty and the like): the transport hands it each buffer and tells it how to pause, resume and
 * abort the stack's reading; this class does everything the Reactive Streams rules ask of a publisher.
 *
 * <ul>
 *   <li>One subscriber; a second one gets {@code onSubscribe} then {@code onError} (§1.9, §2.13).</li>
 *   <li>Demand: buffers go to the subscriber only as requested (§1.1). A buffer that arrives with no
 *       demand is held and the stack is {@linkplain Stack#pause() paused}; new demand
 *       {@linkplain Stack#resume() resumes} it. So a slow subscriber leaves the bytes in the socket, and
 *       what is held is at most what the stack delivers between a pause and its effect.</li>
 *   <li>Signals are serialised (§1.3) and terminal ones sent exactly once (§1.7), after every held
 *       buffer has been delivered; {@code request} and {@code cancel} may come from any thread,
 *       concurrently and re-entrantly from {@code onNext} (§2.7, §3.3). A non-positive request fails
 *       the stream (§3.9).</li>
 *   <li>{@code cancel} {@linkplain Stack#abort() aborts} the exchange, once, and stops every signal
 *       (§3.5, §3.7).</li>
 * </ul>
 *
 * <p>A transport that uses it meets {@link TransportResponse#ofPublisher}'s duties for free: create it
 * with the stack still paused (or before any buffer can arrive), feed it with {@link #onBuffer},
 * {@link #onComplete} and {@link #onError} from the stack's callbacks (one at a time, as stacks call
 * them), and pass {@link #abort()} as the response's abort. Signals run on whichever thread fed or
 * requested: usually the stack's I/O thread. Thread-safe.
 */
public final class PushedBodyPublisher implements Flow.Publisher<ByteBuffer> {

    /**
     * What the publisher asks of the stack. Each method may be called from any thread, must not block,
     * and may be called after the body ended, when it has nothing left to do. Calls come one at a time,
     * and the last {@code pause}/{@code resume} is what the stack must end up in: a stack that hops to
     * its own thread only when called off it can run a queued pause after a later, direct resume, so
     * record the wanted state and apply the latest one on each run.
     */
    public interface Stack {
        /** Stop reading the body for now: nobody wants more. */
        void pause();

        /** Read the body again: demand arrived. */
        void resume();

        /** Release the exchange without reading the rest of the body (the subscriber cancelled, or the response was closed). */
        void abort();
    }

    private static final Object COMPLETE = new Object();

    private final Stack stack;
    private final ConcurrentLinkedQueue<ByteBuffer> held = new ConcurrentLinkedQueue<>();
    private final AtomicLong demand = new AtomicLong();
    private final SerialDrain drain = new SerialDrain(this::step, this::subscriberThrew);
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicBoolean aborted = new AtomicBoolean();
    private volatile Flow.Subscriber<? super ByteBuffer> subscriber;
    /** {@link #COMPLETE}, a {@link Throwable}, or null while the body flows. Set once. */
    private volatile Object end;
    private volatile boolean cancelled;
    private volatile boolean paused;
    private volatile Throwable badRequest;

    // Touched only inside the drain loop.
    private boolean terminated;

    /** @param stack how to pause, resume and abort the stack's reading of this body */
    public PushedBodyPublisher(Stack stack) {
        this.stack = Objects.requireNonNull(stack, "stack");
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        Objects.requireNonNull(s, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            SecondSubscriber.refuse(s, "This body already has a subscriber; a response body is read once");
            return;
        }
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n <= 0) {
                    badRequest = Demand.notPositive(n);
                    abortStack();
                } else {
                    Demand.add(demand, n);
                }
                drain.signal();
            }

            @Override
            public void cancel() {
                cancelled = true;
                abortStack();
                drain.signal(); // lets go of the subscriber (§3.13)
            }
        });
        subscriber = s; // published after onSubscribe returned: no signal can precede it (§1.9)
        drain.signal();
    }

    /**
     * A buffer of the body, in order; it now belongs to the subscriber. Ignored after the end, and when empty.
     *
     * @param buffer the next bytes of the body, from its position to its limit; not to be touched again
     */
    public void onBuffer(ByteBuffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        // An empty buffer carries nothing but would use up one unit of demand (HTTP/2 stacks hand on the
        // empty DATA frame that ends a stream): dropping it keeps one element per buffer of bytes.
        if (end != null || cancelled || !buffer.hasRemaining()) {
            return;
        }
        held.add(buffer);
        drain.signal();
    }

    /** The body ended normally; the subscriber completes once it has every buffer. Idempotent. */
    public void onComplete() {
        if (end == null) {
            end = COMPLETE;
        }
        drain.signal();
    }

    /**
     * The body failed; the subscriber gets {@code error} once it has every buffer before it. Idempotent.
     *
     * @param error what the stack raised; only the first error (or completion) counts
     */
    public void onError(Throwable error) {
        Objects.requireNonNull(error, "error");
        if (end == null) {
            end = error;
        }
        drain.signal();
    }

    /**
     * Releases the exchange without reading the rest (a response closed by the core): the stack is
     * aborted once, and a subscriber still waiting gets {@code onError}. Idempotent, from any thread.
     */
    public void abort() {
        abortStack();
        onError(new java.io.IOException("the response was closed before its body ended"));
    }

    private void abortStack() {
        if (aborted.compareAndSet(false, true) && end == null) {
            stack.abort();
        }
    }

    /**
     * The subscriber broke §2.13 by throwing: treat the subscription as cancelled (the loop goes on, so
     * the stream is not silenced for good).
     */
    private void subscriberThrew(Throwable e) {
        cancelled = true;
        terminated = true;
        held.clear();
        subscriber = null;
        abortStack();
    }

    private void step() {
        Flow.Subscriber<? super ByteBuffer> s = subscriber;
        if (terminated) {
            return;
        }
        if (s == null) {
            pauseOrResume(); // buffers may arrive before anyone subscribed: hold them, stop the stack
            return;
        }
        if (cancelled) {
            terminated = true;
            held.clear();
            subscriber = null;
            return;
        }
        Throwable bad = badRequest;
        if (bad != null) {
            terminate(s, bad);
            return;
        }
        while (demand.get() > 0) {
            ByteBuffer next = held.poll();
            if (next == null) {
                break;
            }
            demand.decrementAndGet();
            s.onNext(next);
            if (cancelled || badRequest != null) {
                return; // the next pass ends it
            }
        }
        Object e = end;
        if (e != null && held.isEmpty()) {
            terminate(s, e == COMPLETE ? null : (Throwable) e);
            return;
        }
        if (e == null) {
            pauseOrResume();
        }
    }

    /**
     * Pauses lazily, only once a buffer is waiting with no demand: a subscriber that requests as fast as
     * buffers come (the core's does, from inside {@code onNext}) never pauses the stack at all.
     */
    private void pauseOrResume() {
        boolean want = demand.get() > 0;
        if (!want && !held.isEmpty() && !paused) {
            paused = true;
            stack.pause();
        } else if (want && paused) {
            paused = false;
            stack.resume();
        }
    }

    private void terminate(Flow.Subscriber<? super ByteBuffer> s, Throwable error) {
        terminated = true;
        held.clear();
        subscriber = null;
        if (error == null) {
            s.onComplete();
        } else {
            s.onError(error);
        }
    }
}
