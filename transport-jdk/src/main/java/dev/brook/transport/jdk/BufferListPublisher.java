package dev.brook.transport.jdk;

import dev.brook.core.transport.SecondSubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Adapts the JDK client's body publisher, which emits lists of buffers, to the one-buffer items of
 * Brook's SPI. One list becomes one buffer (merged only when it holds several), so demand maps one to
 * one and nothing is buffered here. {@link #abort()} cancels the body even before anyone subscribed,
 * which makes the client close the connection rather than drain it.
 */
final class BufferListPublisher implements Flow.Publisher<ByteBuffer> {
    private final Flow.Publisher<List<ByteBuffer>> upstream;
    private Flow.Subscription subscription;
    private boolean subscribed;
    private boolean aborted;

    BufferListPublisher(Flow.Publisher<List<ByteBuffer>> upstream) {
        this.upstream = upstream;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> downstream) {
        synchronized (this) {
            if (subscribed) {
                SecondSubscriber.refuse(downstream, "the body has already been subscribed to");
                return;
            }
            subscribed = true;
        }
        upstream.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                boolean cancel;
                synchronized (BufferListPublisher.this) {
                    subscription = s;
                    cancel = aborted;
                }
                if (cancel) {
                    s.cancel();
                }
                downstream.onSubscribe(s);
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
                downstream.onNext(merge(item));
            }

            @Override
            public void onError(Throwable t) {
                downstream.onError(t);
            }

            @Override
            public void onComplete() {
                downstream.onComplete();
            }
        });
    }

    void abort() {
        Flow.Subscription s;
        boolean subscribeToCancel;
        synchronized (this) {
            aborted = true;
            s = subscription;
            subscribeToCancel = !subscribed;
            subscribed = true;
        }
        if (s != null) {
            s.cancel();
        } else if (subscribeToCancel) {
            upstream.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription sub) {
                    sub.cancel();
                }

                @Override
                public void onNext(List<ByteBuffer> item) {
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onComplete() {
                }
            });
        }
    }

    private static ByteBuffer merge(List<ByteBuffer> buffers) {
        if (buffers.size() == 1) {
            return buffers.get(0);
        }
        int total = 0;
        for (ByteBuffer b : buffers) {
            total += b.remaining();
        }
        ByteBuffer merged = ByteBuffer.allocate(total);
        for (ByteBuffer b : buffers) {
            merged.put(b);
        }
        return merged.flip();
    }
}
