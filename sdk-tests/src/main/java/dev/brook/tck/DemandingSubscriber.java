package dev.brook.tck;

import dev.brook.core.event.StreamEvent;
import java.util.concurrent.Flow;

/** A subscriber that asks for everything, one event at a time. */
final class DemandingSubscriber implements Flow.Subscriber<StreamEvent> {
    private Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(StreamEvent item) {
        subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
    }

    @Override
    public void onComplete() {
    }
}

