package dev.brook.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the TCK cannot provoke in {@link InputStreamPublisher}: a non-positive request from another
 * thread while the reading thread is inside {@code onNext} or blocked in a read.
 */
class InputStreamPublisherTest {
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopReader() {
        reader.shutdownNow();
    }

    /** Endless bytes, one per read; remembers being closed. */
    private static final class EndlessBody extends InputStream {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public int read() {
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (closed.get()) {
                return -1;
            }
            b[off] = 'x';
            return 1;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** A body that blocks every read until it is closed, then reads as ended, as a closed socket may. */
    private static final class SilentBody extends InputStream {
        final CountDownLatch closed = new CountDownLatch(1);
        final CountDownLatch reading = new CountDownLatch(1);

        @Override
        public int read() {
            return read(new byte[1], 0, 1);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            reading.countDown();
            try {
                closed.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void aNonPositiveRequestDuringABlockedReadEndsTheStreamWithTheIllegalArgumentNotACompletion() throws Exception {
        SilentBody body = new SilentBody();
        InputStreamPublisher publisher = new InputStreamPublisher(body, reader);
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.complete(s);
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                outcome.complete(item);
            }

            @Override
            public void onError(Throwable t) {
                outcome.complete(t);
            }

            @Override
            public void onComplete() {
                outcome.complete("complete");
            }
        });
        assertThat(body.reading.await(5, TimeUnit.SECONDS)).isTrue();
        subscription.join().request(-3);
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class);
        assertThat(body.closed.getCount()).as("the body was released").isZero();
    }

    @Test
    void aNonPositiveRequestDuringOnNextIsReportedAfterOnNextReturnsAndReleasesTheBody() throws Exception {
        EndlessBody body = new EndlessBody();
        InputStreamPublisher publisher = new InputStreamPublisher(body, reader);
        CountDownLatch inOnNext = new CountDownLatch(1);
        CountDownLatch leaveOnNext = new CountDownLatch(1);
        AtomicBoolean insideOnNext = new AtomicBoolean();
        AtomicBoolean overlapped = new AtomicBoolean();
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.complete(s);
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                insideOnNext.set(true);
                inOnNext.countDown();
                try {
                    leaveOnNext.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    insideOnNext.set(false);
                }
            }

            @Override
            public void onError(Throwable t) {
                overlapped.compareAndSet(false, insideOnNext.get());
                error.complete(t);
            }

            @Override
            public void onComplete() {
                error.complete(null);
            }
        });
        assertThat(inOnNext.await(5, TimeUnit.SECONDS)).isTrue();
        subscription.join().request(0);
        leaveOnNext.countDown();
        assertThat(error.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3.9");
        assertThat(overlapped).as("onError came while onNext was still running (Rule 1.3)").isFalse();
        assertThat(body.closed).as("the body was released").isTrue();
    }
}
