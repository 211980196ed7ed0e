package dev.brook.transport.vertx;

import static dev.brook.transport.vertx.EventLoopSafetyTest.SSE;
import static dev.brook.transport.vertx.EventLoopSafetyTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportProvider;
import dev.brook.core.transport.TransportRequest;
import dev.brook.core.transport.TransportResponse;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.testkit.UnacceptingListener;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The transport discovery creates: found as {@code vertx}, its timeouts, its abort, and its threads,
 * which it closes with itself.
 */
class OwnedTransportTest {

    @Test
    void discoveryFindsTheVertxTransportAndBrookClosesItsThreads() throws Exception {
        List<String> names = new ArrayList<>();
        for (TransportProvider p : ServiceLoader.load(TransportProvider.class)) {
            names.add(p.name() + ":" + p.priority());
        }
        assertThat(names).containsExactly("vertx:10");

        Set<Thread> before = vertxThreads();
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Brook brook = Brook.builder().apiKey("sk-test").baseUrl(server.baseUri().toString()).build()) {
            server.enqueue(ScriptedResponse.sse(SSE));
            try (MessageStream stream = brook.messages().stream(request())) {
                assertThat(stream.finalText()).isEqualTo("Hello world");
            }
            RecordedRequest recorded = server.takeRequest(Duration.ofSeconds(5)).orElseThrow();
            assertThat(recorded.header("user-agent")).hasValueSatisfying(v -> assertThat(v).contains("transport vertx"));
            assertThat(newThreads(before)).as("threads of the transport's own Vertx").isNotEmpty();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!newThreads(before).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(newThreads(before)).as("Vert.x threads left after Brook closed its own transport").isEmpty();
    }

    @Test
    void headersThatDoNotComeWithinTheIdleTimeoutAreBrooksIdleTimeoutNotTheBackstop() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Brook brook = Brook.builder().apiKey("sk-test").baseUrl(server.baseUri().toString())
                        .idleTimeout(Duration.ofMillis(300)).maxRetries(0).build()) {
            warmUp(brook, server);
            server.enqueue(ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                    .headersDelay(Duration.ofSeconds(10)).chunk(SSE).build());
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> brook.messages().stream(request()).close());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // The core's own verdict (its message), not the Vert.x backstop at 2.3 s reported as a stack timeout.
            assertThat(thrown).isInstanceOf(StreamTimeoutException.class)
                    .hasMessageStartingWith("Idle timeout of 300 ms expired waiting for the response from http://127.0.0.1");
            assertThat(((StreamTimeoutException) thrown).kind()).isEqualTo(StreamTimeoutException.Kind.IDLE);
            assertThat(((StreamTimeoutException) thrown).timeout()).isEqualTo(Duration.ofMillis(300));
            assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofMillis(9000));
        }
    }

    @Test
    void theHeaderBackstopOfACreatedClientIsLooserThanTheIdleTimeoutAndReportedAsASocketTimeout() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = new VertxTransportProvider().create(
                        TransportConfig.builder().idleTimeout(Duration.ofMillis(300)).build())) {
            server.enqueue(ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                    .headersDelay(Duration.ofSeconds(10)).chunk(SSE).build());
            TransportExchange exchange = TransportExchange.create();
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> transport.execute(get(server), exchange));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(thrown).isInstanceOf(SocketTimeoutException.class)
                    .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class)
                    .hasMessageNotContaining("Brook");
            assertThat(exchange.isConnected()).isTrue();
            // readBackstop() of a 300 ms idle timeout: 300 ms plus the 2 s minimum margin.
            assertThat(took).isBetween(Duration.ofMillis(2200), Duration.ofMillis(9000));
        }
    }

    @Test
    void silentBodyTripsBrooksIdleTimeoutNotAConnectionError() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Brook brook = Brook.builder().apiKey("sk-test").baseUrl(server.baseUri().toString())
                        .idleTimeout(Duration.ofMillis(1000)).maxRetries(0).build()) {
            warmUp(brook, server);
            byte[] sse = SSE.getBytes(StandardCharsets.UTF_8);
            int cut = SSE.indexOf("event: content_block_delta");
            server.enqueue(ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                    .chunk(java.util.Arrays.copyOfRange(sse, 0, cut))
                    .stall(Duration.ofSeconds(8))
                    .chunk(java.util.Arrays.copyOfRange(sse, cut, sse.length))
                    .build());
            try (MessageStream stream = brook.messages().stream(request())) {
                Throwable thrown = catchThrowable(() -> stream.forEach(e -> { }));
                assertThat(thrown).isInstanceOf(StreamTimeoutException.class);
                assertThat(((StreamTimeoutException) thrown).kind()).isEqualTo(StreamTimeoutException.Kind.IDLE);
            }
        }
    }

    @Test
    void aReaderPausedLongerThanTheIdleTimeoutKeepsItsStream() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Brook brook = Brook.builder().apiKey("sk-test").baseUrl(server.baseUri().toString())
                        .idleTimeout(Duration.ofMillis(1000)).maxRetries(0).build()) {
            warmUp(brook, server);
            server.enqueue(ScriptedResponse.sseByEvent(SSE.getBytes(StandardCharsets.UTF_8), Duration.ofMillis(10)));
            try (MessageStream stream = brook.messages().stream(request())) {
                Iterator<StreamEvent> events = stream.iterator();
                assertThat(events.next().type()).isEqualTo("message_start");
                Thread.sleep(2500); // the user is busy for longer than the idle timeout; the server finished long ago
                events.forEachRemaining(e -> { });
                assertThat(stream.finalText()).isEqualTo("Hello world");
            }
        }
    }

    @Test
    void connectThatCannotCompleteIsBrooksConnectTimeout() throws Exception {
        try (UnacceptingListener full = new UnacceptingListener();
                Brook brook = Brook.builder().apiKey("sk-test").baseUrl(full.baseUrl())
                        .connectTimeout(Duration.ofMillis(300)).maxRetries(0).build()) {
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> brook.messages().stream(request()).close());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(thrown).isInstanceOf(StreamTimeoutException.class)
                    .hasMessageStartingWith("Connect timeout of 300 ms expired connecting to http://127.0.0.1:");
            assertThat(((StreamTimeoutException) thrown).kind()).isEqualTo(StreamTimeoutException.Kind.CONNECT);
            assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofMillis(5000));
        }
    }

    @Test
    void theConnectBackstopOfACreatedClientIsReportedAsASocketTimeoutBeforeConnecting() throws Exception {
        try (UnacceptingListener full = new UnacceptingListener();
                Transport transport = new VertxTransportProvider().create(
                        TransportConfig.builder().connectTimeout(Duration.ofMillis(300)).build())) {
            TransportRequest request = TransportRequest.of("GET", full.uri("/"), TransportHeaders.empty(), new byte[0]);
            TransportExchange exchange = TransportExchange.create();
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> transport.execute(request, exchange));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(thrown).isInstanceOf(SocketTimeoutException.class)
                    .hasCauseInstanceOf(io.netty.channel.ConnectTimeoutException.class)
                    .hasMessageNotContaining("Brook");
            assertThat(exchange.isConnected()).isFalse();
            // connectBackstop() of a 300 ms connect timeout: 300 ms plus the 2 s minimum margin.
            assertThat(took).isBetween(Duration.ofMillis(2200), Duration.ofMillis(9000));
        }
    }

    @Test
    void closingFromAnotherThreadWakesTheReaderAndDropsTheConnection() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Brook brook = Brook.builder().apiKey("sk-test").baseUrl(server.baseUri().toString()).maxRetries(0)
                        .build()) {
            String head = SSE.substring(0, SSE.indexOf("event: content_block_delta"));
            server.enqueue(ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                    .chunk(head).stall(Duration.ofSeconds(20)).chunk(SSE.substring(head.length())).build());
            MessageStream stream = brook.messages().stream(request());
            assertThat(server.awaitOpenConnections(1, Duration.ofSeconds(5))).isTrue();
            AtomicReference<Throwable> readerOutcome = new AtomicReference<>();
            CompletableFuture<Long> readerDone = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    stream.forEach(e -> { });
                } catch (Throwable t) {
                    readerOutcome.set(t);
                }
                readerDone.complete(System.nanoTime());
            });
            reader.start();
            Thread.sleep(300); // the reader is now blocked waiting for the stalled body
            long closedAt = System.nanoTime();
            stream.close();
            long wokeAt = readerDone.get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(wokeAt - closedAt)).isLessThan(Duration.ofMillis(500));
            assertThat(server.awaitOpenConnections(0, Duration.ofSeconds(5))).as("the connection was dropped").isTrue();
        }
    }

    @Test
    void closedStreamsLeaveNoConnectionOpen() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = new VertxTransportProvider().create(TransportConfig.defaults())) {
            String head = SSE.substring(0, SSE.indexOf("event: content_block_delta"));
            server.respondAlways(ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                    .chunk(head).stall(Duration.ofSeconds(20)).chunk(SSE.substring(head.length())).build());
            for (int i = 0; i < 200; i++) {
                try (TransportResponse response = transport.execute(get(server), TransportExchange.create())) {
                    assertThat(firstBuffer(response).get(5, TimeUnit.SECONDS).get(0)).isEqualTo((byte) 'e');
                }
            }
            assertThat(server.awaitOpenConnections(0, Duration.ofSeconds(5))).as("open connections left").isTrue();
            assertThat(server.totalConnections()).isEqualTo(200);
        }
    }

    @Test
    void twoHundredStreamsAreOpenAtOnceNotQueuedForAConnection() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = new VertxTransportProvider().create(TransportConfig.defaults())) {
            CompletableFuture<Void> hold = new CompletableFuture<>();
            server.respondAlways(ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                    .awaitSignal(hold, Duration.ofSeconds(20)).chunk(SSE).build());
            List<CompletableFuture<TransportResponse>> responses = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                responses.add(transport.executeAsync(get(server), TransportExchange.create(), Runnable::run));
            }
            try {
                // Every exchange has its headers while the server still holds every body back.
                CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
                assertThat(server.openConnections()).isEqualTo(200);
                // Closed mid-body, each connection is dropped rather than drained or kept.
                responses.forEach(r -> r.join().close());
                assertThat(server.awaitOpenConnections(0, Duration.ofSeconds(5))).isTrue();
            } finally {
                hold.complete(null);
                responses.forEach(r -> r.thenAccept(TransportResponse::close));
            }
        }
    }

    @Test
    void aClosedTransportFailsNewExchangesWithAnIOException() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().start()) {
            Transport transport = new VertxTransportProvider().create(TransportConfig.defaults());
            transport.close();
            transport.close(); // idempotent
            assertThat(catchThrowable(() -> transport.execute(get(server), TransportExchange.create())))
                    .isInstanceOf(IOException.class).hasMessageContaining("closed");
            assertThat(server.requestCount()).isZero();
        }
    }

    /**
     * One whole exchange first: a new {@code Vertx}'s first request starts threads and opens a connection,
     * which on a busy machine can take longer than the short idle timeouts these tests use for the headers.
     */
    private static void warmUp(Brook brook, FakeMessagesServer server) {
        server.enqueue(ScriptedResponse.sse(SSE));
        try (MessageStream stream = brook.messages().stream(request())) {
            assertThat(stream.finalText()).isEqualTo("Hello world");
        }
    }

    private static TransportRequest get(FakeMessagesServer server) {
        return TransportRequest.of("GET", server.url("/v1/messages"), TransportHeaders.empty(), new byte[0]);
    }

    /** Subscribes to the body and completes with its first buffer, asking for nothing more. */
    private static CompletableFuture<ByteBuffer> firstBuffer(TransportResponse response) {
        CompletableFuture<ByteBuffer> first = new CompletableFuture<>();
        response.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                first.complete(item);
            }

            @Override
            public void onError(Throwable t) {
                first.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                first.completeExceptionally(new AssertionError("the body ended before its first buffer"));
            }
        });
        return first;
    }

    private static Set<Thread> vertxThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("vert.x-"))
                .collect(Collectors.toSet());
    }

    private static Set<Thread> newThreads(Set<Thread> before) {
        Set<Thread> now = vertxThreads();
        now.removeAll(before);
        return now;
    }
}
