package dev.brook.core.internal;

import dev.brook.core.accumulate.MessageAccumulator;
import dev.brook.core.accumulate.MessageStreamDecoder;
import dev.brook.core.backend.ResponseFraming;
import dev.brook.core.client.Brook;
import dev.brook.core.client.CallListener;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.transport.SecondSubscriber;
import dev.brook.core.transport.TransportResponse;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives one asynchronous stream: body buffers in, typed events out, with demand carried end to end.
 * Body bytes are requested one buffer at a time and only while the subscriber has demand and no decoded
 * event is waiting, so a slow subscriber slows the socket and at most one buffer's worth of events is
 * held. Every signal (body, demand, cancel, timeout) is serialised through one drain loop, which runs on
 * whichever thread signalled: usually the transport's I/O thread, never a thread of its own, never the
 * timer's. The call's {@link CallClock} is fixed at construction and the body's state is published in one
 * volatile write before the body is subscribed, so no signal can see half a stream.
 */
public final class AsyncStreamDriver implements Flow.Publisher<StreamEvent> {
    private static final System.Logger LOG = System.getLogger(AsyncStreamDriver.class.getName());

    private final ArrayDeque<StreamEvent> queue = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<ByteBuffer> inbox = new ConcurrentLinkedQueue<>();
    private final SerialDrain drain = new SerialDrain(this::step, this::stepFailed);
    private final AtomicLong demand = new AtomicLong();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final CompletableFuture<Message> result = new CompletableFuture<>();
    private final ResponseFraming framing;
    private final int maxEventSize;
    private final CallClock clock;
    private final CallEvents events;

    /** Set once, by {@link #subscribe}, after its {@code onSubscribe}; cleared once the subscriber is done with. */
    private volatile Flow.Subscriber<? super StreamEvent> downstream;
    /** Published once, by {@link #start}, before the body is subscribed: the body's state in one write. */
    private volatile Body exchange;
    private volatile Flow.Subscription body;
    private volatile boolean bodyDone;
    private volatile Throwable bodyError;
    private final AtomicReference<Throwable> abortCause = new AtomicReference<>();
    private volatile boolean released;
    private volatile boolean downstreamCancelled;
    private volatile boolean done;
    private volatile CompletableFuture<?> inFlight;

    // Touched only inside the drain loop.
    private boolean upstreamRequested;
    private long delivered;
    private Object pendingTerminal;
    private Object terminal;
    private boolean downstreamNotified;

    /** The response of a started body and its decoder, which knows the request id and attempt count. */
    private record Body(TransportResponse response, MessageStreamDecoder decoder, String requestId) {
    }

    /**
     * @param clock the call's clock, already running; the driver reacts when it fires (off the timer thread)
     * @param events the call's listeners: told of the first event and token and of the outcome, and their
     *     scope opened around every signal to the subscriber
     */
    public AsyncStreamDriver(int maxEventSize, CallClock clock, CallEvents events) {
        this(ResponseFraming.sse(), maxEventSize, clock, events);
    }

    /** A driver for a body framed by {@code framing} (SSE, or a backend's own frames). */
    public AsyncStreamDriver(ResponseFraming framing, int maxEventSize, CallClock clock, CallEvents events) {
        this.framing = framing;
        this.maxEventSize = maxEventSize;
        this.clock = clock;
        this.events = events;
        clock.onFire(this::clockFired);
    }

    public CompletableFuture<Message> result() {
        return result;
    }

    /** Whether the stream has ended or is ending (cancelled, failed, timed out): no attempt should start. */
    public boolean isDone() {
        return done || abortCause.get() != null || clock.fired() == StreamTimeoutException.Kind.TOTAL;
    }

    /**
     * What the call waits for before the body (an attempt, an error body): a connect or idle timeout ends
     * it, so that the retry logic sees the timeout even from a transport that never answers.
     */
    public void inFlight(CompletableFuture<?> waiting) {
        this.inFlight = waiting;
    }

    /** The clock fired (called off the timer thread, after the exchange or body was aborted). */
    public void clockFired() {
        StreamTimeoutException.Kind fired = clock.fired();
        CompletableFuture<?> waiting = inFlight;
        if (exchange == null && fired != null && fired != StreamTimeoutException.Kind.TOTAL && waiting != null
                && !waiting.isDone()) {
            // Before the body, a connect or idle timeout ends the attempt, whose failure path retries.
            waiting.completeExceptionally(new TimeoutException("Brook's " + fired + " timeout fired"));
            return;
        }
        drain.signal();
    }

    /** The {@code request-id} of the response, once its headers have arrived. */
    public Optional<String> requestId() {
        Body b = exchange;
        return b == null ? Optional.empty() : Optional.ofNullable(b.requestId());
    }

    /** The response has arrived (2xx, an event stream): start reading its body as demand allows. */
    public void start(TransportResponse response, Flow.Publisher<ByteBuffer> bodyPublisher, String requestId) {
        inFlight = null;
        exchange = new Body(response, new MessageStreamDecoder(events.watch(this::decoded), framing, maxEventSize,
                requestId, clock.attempts()),
                requestId);
        clock.startBody(this::release);
        // Checked after the body is published: an abort racing this method either sees the response (and
        // closes it) or is seen here.
        if (abortCause.get() != null) {
            release();
            drain.signal();
            return;
        }
        clock.readStarted(); // the wait for the first body byte counts as silence too
        bodyPublisher.subscribe(new BodySubscriber());
    }

    /** The exchange failed before any body byte: an API error, a refused connection, a timeout. */
    public void failBeforeBody(Throwable error) {
        abort(error);
    }

    /** Ends the stream with {@code cause}: cancellation, a throwing listener. Idempotent. */
    public void abort(Throwable cause) {
        if (abortCause.compareAndSet(null, cause) && exchange == null) {
            clock.abortAttempt(); // cancelled before the headers: free the connection now, not when they come
        }
        release();
        drain.signal();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super StreamEvent> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            SecondSubscriber.refuse(subscriber,
                    "This stream already has a consumer (a listener or a subscriber); each stream has one");
            return;
        }
        // onSubscribe comes first: no other signal may reach the subscriber before it (§1.9). Demand it
        // requests meanwhile is kept in the counter and served once it is published below.
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n <= 0) {
                    abort(Demand.notPositive(n));
                    return;
                }
                Demand.add(demand, n);
                drain.signal();
            }

            @Override
            public void cancel() {
                downstreamCancelled = true;
                abort(new java.util.concurrent.CancellationException("the subscriber cancelled the stream"));
            }
        });
        downstream = subscriber;
        drain.signal();
    }

    private void release() {
        released = true;
        try {
            Body b = exchange;
            if (b != null) {
                b.response().close();
            }
        } finally {
            Flow.Subscription s = body;
            if (s != null) {
                s.cancel();
            }
        }
    }

    /** A bug or a misbehaving subscriber must not leave the stream hanging: end it with the failure. */
    private void stepFailed(Throwable e) {
        if (terminal == null) {
            try {
                finish(e);
            } catch (Throwable ignored) {
                // finish completes the future whatever happens; nothing more to do here.
            }
        }
    }

    private void step() {
        if (terminal != null) {
            notifyDownstream();
            return;
        }
        Throwable aborted = abortCause.get();
        if (aborted != null) {
            finish(aborted);
            return;
        }
        Body b = exchange; // read once: null until the body starts, then fixed
        StreamTimeoutException.Kind fired = clock.fired();
        if (fired != null && pendingTerminal == null) {
            if (b == null) {
                // Before the body only the total timeout ends the stream here; a connect or idle one ends
                // the attempt (see clockFired), whose failure path decides about a retry.
                if (fired == StreamTimeoutException.Kind.TOTAL) {
                    finish(clock.beforeHeaders(fired, null));
                }
                return;
            }
            if (!b.decoder().isComplete()) {
                finish(clock.inBody(fired, delivered, null, b.decoder().snapshot(), b.requestId()));
                return;
            }
            // message_stop arrived and only the end of the body was awaited: the reply is whole.
            pendingTerminal = endOfBody(b);
        }
        Flow.Subscriber<? super StreamEvent> d = downstream;
        if (d == null || b == null) {
            return; // wait for a consumer, and for the body
        }
        while (true) {
            while (demand.get() > 0 && !queue.isEmpty()) {
                deliver(d, queue.poll());
                Throwable cause = abortCause.get();
                if (cause != null) {
                    finish(cause);
                    return;
                }
            }
            if (!queue.isEmpty()) {
                return; // no demand: hold the decoded events, request no more bytes
            }
            if (pendingTerminal != null) {
                finish(pendingTerminal);
                return;
            }
            ByteBuffer buffer = inbox.poll();
            if (buffer != null) {
                upstreamRequested = false;
                try {
                    b.decoder().feed(buffer);
                } catch (BrookException e) {
                    pendingTerminal = e;
                }
                Throwable cause = abortCause.get();
                if (cause != null) {
                    finish(cause); // cancelled (or a listener threw) during an event delivered inline
                    return;
                }
                continue;
            }
            if (bodyDone) {
                pendingTerminal = endOfBody(b);
                continue;
            }
            Flow.Subscription s = body;
            if (demand.get() > 0 && !upstreamRequested && s != null) {
                upstreamRequested = true;
                clock.readStarted();
                s.request(1);
            }
            return;
        }
    }

    /**
     * The decoder's sink, called inside {@code feed} within the drain loop. An event with nothing queued
     * before it and demand for it goes to the subscriber at once, before the rest of the buffer is
     * decoded: the subscriber then sees each event when the decoder's accumulator holds exactly the events
     * up to it ({@link #deliveredAccumulator()}), and sooner. Otherwise it waits in the queue, in order.
     */
    private void decoded(StreamEvent event) {
        Flow.Subscriber<? super StreamEvent> d = downstream;
        if (d != null && queue.isEmpty() && demand.get() > 0 && abortCause.get() == null) {
            deliver(d, event);
        } else {
            queue.add(event);
        }
    }

    private void deliver(Flow.Subscriber<? super StreamEvent> d, StreamEvent event) {
        demand.decrementAndGet();
        delivered++;
        if (events.active()) {
            deliverInScope(d, event);
        } else {
            d.onNext(event);
        }
    }

    /**
     * For a subscriber called inline (inside its {@code onNext}, on the drain loop's thread): the
     * accumulator that holds exactly the events delivered so far, so the subscriber need not accumulate
     * them a second time. Null before the body, and whenever decoding has run ahead of delivery (events
     * wait in the queue), so a subscriber that gets null must accumulate on its own.
     */
    MessageAccumulator deliveredAccumulator() {
        Body b = exchange;
        return b == null || !queue.isEmpty() ? null : b.decoder().accumulator();
    }

    /**
     * One event to the subscriber inside the listeners' scope. Its own method, so that the loop above
     * stays as small as it was for the JIT when no listener is installed.
     */
    private void deliverInScope(Flow.Subscriber<? super StreamEvent> d, StreamEvent event) {
        try (CallListener.Scope scope = events.scope()) {
            d.onNext(event);
        }
    }

    private Object endOfBody(Body b) {
        Throwable error = bodyError;
        if (error instanceof SocketTimeoutException && !b.decoder().isComplete()) {
            return clock.inBody(StreamTimeoutException.Kind.IDLE, delivered, error, b.decoder().snapshot(), b.requestId());
        }
        try {
            return b.decoder().end();
        } catch (BrookException e) {
            if (error != null) {
                e.addSuppressed(error);
            }
            return e;
        }
    }

    private void finish(Object outcome) {
        terminal = outcome;
        done = true;
        try {
            clock.stop();
            queue.clear();
            inbox.clear();
            release();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Releasing a finished stream failed", e);
        } finally {
            if (outcome instanceof Message m) {
                events.succeeded(m);
            } else {
                events.failed((Throwable) outcome);
            }
            try {
                notifyDownstream();
            } finally {
                if (outcome instanceof Message m) {
                    result.complete(m);
                } else {
                    result.completeExceptionally((Throwable) outcome);
                }
            }
        }
    }

    private void notifyDownstream() {
        Flow.Subscriber<? super StreamEvent> d = downstream;
        if (d == null || downstreamNotified) {
            return;
        }
        downstreamNotified = true;
        // Nothing more goes to the subscriber: let go of it (§3.13), or a stream handle someone keeps (a
        // registry, a pending future's closure) would keep a cancelled subscriber and all it holds alive.
        downstream = null;
        if (downstreamCancelled) {
            return;
        }
        try (CallListener.Scope scope = events.scope()) {
            if (terminal instanceof Message) {
                d.onComplete();
            } else {
                d.onError((Throwable) terminal);
            }
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "A stream subscriber threw from its terminal signal", e);
        }
    }

    private final class BodySubscriber implements Flow.Subscriber<ByteBuffer> {
        @Override
        public void onSubscribe(Flow.Subscription s) {
            body = s;
            if (released) {
                s.cancel(); // the stream ended (cancel, timeout) before the body was subscribed
            }
            drain.signal();
        }

        @Override
        public void onNext(ByteBuffer item) {
            clock.readEnded();
            inbox.add(item);
            drain.signal();
        }

        @Override
        public void onError(Throwable t) {
            bodyError = t;
            bodyDone = true;
            drain.signal();
        }

        @Override
        public void onComplete() {
            bodyDone = true;
            drain.signal();
        }
    }
}
