package dev.brook.core.transport;

import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * How every Brook publisher turns away a subscriber after the first: a body (or a stream of events) is
 * read once. The late subscriber gets {@code onSubscribe} with a subscription that does nothing, then
 * {@code onError} with an {@link IllegalStateException} saying why (Reactive Streams §1.9, §2.13).
 */
public final class SecondSubscriber {
    private static final Flow.Subscription NOTHING = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

    private SecondSubscriber() {
    }

    /**
     * Refuses {@code late}.
     *
     * @param late the subscriber after the first
     * @param why the message of the error it gets, naming what already has a reader
     * @throws NullPointerException if {@code late} is null (§1.9)
     */
    public static void refuse(Flow.Subscriber<?> late, String why) {
        Objects.requireNonNull(late, "subscriber");
        late.onSubscribe(NOTHING);
        late.onError(new IllegalStateException(why));
    }
}
