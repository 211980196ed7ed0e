package dev.brook.core.transport;

import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * The {@link PushedBodyPublisher.Stack} of a stack that itself delivers the body through a
 * {@link Flow.Subscription} (the JDK client's body subscribers, other {@code Flow}-based clients): while
 * the publisher has not paused, exactly one item is requested at a time; paused, nothing is, so the
 * stack stops reading the socket; abort cancels the subscription, also when it arrives after the abort.
 * The stack's subscriber calls {@link #subscribed} from its {@code onSubscribe}, and from each
 * {@code onNext} hands the item to the publisher, then calls {@link #delivered} and
 * {@link #requestIfWanted}. Thread-safe.
 */
public final class SubscriptionStack implements PushedBodyPublisher.Stack {
    private Flow.Subscription subscription; // guarded by this
    private boolean requested; // an item is asked for and has not come yet; guarded by this
    private boolean paused; // guarded by this
    private boolean aborted; // guarded by this

    /** A stack whose subscription has not arrived yet: not paused, not aborted. */
    public SubscriptionStack() {
    }

    /**
     * The stack's subscription arrived: request the first item, or cancel it if the body was aborted or
     * already has one.
     *
     * @param s the subscription the stack gave its body subscriber
     * @throws NullPointerException if {@code s} is null
     */
    public void subscribed(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription");
        boolean cancel;
        synchronized (this) {
            // A second subscription is refused (Reactive Streams §2.5): the body has one source.
            cancel = aborted || subscription != null;
            if (subscription == null) {
                subscription = s;
            }
        }
        if (cancel) {
            s.cancel();
        } else {
            requestIfWanted();
        }
    }

    /**
     * The requested item arrived and was handed to the publisher; {@link #requestIfWanted} then asks
     * for the next one unless the publisher paused meanwhile.
     */
    public void delivered() {
        synchronized (this) {
            requested = false;
        }
    }

    /** Requests the next item unless paused, aborted or already asked for: call it after each hand-over. */
    public void requestIfWanted() {
        Flow.Subscription s;
        synchronized (this) {
            if (paused || requested || aborted || subscription == null) {
                return;
            }
            requested = true;
            s = subscription;
        }
        s.request(1);
    }

    @Override
    public void pause() {
        synchronized (this) {
            paused = true;
        }
    }

    @Override
    public void resume() {
        synchronized (this) {
            paused = false;
        }
        requestIfWanted();
    }

    @Override
    public void abort() {
        Flow.Subscription s;
        synchronized (this) {
            aborted = true;
            s = subscription;
        }
        if (s != null) {
            s.cancel();
        }
    }
}
