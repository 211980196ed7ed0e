package dev.brook.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.core.transport.TransportResponse;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A slow subscriber slows the server: the transport hands over no buffer that was not requested, and the
 * bytes the server manages to write stay bounded by socket buffers and Vert.x's bounded inbound queue,
 * far below the size of the stream. The server is a Vert.x {@link HttpServer} on 127.0.0.1 (on its own
 * {@code Vertx}) that writes as fast as the connection accepts and counts every byte it got rid of.
 */
class BackpressureTest {
    static final int CHUNK = 16 * 1024;
    static final long TOTAL = 64L * 1024 * 1024;
    /** Socket buffers on both ends, pinned small so the bound does not depend on the kernel's autotuning. */
    static final int SOCKET_BUFFER = 64 * 1024;

    private Vertx serverVertx;
    private Vertx clientVertx;
    private HttpServer server;
    private VertxTransport transport;
    private final AtomicLong written = new AtomicLong();
    private final AtomicBoolean serverSawClose = new AtomicBoolean();

    @BeforeEach
    void start() throws Exception {
        serverVertx = Vertx.vertx();
        clientVertx = Vertx.vertx();
        Buffer chunk = Buffer.buffer(new byte[CHUNK]);
        server = serverVertx.createHttpServer(new HttpServerOptions().setSendBufferSize(SOCKET_BUFFER))
                .requestHandler(req -> {
                    HttpServerResponse resp = req.response().setChunked(true).putHeader("content-type", "application/octet-stream");
                    resp.closeHandler(v -> serverSawClose.set(true));
                    new Object() {
                        void pump() {
                            while (written.get() < TOTAL && !resp.writeQueueFull() && !resp.closed()) {
                                resp.write(chunk);
                                written.addAndGet(CHUNK);
                            }
                            if (resp.closed()) {
                                return;
                            }
                            if (written.get() >= TOTAL) {
                                resp.end();
                            } else {
                                resp.drainHandler(v -> pump());
                            }
                        }
                    }.pump();
                })
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        transport = VertxTransport.of(clientVertx, new HttpClientOptions().setReceiveBufferSize(SOCKET_BUFFER));
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        server.close().await(10, TimeUnit.SECONDS);
        clientVertx.close().await(10, TimeUnit.SECONDS);
        serverVertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void slowSubscriberGetsNoUnrequestedBufferAndTheServerIsHeldBack() throws Exception {
        TransportResponse response = transport.execute(TransportRequest.of("GET",
                URI.create("http://127.0.0.1:" + server.actualPort() + "/big"), TransportHeaders.empty(), new byte[0]),
                TransportExchange.create());
        assertThat(response.statusCode()).isEqualTo(200);

        AtomicLong requested = new AtomicLong();
        AtomicLong delivered = new AtomicLong();
        AtomicLong consumedBytes = new AtomicLong();
        AtomicLong maxUnrequested = new AtomicLong(Long.MIN_VALUE);
        CountDownLatch firstTen = new CountDownLatch(10);
        CompletableFuture<Void> failed = new CompletableFuture<>();
        Flow.Subscription[] subscription = new Flow.Subscription[1];
        response.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription[0] = s;
                requested.incrementAndGet();
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                long unrequested = delivered.incrementAndGet() - requested.get();
                maxUnrequested.accumulateAndGet(unrequested, Math::max);
                consumedBytes.addAndGet(item.remaining());
                firstTen.countDown();
                if (firstTen.getCount() > 0) {
                    requested.incrementAndGet();
                    subscription[0].request(1); // slowly: the rest is requested by the test thread below
                }
            }

            @Override
            public void onError(Throwable t) {
                failed.complete(null);
            }

            @Override
            public void onComplete() {
                failed.complete(null);
            }
        });
        assertThat(firstTen.await(10, TimeUnit.SECONDS)).isTrue();

        // The subscriber now stops asking. Give the server ample time to write whatever it can.
        long plateau = awaitPlateau();
        System.out.printf("backpressure: server wrote %,d bytes while the subscriber held %,d bytes in %d buffers%n",
                plateau, consumedBytes.get(), delivered.get());
        assertThat(delivered.get()).as("buffers delivered").isEqualTo(requested.get());
        assertThat(plateau).as("bytes the server could write while the subscriber stood still")
                .isLessThan(8L * 1024 * 1024)
                .isLessThan(TOTAL / 8);

        // Read slowly, one buffer at a time with a pause; the server advances only as we do.
        for (int i = 0; i < 20; i++) {
            requested.incrementAndGet();
            subscription[0].request(1);
            Thread.sleep(10);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (delivered.get() < requested.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(delivered.get()).isEqualTo(requested.get());
        assertThat(maxUnrequested.get()).as("buffers delivered beyond demand, at worst").isLessThanOrEqualTo(0);
        assertThat(written.get() - consumedBytes.get()).as("bytes written by the server but not yet consumed")
                .isLessThan(8L * 1024 * 1024);
        assertThat(failed).isNotDone();

        // Closing aborts: the connection goes away at once instead of draining the remaining ~60 MB.
        long before = written.get();
        response.close();
        long closeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!serverSawClose.get() && System.nanoTime() < closeDeadline) {
            Thread.sleep(5);
        }
        assertThat(serverSawClose).as("the server saw the connection close").isTrue();
        assertThat(written.get() - before).as("bytes written after the close").isLessThan(TOTAL / 4);
    }

    /** Waits until the server's written count stops growing for 300 ms, and returns it. */
    private long awaitPlateau() throws InterruptedException {
        long last = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(300);
            long now = written.get();
            if (now == last) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the server never stopped writing: " + written.get() + " bytes of " + TOTAL);
    }
}
