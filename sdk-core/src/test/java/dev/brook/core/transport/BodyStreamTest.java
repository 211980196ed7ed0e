package dev.brook.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The close rules {@link TransportResponse#ofInputStream} applies for every blocking stack. */
class BodyStreamTest {
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Test
    void closingBeforeTheEndAbortsThenClosesTheStream() throws IOException {
        TransportResponse response = response(new RecordingStream(new byte[] {1, 2, 3}));
        InputStream body = response.bodyStream().orElseThrow();
        assertThat(body.read()).isEqualTo(1);
        response.close();
        assertThat(calls).containsExactly("abort", "close");
        assertThatThrownBy(body::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void aBodyReadToItsEndIsClosedWithoutAnAbortSoItsConnectionIsReused() throws IOException {
        TransportResponse response = response(new RecordingStream(new byte[] {1}));
        InputStream body = response.bodyStream().orElseThrow();
        assertThat(body.readAllBytes()).containsExactly(1);
        response.close();
        assertThat(calls).containsExactly("close");
    }

    @Test
    void aCloseDuringABlockedReadAbortsAtOnceAndLeavesClosingTheStreamToTheReader() throws Exception {
        PipedOutputStream source = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(source);
        CountDownLatch abortRan = new CountDownLatch(1);
        RecordingStream stream = new RecordingStream(pipe);
        TransportResponse response = TransportResponse.ofInputStream(200, TransportHeaders.empty(), stream, () -> {
            calls.add("abort");
            abortRan.countDown();
        });
        InputStream body = response.bodyStream().orElseThrow();
        CountDownLatch reading = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                reading.countDown();
                body.read(); // blocks until the "stack" delivers a byte
            } catch (IOException ignored) {
                // not expected here: the pipe delivers the byte below
            }
        });
        reader.start();
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        stream.awaitInRead();
        response.close();
        assertThat(abortRan.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(calls).as("not closed under the reader").containsExactly("abort");
        source.write(7); // the stack's abort would wake the reader; here the byte does
        reader.join(10_000);
        assertThat(calls).containsExactly("abort", "close");
    }

    private TransportResponse response(InputStream stream) {
        return TransportResponse.ofInputStream(200, TransportHeaders.empty(), stream, () -> calls.add("abort"));
    }

    /** A stack's stream that records its close and tells when a read is in progress. */
    private final class RecordingStream extends InputStream {
        private final InputStream in;
        private final CountDownLatch inRead = new CountDownLatch(1);

        RecordingStream(byte[] bytes) {
            this(new java.io.ByteArrayInputStream(bytes));
        }

        RecordingStream(InputStream in) {
            this.in = in;
        }

        void awaitInRead() throws InterruptedException {
            assertThat(inRead.await(10, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public int read() throws IOException {
            inRead.countDown();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            inRead.countDown();
            return in.read(b, off, len);
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }
}
