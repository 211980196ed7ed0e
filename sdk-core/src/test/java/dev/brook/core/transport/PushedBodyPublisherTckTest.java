package dev.brook.core.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK's publisher rules against {@link PushedBodyPublisher}, fed by a simulated
 * push-style stack: it starts reading at once (so buffers arrive before anyone subscribes), pushes from
 * its own thread while it is not paused, and stops when told. Timeouts are generous so that the
 * verification holds on a busy machine; the no-signal window is what rules like §1.1 wait through.
 */
public class PushedBodyPublisherTckTest extends OneSubscriberPublisherVerification {
    private final ExecutorService io = Executors.newCachedThreadPool(new DaemonThreads("tck-simulated-io"));

    public PushedBodyPublisherTckTest() {
        super(new TestEnvironment(2_000, 200, 10));
    }

    @AfterClass
    public void stopIo() {
        io.shutdownNow();
    }

    @Override
    public Flow.Publisher<ByteBuffer> createFlowPublisher(long elements) {
        return new SimulatedStack(io, elements).publisher;
    }

    @Override
    public Flow.Publisher<ByteBuffer> createFailedFlowPublisher() {
        PushedBodyPublisher failed = new PushedBodyPublisher(new SimulatedStack(io, 0));
        failed.onError(new java.io.IOException("connection reset before the body"));
        return failed;
    }

    @Override
    public long maxElementsFromPublisher() {
        return Long.MAX_VALUE - 1; // a body can be as long as the server keeps sending
    }

    /** A stack that reads {@code total} buffers, one task at a time, while it is not paused. */
    static final class SimulatedStack implements PushedBodyPublisher.Stack {
        final PushedBodyPublisher publisher;
        private final ExecutorService io;
        private final Object lock = new Object();
        private long remaining;
        private boolean paused;
        private boolean reading;
        private boolean aborted;

        SimulatedStack(ExecutorService io, long total) {
            this.io = io;
            this.remaining = total;
            this.publisher = new PushedBodyPublisher(this);
            read();
        }

        @Override
        public void pause() {
            synchronized (lock) {
                paused = true;
            }
        }

        @Override
        public void resume() {
            synchronized (lock) {
                paused = false;
            }
            read();
        }

        @Override
        public void abort() {
            synchronized (lock) {
                aborted = true;
            }
        }

        private void read() {
            synchronized (lock) {
                if (reading || paused || aborted) {
                    return;
                }
                reading = true;
            }
            io.execute(this::pump);
        }

        /** Pushes until paused, aborted or done; one pump at a time, as a stack's I/O thread would. */
        private void pump() {
            while (true) {
                boolean last;
                synchronized (lock) {
                    if (paused || aborted || remaining == 0) {
                        reading = false;
                        if (remaining == 0 && !aborted) {
                            remaining = -1;
                            last = true;
                        } else {
                            return;
                        }
                    } else {
                        remaining--;
                        last = false;
                    }
                }
                if (last) {
                    publisher.onComplete();
                    return;
                }
                publisher.onBuffer(ByteBuffer.wrap(new byte[] {'x'}));
            }
        }
    }
}
