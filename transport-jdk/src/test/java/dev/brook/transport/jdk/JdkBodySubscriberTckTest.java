package dev.brook.transport.jdk;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;

/**
 * The Reactive Streams TCK's subscriber rules against {@link JdkBodySubscriber}, the subscriber Brook
 * gives the JDK client for a response body. It asks for one list at a time while the body it feeds has
 * demand; the TCK's "trigger a request" is a reader subscribing to that body and asking for everything,
 * which is what Brook's core does. Every required rule runs; the rules the TCK reports as skipped are
 * its {@code untested_*} placeholders, for which TCK 1.0.4 has no test.
 */
public class JdkBodySubscriberTckTest extends FlowSubscriberBlackboxVerification<List<ByteBuffer>> {

    public JdkBodySubscriberTckTest() {
        super(new TestEnvironment(2_000, 200, 10));
    }

    @Override
    public Flow.Subscriber<List<ByteBuffer>> createFlowSubscriber() {
        return new JdkBodySubscriber();
    }

    @Override
    public void triggerFlowRequest(Flow.Subscriber<? super List<ByteBuffer>> subscriber) {
        ((JdkBodySubscriber) subscriber).getBody().thenAccept(body -> body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        }));
    }

    @Override
    public List<ByteBuffer> createElement(int element) {
        return List.of(ByteBuffer.wrap(new byte[] {(byte) element}));
    }
}
