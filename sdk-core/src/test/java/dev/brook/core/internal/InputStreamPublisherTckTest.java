package dev.brook.core.internal;

import dev.brook.core.transport.DaemonThreads;
import dev.brook.core.transport.OneSubscriberPublisherVerification;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK's publisher rules against the core's InputStream → Publisher bridge (how the
 * async API drives a blocking stack), over a stream that returns one byte per read, so that a publisher
 * of n elements is a stream of n bytes.
 */
public class InputStreamPublisherTckTest extends OneSubscriberPublisherVerification {
    private final ExecutorService blocking = Executors.newCachedThreadPool(new DaemonThreads("tck-blocking-read"));

    public InputStreamPublisherTckTest() {
        // A short poll: the TCK sleeps one poll before each look for an expected error (the spec309 rules),
        // and its default poll is the whole default timeout.
        super(new TestEnvironment(2_000, 200, 10));
    }

    @AfterClass
    public void stopReaders() {
        blocking.shutdownNow();
    }

    @Override
    public Flow.Publisher<ByteBuffer> createFlowPublisher(long elements) {
        return new InputStreamPublisher(new OneBytePerRead(elements), blocking);
    }

    /**
     * None: the bridge reads only on demand (that is its backpressure), so a broken stream is found, and
     * reported with onError, only once something was requested. The TCK's two error-state rules, which
     * expect onError without any request, do not apply; returning null is how the TCK is told so.
     */
    @Override
    public Flow.Publisher<ByteBuffer> createFailedFlowPublisher() {
        return null;
    }

    @Override
    public long maxElementsFromPublisher() {
        return Long.MAX_VALUE - 1;
    }

    /** {@code n} bytes, one per read, then the end. */
    private static final class OneBytePerRead extends InputStream {
        private long left;

        OneBytePerRead(long n) {
            this.left = n;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }
}
