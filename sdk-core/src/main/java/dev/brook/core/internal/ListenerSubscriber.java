package dev.brook.core.internal;

import dev.brook.core.accumulate.MessageAccumulator;
import dev.brook.core.client.CallListener;
import dev.brook.core.client.StreamListener;
import dev.brook.core.event.ContentBlock;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.json.JsonValue;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * Feeds a {@link StreamListener} from a stream's events. The "so far" values it passes are exact: with
 * inline callbacks they come from the driver's own accumulator, which then holds exactly the events
 * delivered (see {@link AsyncStreamDriver#deliveredAccumulator()}); when callbacks run on another
 * executor, or the events come from another publisher, it keeps its own accumulator, fed in delivery
 * order, since the stream may have decoded further by the time a callback runs. Makes exactly one
 * terminal callback.
 */
public final class ListenerSubscriber implements Flow.Subscriber<StreamEvent> {
    private static final System.Logger LOG = System.getLogger(ListenerSubscriber.class.getName());

    private final StreamListener listener;
    /** The listener's callbacks for what each event changed; made once, so no allocation per event. */
    private final StreamUpdates.Sink toListener = new StreamUpdates.Sink() {
        @Override
        public void text(int index, String delta, CharSequence textSoFar) {
            listener.onText(delta, textSoFar);
        }

        @Override
        public void inputJson(int index, String fragment, Supplier<JsonValue> partialInput) {
            listener.onInputJson(fragment, partialInput);
        }

        @Override
        public void thinking(int index, String delta, CharSequence thinkingSoFar) {
            listener.onThinking(delta, thinkingSoFar);
        }

        @Override
        public void signature(int index, String signature) {
            listener.onSignature(signature);
        }

        @Override
        public void citation(int index, JsonValue citation) {
            listener.onCitation(citation);
        }

        @Override
        public void blockStart(int index, ContentBlock block) {
        }

        @Override
        public void blockStop(int index, ContentBlock block) {
            listener.onContentBlock(index, block);
        }
    };
    private final Executor executor;
    private final AsyncStreamDriver driver;
    private final CallEvents events;
    /** Chosen at the first event: the driver's, in step with delivery, or one of our own. */
    private MessageAccumulator accumulator;
    private boolean ownAccumulator;
    private final CompletableFuture<Message> outcome = new CompletableFuture<>();
    /** Volatile: a second onSubscribe (§2.5) may come from another publisher's thread. */
    private volatile Flow.Subscription subscription;
    private boolean done;

    /**
     * @param executor where callbacks run, or {@code null} for the thread that delivers the event
     * @param events the call's listeners, whose scope is opened around callbacks run on {@code executor}
     *     (inline ones run inside the driver's)
     */
    public ListenerSubscriber(StreamListener listener, Executor executor, AsyncStreamDriver driver, CallEvents events) {
        this.listener = listener;
        this.executor = executor == null ? null : new SerialExecutor(executor);
        this.driver = driver;
        this.events = events;
    }

    /**
     * Completes after the terminal callback has returned, so code joining it sees everything the listener
     * did, even when callbacks run on another executor.
     */
    public CompletableFuture<Message> outcome() {
        return outcome;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription"); // §2.13
        if (subscription != null) {
            s.cancel(); // §2.5: one subscription at a time; the first one stays
            return;
        }
        subscription = s;
        // Inline callbacks take events as fast as they come; on an executor, one event in flight at a
        // time, so a slow listener slows the socket instead of filling the executor's queue.
        s.request(executor == null ? Long.MAX_VALUE : 1);
    }

    @Override
    public void onNext(StreamEvent event) {
        // §2.13, and here rather than in the callback, which may run on another thread, too late to throw.
        Objects.requireNonNull(event, "event");
        // Inline, no task is made: a capturing lambda per event is 24 bytes the JIT does not always
        // eliminate (measured on the okhttp async path once run() had grown).
        if (executor == null) {
            deliver(event);
        } else {
            run(() -> deliver(event));
        }
    }

    private void deliver(StreamEvent event) {
        if (done) {
            return;
        }
        try {
            accumulate(event);
            dispatch(event);
        } catch (RuntimeException | Error e) {
            done = true;
            driver.abort(e);
            error(e);
            outcome.completeExceptionally(e);
            return;
        }
        if (executor != null) {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable t) {
        Objects.requireNonNull(t, "throwable"); // §2.13
        run(() -> {
            if (!done) {
                done = true;
                error(t);
                outcome.completeExceptionally(t);
            }
        });
    }

    @Override
    public void onComplete() {
        run(() -> {
            if (done) {
                return;
            }
            done = true;
            Message message = (accumulator == null ? new MessageAccumulator() : accumulator).snapshot();
            try {
                listener.onMessage(message);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "StreamListener.onMessage threw", e);
            }
            outcome.complete(message);
        });
    }

    private void run(Runnable task) {
        if (executor == null) {
            task.run();
        } else if (events.active()) {
            executor.execute(() -> {
                try (CallListener.Scope scope = events.scope()) {
                    task.run();
                }
            });
        } else {
            executor.execute(task);
        }
    }

    private void error(Throwable t) {
        try {
            listener.onError(t);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "StreamListener.onError threw", e);
        }
    }

    private void accumulate(StreamEvent event) {
        if (accumulator == null) {
            MessageAccumulator shared = executor == null ? driver.deliveredAccumulator() : null;
            ownAccumulator = shared == null;
            accumulator = ownAccumulator ? new MessageAccumulator() : shared;
        }
        if (ownAccumulator) {
            accumulator.accept(event);
        } else if (driver.deliveredAccumulator() != accumulator) {
            // The driver delivers inline to a subscriber with unbounded demand, so this cannot happen;
            // if it ever did, the values passed on would be wrong, which must not go unnoticed.
            throw new IllegalStateException("Brook bug: the stream decoded ahead of delivery to an inline "
                    + "listener; please report it");
        }
    }

    private void dispatch(StreamEvent event) {
        listener.onEvent(event);
        StreamUpdates.apply(event, accumulator, toListener);
    }


}
