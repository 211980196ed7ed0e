package dev.brook.transport.jdk;

import dev.brook.core.transport.PushedBodyPublisher;
import dev.brook.core.transport.SubscriptionStack;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The JDK client's body subscriber, feeding a {@link PushedBodyPublisher} (which owns every Reactive
 * Streams duty) through a {@link SubscriptionStack}: one list of buffers is requested at a time while
 * the publisher wants more, and each of its buffers is handed over as it is, without a copy.
 * Aborting cancels the subscription, so the client closes the connection instead of draining it.
 */
final class JdkBodySubscriber implements HttpResponse.BodySubscriber<PushedBodyPublisher> {
    private final SubscriptionStack stack = new SubscriptionStack();
    private final PushedBodyPublisher body = new PushedBodyPublisher(stack);

    @Override
    public CompletionStage<PushedBodyPublisher> getBody() {
        return CompletableFuture.completedFuture(body);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        stack.subscribed(s);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        // Each buffer is one element: the publisher holds what the demand does not cover yet (at most this
        // one list) and may pause, on this thread, when nobody asked for it.
        buffers.forEach(body::onBuffer); // a null list throws here, before any state changes (§2.13)
        stack.delivered();
        stack.requestIfWanted();
    }

    @Override
    public void onError(Throwable error) {
        body.onError(error);
    }

    @Override
    public void onComplete() {
        body.onComplete();
    }
}
