package dev.brook.tck;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;

/**
 * The publisher under test as the TCK sees it, with a transparent subscriber put between the publisher
 * and each TCK subscriber so that the server sends the next element only once the publisher delivered
 * the last one. The TCK needs a publisher of exactly n elements; over TCP a stack may merge what the
 * server wrote in two pieces into one buffer, unless the second piece is not written yet. So the server
 * takes one permit per element ({@code ScriptedResponse.Builder.chunksOnPermits}) and this gate
 * releases one each time an {@code onNext} of the publisher under test has returned.
 *
 * <p>The gate changes nothing the TCK checks: every signal is forwarded unchanged, on the thread that
 * sent it, the very same {@link Flow.Subscription} object reaches the TCK's {@code onSubscribe} (so
 * requests and cancels go straight to the publisher under test), and {@code subscribe(null)} goes
 * straight to the publisher under test, which must throw the {@link NullPointerException} itself (Rule
 * 1.9). The gate keeps no reference to the subscribers it made: only the publisher under test holds
 * them, as Rule 3.13 requires it to stop doing after a cancel.
 *
 * @param <T> the element type
 */
final class DeliveryGate<T> implements Flow.Publisher<T> {
    private final Flow.Publisher<T> underTest;
    private final Semaphore permits;

    /**
     * @param underTest the publisher whose rules are checked
     * @param permits the server's permits: one is released after each element the publisher delivered
     */
    DeliveryGate(Flow.Publisher<T> underTest, Semaphore permits) {
        this.underTest = Objects.requireNonNull(underTest, "underTest");
        this.permits = Objects.requireNonNull(permits, "permits");
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        if (subscriber == null) {
            underTest.subscribe(null); // Rule 1.9: the publisher under test must refuse it itself
            return;
        }
        underTest.subscribe(new PassThrough<>(subscriber, permits));
    }

    /** Names the publisher under test: the TCK puts the publisher into its failure messages. */
    @Override
    public String toString() {
        return underTest.toString();
    }

    /** Forwards every signal unchanged; after forwarding an element, lets the server send the next one. */
    private static final class PassThrough<T> implements Flow.Subscriber<T> {
        private final Flow.Subscriber<? super T> downstream;
        private final Semaphore permits;

        PassThrough(Flow.Subscriber<? super T> downstream, Semaphore permits) {
            this.downstream = downstream;
            this.permits = permits;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            downstream.onSubscribe(subscription);
        }

        @Override
        public void onNext(T item) {
            downstream.onNext(item);
            permits.release();
        }

        @Override
        public void onError(Throwable throwable) {
            downstream.onError(throwable);
        }

        @Override
        public void onComplete() {
            downstream.onComplete();
        }
    }
}
