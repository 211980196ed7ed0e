package dev.brook.tck;

import dev.brook.core.event.StreamEvent;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;

/** Requests in small batches, each from another thread, and may cancel from yet another. */
final class RandomSubscriber implements Flow.Subscriber<StreamEvent> {
    private final ExecutorService others;
    private final int batch;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    private int left;

    RandomSubscriber(ExecutorService others, int batch) {
        this.others = others;
        this.batch = batch;
    }

    boolean cancelled() {
        return cancelled;
    }

    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            cancelled = true;
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        left = batch;
        others.execute(() -> s.request(batch));
    }

    @Override
    public void onNext(StreamEvent item) {
        if (--left == 0) {
            left = batch;
            others.execute(() -> subscription.request(batch));
        }
    }

    @Override
    public void onError(Throwable t) {
    }

    @Override
    public void onComplete() {
    }
}
