package dev.brook.core.client;

import dev.brook.core.accumulate.MessageStreamDecoder;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.transport.TransportResponse;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives one asynchronous stream: body buffers in, typed events out, with demand carried end to end.
 * Body bytes are requested one buffer at a time and only while the subscriber has demand and no decoded
 * event is waiting, so a slow subscriber slows the socket and at most one buffer's worth of events is
 * held. Every signal (body, demand, cancel, timeout) is serialised through one drain loop, which runs on
 * whichever thread signalled: usually the transport's I/O thread, never a thread of its own.
 */
final class AsyncStreamDriver implements Flow.Publisher<StreamEvent> {
    private static final System.Logger LOG = System.getLogger(AsyncStreamDriver.class.getName());

    private final MessageStreamDecoder decoder;
    private final ArrayDeque<StreamEvent> queue = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<ByteBuffer> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final CompletableFuture<Message> result = new CompletableFuture<>();
    private final Duration idleTimeout;
    private final Duration totalTimeout;

    private volatile Flow.Subscriber<? super StreamEvent> downstream;
    private volatile TransportResponse response;
    private volatile Flow.Subscription body;
    private volatile boolean bodyDone;
    private volatile Throwable bodyError;
    private final AtomicReference<Throwable> abortCause = new AtomicReference<>();
    private volatile boolean released;
    private volatile boolean downstreamCancelled;
    private volatile StreamWatchdog watchdog;

    // Touched only inside the drain loop.
    private boolean upstreamRequested;
    private long delivered;
    private Object pendingTerminal;
    private Object terminal;
    private boolean downstreamNotified;

    AsyncStreamDriver(int maxEventSize, Duration idleTimeout, Duration totalTimeout) {
        this.decoder = new MessageStreamDecoder(queue::add, maxEventSize);
        this.idleTimeout = idleTimeout;
        this.totalTimeout = totalTimeout;
    }

    CompletableFuture<Message> result() {
        return result;
    }

    boolean isAborted() {
        return abortCause.get() != null;
    }

    /** The response has arrived (2xx, an event stream): start reading its body as demand allows. */
    void start(TransportResponse response, Flow.Publisher<ByteBuffer> bodyPublisher) {
        this.response = response;
        StreamWatchdog dog = new StreamWatchdog(idleTimeout, totalTimeout, this::onWatchdog);
        watchdog = dog;
        // Checked after the watchdog is published: an abort racing this method either sees the watchdog
        // (and stops it) or is seen here.
        if (abortCause.get() != null) {
            dog.stop();
            response.close();
            drain();
            return;
        }
        dog.readStarted(); // the wait for the first body byte counts as silence too
        bodyPublisher.subscribe(new BodySubscriber());
    }

    /** The exchange failed before any body byte: an API error, a refused connection, a timeout. */
    void failBeforeBody(Throwable error) {
        abort(error);
    }

    /** Ends the stream with {@code cause}: cancellation, a throwing listener. Idempotent. */
    void abort(Throwable cause) {
        abortCause.compareAndSet(null, cause);
        release();
        drain();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super StreamEvent> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException(
                    "This stream already has a consumer (a listener or a subscriber); each stream has one"));
            return;
        }
        // onSubscribe comes first: no other signal may reach the subscriber before it (§1.9). Demand it
        // requests meanwhile is kept in the counter and served once it is published below.
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n <= 0) {
                    abort(new IllegalArgumentException("request(" + n + "): demand must be positive (Reactive Streams §3.9)"));
                    return;
                }
                demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                drain();
            }

            @Override
            public void cancel() {
                downstreamCancelled = true;
                abort(new java.util.concurrent.CancellationException("the subscriber cancelled the stream"));
            }
        });
        downstream = subscriber;
        drain();
    }

    private void onWatchdog() {
        release();
        // Not on the timer thread: the drain may call user code, which must not hold up every stream's timers.
        ForkJoinPool.commonPool().execute(this::drain);
    }

    private void release() {
        released = true;
        try {
            TransportResponse r = response;
            if (r != null) {
                r.close();
            }
        } finally {
            Flow.Subscription s = body;
            if (s != null) {
                s.cancel();
            }
        }
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        while (true) {
            try {
                step();
            } catch (Throwable e) {
                // A bug or a misbehaving subscriber must not leave the stream hanging.
                if (terminal == null) {
                    try {
                        finish(e);
                    } catch (Throwable ignored) {
                        // finish completes the future whatever happens; nothing more to do here.
                    }
                }
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void step() {
        if (terminal != null) {
            notifyDownstream();
            return;
        }
        StreamWatchdog dog = watchdog;
        StreamTimeoutException.Kind fired = dog == null ? null : dog.fired();
        Throwable aborted = abortCause.get();
        if (aborted != null) {
            finish(aborted);
            return;
        }
        if (fired != null && pendingTerminal == null) {
            if (!decoder.isComplete()) {
                finish(timeout(fired, null));
                return;
            }
            // message_stop arrived and only the end of the body was awaited: the reply is whole.
            pendingTerminal = endOfBody();
        }
        Flow.Subscriber<? super StreamEvent> d = downstream;
        if (d == null) {
            return; // wait for a consumer
        }
        while (true) {
            while (demand.get() > 0 && !queue.isEmpty()) {
                StreamEvent event = queue.poll();
                demand.decrementAndGet();
                delivered++;
                d.onNext(event);
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
                    decoder.feed(buffer);
                } catch (BrookException e) {
                    pendingTerminal = e;
                }
                continue;
            }
            if (bodyDone) {
                pendingTerminal = endOfBody();
                continue;
            }
            if (demand.get() > 0 && !upstreamRequested && body != null) {
                upstreamRequested = true;
                dog.readStarted();
                body.request(1);
            }
            return;
        }
    }

    private Object endOfBody() {
        Throwable error = bodyError;
        if (error instanceof SocketTimeoutException && !decoder.isComplete()) {
            return timeout(StreamTimeoutException.Kind.IDLE, error);
        }
        try {
            return decoder.end();
        } catch (BrookException e) {
            if (error != null) {
                e.addSuppressed(error);
            }
            return e;
        }
    }

    private StreamTimeoutException timeout(StreamTimeoutException.Kind kind, Throwable cause) {
        Duration value = kind == StreamTimeoutException.Kind.IDLE ? idleTimeout : totalTimeout;
        return StreamWatchdog.timeoutError(kind, value, delivered, cause, decoder.snapshot());
    }

    private void finish(Object outcome) {
        terminal = outcome;
        try {
            StreamWatchdog dog = watchdog;
            if (dog != null) {
                dog.stop();
            }
            queue.clear();
            inbox.clear();
            release();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Releasing a finished stream failed", e);
        } finally {
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
        if (downstreamCancelled) {
            return;
        }
        try {
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
            drain();
        }

        @Override
        public void onNext(ByteBuffer item) {
            StreamWatchdog dog = watchdog;
            if (dog != null) {
                dog.readEnded();
            }
            inbox.add(item);
            drain();
        }

        @Override
        public void onError(Throwable t) {
            bodyError = t;
            bodyDone = true;
            drain();
        }

        @Override
        public void onComplete() {
            bodyDone = true;
            drain();
        }
    }
}
