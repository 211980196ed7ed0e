package dev.brook.transport.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportProvider;
import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportResponse;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.testkit.UnacceptingListener;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.Test;

/** The transport over a user's async client and over the one discovery creates, against a real server. */
class ApacheAsyncTransportTest {

    private static PoolingAsyncClientConnectionManager poolOfTwo() {
        return PoolingAsyncClientConnectionManagerBuilder.create().setMaxConnTotal(2).setMaxConnPerRoute(2).build();
    }

    private static CloseableHttpAsyncClient started(CloseableHttpAsyncClient client) {
        client.start();
        return client;
    }

    private static RequestConfig leaseTimeoutOfTwoSeconds() {
        return RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofSeconds(2)).build();
    }

    @Test
    void fiftyStreamsClosedAfterTheFirstEventNeitherExhaustAPoolOfTwoNorCloseTheUsersClient() throws Exception {
        PoolingAsyncClientConnectionManager pool = poolOfTwo();
        try (CloseableHttpAsyncClient client = started(ApacheTransport.withAbortSupport(HttpAsyncClients.custom())
                        .setConnectionManager(pool)
                        .setDefaultRequestConfig(leaseTimeoutOfTwoSeconds())
                        .disableAutomaticRetries()
                        .build());
                FakeMessagesServer server = new FakeMessagesServer().start()) {
            server.respondAlways(Fixtures.headThenStall());
            long slowestOpenNanos = 0;
            try (Transport transport = ApacheTransport.of(client); Brook brook = Fixtures.brook(transport, server)) {
                for (int i = 0; i < 50; i++) {
                    long start = System.nanoTime();
                    try (MessageStream stream = brook.messages().stream(Fixtures.request())) {
                        slowestOpenNanos = Math.max(slowestOpenNanos, System.nanoTime() - start);
                        assertThat(stream.iterator().next().type()).isEqualTo("message_start");
                    }
                    // The server notices a dropped connection a moment after the client drops it (later on
                    // a busy machine): wait for that, but the pool of two must never leave more open.
                    assertThat(server.awaitOpenConnections(2, Duration.ofSeconds(5)))
                            .as("at most 2 connections open after close %d (open: %d)", i + 1, server.openConnections())
                            .isTrue();
                }
            }
            assertThat(server.requestCount()).isEqualTo(50);
            assertThat(Duration.ofNanos(slowestOpenNanos)).as("slowest stream open").isLessThan(Duration.ofSeconds(1));
            assertThat(server.awaitOpenConnections(0, Duration.ofSeconds(2))).isTrue();
            assertThat(pool.getTotalStats().getLeased()).as("leases still held").isZero();

            // Brook closed its transport and client; the user's client is still running and usable.
            server.respondAlways(ScriptedResponse.builder().status(200).header("content-type", "text/plain")
                    .body("still here").build());
            SimpleHttpResponse after = client.execute(SimpleRequestBuilder.get(server.url("/after")).build(), null)
                    .get(5, TimeUnit.SECONDS);
            assertThat(after.getBodyText()).isEqualTo("still here");
        }
    }

    /**
     * Without {@link ApacheTransport#withAbortSupport} HttpClient 5.6 does not abort an exchange on a
     * pooled connection when its future is cancelled; the fallback then fails the next callback, so a
     * stream that is still sending releases its connection as soon as the next bytes arrive.
     */
    @Test
    void withoutAbortSupportAStreamStillSendingIsReleasedByTheNextBytes() throws Exception {
        PoolingAsyncClientConnectionManager pool = poolOfTwo();
        ScriptedResponse.Builder pinging = ScriptedResponse.builder().status(200)
                .header("content-type", "text/event-stream").chunk(Fixtures.HEAD);
        for (int i = 0; i < 200; i++) {
            pinging.chunk("event: ping\ndata: {\"type\": \"ping\"}\n\n", Duration.ofMillis(50));
        }
        try (CloseableHttpAsyncClient client = started(HttpAsyncClients.custom().setConnectionManager(pool)
                        .setDefaultRequestConfig(leaseTimeoutOfTwoSeconds()).disableAutomaticRetries().build());
                FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = ApacheTransport.of(client); Brook brook = Fixtures.brook(transport, server)) {
            server.respondAlways(pinging.build());
            for (int i = 0; i < 10; i++) {
                try (MessageStream stream = brook.messages().stream(Fixtures.request())) {
                    assertThat(stream.iterator().next().type()).isEqualTo("message_start");
                }
            }
            assertThat(server.awaitOpenConnections(0, Duration.ofSeconds(2))).isTrue();
            assertThat(pool.getTotalStats().getLeased()).isZero();
        }
    }

    @Test
    void streamReadToItsEndLeavesItsConnectionInThePoolForTheNext() {
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = new ApacheTransportProvider().create(TransportConfig.defaults());
                Brook brook = Fixtures.brook(transport, server)) {
            server.respondAlways(Fixtures.whole());
            for (int i = 0; i < 5; i++) {
                try (MessageStream stream = brook.messages().stream(Fixtures.request())) {
                    assertThat(stream.finalText()).isEqualTo("first");
                }
            }
            assertThat(server.totalConnections()).as("connections opened for 5 whole streams").isEqualTo(1);
        }
    }

    @Test
    void gzipIsDecodedOnceWhetherOrNotTheClientDecompresses() throws Exception {
        try (CloseableHttpAsyncClient decompressing = started(HttpAsyncClients.createDefault());
                CloseableHttpAsyncClient passing = started(HttpAsyncClients.custom().disableContentCompression().build());
                FakeMessagesServer server = new FakeMessagesServer().start()) {
            server.respondAlways(ScriptedResponse.sseInChunks((Fixtures.HEAD + Fixtures.TAIL).getBytes(StandardCharsets.UTF_8),
                    64, Duration.ZERO).newBuilder().gzip().build());
            for (CloseableHttpAsyncClient client : List.of(decompressing, passing)) {
                try (Transport transport = ApacheTransport.of(client); Brook brook = Fixtures.brook(transport, server);
                        MessageStream stream = brook.messages().stream(Fixtures.request())) {
                    assertThat(stream.finalText()).isEqualTo("first");
                }
            }
        }
    }

    @Test
    void aSubscriberThatStopsAskingStopsTheSocketAndLosesNothing() throws Exception {
        int chunk = 64 * 1024;
        int chunks = 64; // 4 MiB
        byte[] payload = new byte[chunk];
        java.util.Arrays.fill(payload, (byte) 'x');
        ScriptedResponse.Builder big = ScriptedResponse.builder().status(200).header("content-type", "application/octet-stream");
        for (int i = 0; i < chunks; i++) {
            big.chunk(payload);
        }
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = new ApacheTransportProvider().create(TransportConfig.defaults())) {
            server.enqueue(big.build());
            try (TransportResponse response = transport.execute(Fixtures.get(server), TransportExchange.create())) {
                Flow.Publisher<ByteBuffer> body = response.bodyPublisher().orElseThrow();
                AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
                AtomicLong received = new AtomicLong();
                CompletableFuture<Void> done = new CompletableFuture<>();
                body.subscribe(new Flow.Subscriber<>() {
                    @Override
                    public void onSubscribe(Flow.Subscription s) {
                        subscription.set(s);
                        s.request(1);
                    }

                    @Override
                    public void onNext(ByteBuffer item) {
                        received.addAndGet(item.remaining());
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onComplete() {
                        done.complete(null);
                    }
                });
                // The server has 4 MiB to send; the subscriber took one buffer. (What is held meanwhile is
                // bounded by the window: ApacheStreamingResponseConsumerTest checks the grants.)
                assertThat(catchThrowable(() -> done.get(1, TimeUnit.SECONDS))).as("the body waits for demand")
                        .isInstanceOf(TimeoutException.class);
                assertThat(received.get()).as("bytes delivered to a subscriber that asked for one buffer")
                        .isPositive().isLessThanOrEqualTo(chunk);
                subscription.get().request(Long.MAX_VALUE);
                done.get(10, TimeUnit.SECONDS);
                assertThat(received.get()).isEqualTo((long) chunk * chunks);
            }
        }
    }

    /**
     * The discovered client's response timeout is only a backstop: the idle timeout plus at least 2 s
     * (the core's own clock fires first in Brook). Reached, it is reported as a SocketTimeoutException
     * after the connection was reported, for the core to name.
     */
    @Test
    void discoveredClientsResponseTimeoutIsALooserBackstopReportedAsASocketTimeout() {
        TransportConfig config = TransportConfig.builder().idleTimeout(Duration.ofMillis(300)).build();
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = new ApacheTransportProvider().create(config)) {
            server.enqueue(Fixtures.headersAfter(Duration.ofSeconds(20)));
            TransportExchange exchange = TransportExchange.create();
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> transport.execute(Fixtures.post(server.url("/v1/messages")), exchange));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(thrown).isInstanceOf(SocketTimeoutException.class);
            assertThat(exchange.isConnected()).isTrue();
            assertThat(took).as("backstop of %s", config.readBackstop())
                    .isGreaterThanOrEqualTo(config.readBackstop().minusMillis(300))
                    .isLessThan(Duration.ofSeconds(12));
        }
    }

    @Test
    void discoveredClientsConnectTimeoutIsALooserBackstopReportedAsASocketTimeoutBeforeTheConnection()
            throws Exception {
        TransportConfig config = TransportConfig.builder().connectTimeout(Duration.ofSeconds(1)).build();
        try (UnacceptingListener listener = new UnacceptingListener();
                Transport transport = new ApacheTransportProvider().create(config)) {
            TransportExchange exchange = TransportExchange.create();
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> transport.execute(Fixtures.post(listener.uri("/v1/messages")), exchange));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(thrown).isInstanceOf(SocketTimeoutException.class);
            assertThat(exchange.isConnected()).isFalse();
            assertThat(took).as("backstop of %s", config.connectBackstop())
                    .isGreaterThanOrEqualTo(config.connectBackstop().minusMillis(300))
                    .isLessThan(Duration.ofSeconds(12));
        }
    }

    @Test
    void discoveredClientEndsAStalledBodyWithASocketTimeoutError() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = new ApacheTransportProvider().create(
                        TransportConfig.builder().idleTimeout(Duration.ofMillis(300)).build())) {
            server.enqueue(Fixtures.headThenStall());
            try (TransportResponse response = transport.execute(Fixtures.get(server), TransportExchange.create())) {
                CompletableFuture<Throwable> error = new CompletableFuture<>();
                response.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
                    @Override
                    public void onSubscribe(Flow.Subscription s) {
                        s.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(ByteBuffer item) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        error.complete(t);
                    }

                    @Override
                    public void onComplete() {
                        error.complete(null);
                    }
                });
                // The read backstop (idle + 2 s), plus the I/O reactor's one-second timeout checks.
                assertThat(error.get(10, TimeUnit.SECONDS)).isInstanceOf(SocketTimeoutException.class);
            }
        }
    }

    @Test
    void executeAsyncNeedsNoExecutorAndGivesTheHeadersBeforeTheBody() throws Exception {
        CompletableFuture<Void> headersSeen = new CompletableFuture<>();
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = new ApacheTransportProvider().create(TransportConfig.defaults())) {
            server.enqueue(ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                    .header("request-id", "req_1").chunk(Fixtures.HEAD)
                    .awaitSignal(headersSeen, Duration.ofSeconds(5)).chunk(Fixtures.TAIL).build());
            TransportResponse response = transport.executeAsync(Fixtures.get(server), TransportExchange.create(), command -> {
                throw new AssertionError("the async client must not use the blocking executor");
            }).get(5, TimeUnit.SECONDS);
            try (response) {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("request-id")).contains("req_1");
                headersSeen.complete(null);
            }
        }
    }

    @Test
    void cancellingTheFutureBeforeTheHeadersAbortsTheExchange() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = new ApacheTransportProvider().create(TransportConfig.defaults())) {
            server.enqueue(ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                    .headersDelay(Duration.ofSeconds(30)).body(Fixtures.HEAD).build());
            CompletableFuture<TransportResponse> future = transport.executeAsync(Fixtures.get(server),
                    TransportExchange.create(), Runnable::run);
            server.takeRequest(Duration.ofSeconds(5)).orElseThrow();
            future.cancel(true);
            assertThat(server.awaitOpenConnections(0, Duration.ofSeconds(2))).as("server saw the close").isTrue();
        }
    }

    @Test
    void ofRejectsAClientThatWasNeverStarted() throws Exception {
        try (CloseableHttpAsyncClient client = HttpAsyncClients.createDefault()) {
            assertThatThrownBy(() -> ApacheTransport.of(client))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("The CloseableHttpAsyncClient has not been started (status INACTIVE); call client.start()"
                            + " before ApacheTransport.of(client): Brook never starts or closes a client it did not create.");
        }
    }

    @Test
    void ofAcceptsAClientJustStarted() throws Exception {
        try (CloseableHttpAsyncClient client = HttpAsyncClients.createDefault()) {
            client.start();
            assertThat(ApacheTransport.of(client).toString()).isEqualTo("ApacheTransport{user async client}");
        }
    }

    @Test
    void aClientShutDownAfterwardsFailsTheExchangeSayingSo() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().start()) {
            CloseableHttpAsyncClient client = started(HttpAsyncClients.createDefault());
            Transport transport = ApacheTransport.of(client);
            client.close(CloseMode.IMMEDIATE);
            assertThatThrownBy(() -> transport.execute(Fixtures.get(server), TransportExchange.create()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("The CloseableHttpAsyncClient is not running (status SHUT_DOWN); it was shut down.");
            assertThat(transport.executeAsync(Fixtures.get(server), TransportExchange.create(), Runnable::run))
                    .failsWithin(Duration.ofSeconds(1))
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void discoveryFindsTheApacheProviderWithPriorityTwenty() {
        TransportProvider found = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("apache"))
                .findFirst().orElseThrow();
        assertThat(found).isInstanceOf(ApacheTransportProvider.class);
        assertThat(found.priority()).isEqualTo(20);
        try (Transport transport = found.create(TransportConfig.defaults())) {
            assertThat(transport.name()).isEqualTo("apache");
            assertThat(transport.toString()).isEqualTo("ApacheTransport{owned async client}");
        }
    }

    @Test
    void closingTheDiscoveredTransportShutsItsClientDown() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().start()) {
            Transport transport = new ApacheTransportProvider().create(TransportConfig.defaults());
            transport.close();
            transport.close(); // idempotent
            assertThatThrownBy(() -> transport.execute(Fixtures.get(server), TransportExchange.create()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("it was shut down");
        }
    }

    @Test
    void abortFromAnotherThreadEndsAnExecuteWaitingForTheHeadersPromptlyAndClosesTheConnection() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = new ApacheTransportProvider().create(TransportConfig.defaults())) {
            server.enqueue(Fixtures.headersAfter(Duration.ofSeconds(20)));
            TransportExchange exchange = TransportExchange.create();
            CompletableFuture<Throwable> call = Fixtures.onNewThread(
                    () -> catchThrowable(() -> transport.execute(Fixtures.post(server.url("/v1/messages")), exchange)));
            server.takeRequest(Duration.ofSeconds(5)).orElseThrow();
            long start = System.nanoTime();
            exchange.abort();
            assertThat(call.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(server.awaitOpenConnections(0, Duration.ofSeconds(5))).as("server saw the close").isTrue();
        }
    }

    @Test
    void abortFromAnotherThreadFailsTheFutureOfExecuteAsyncPromptlyAndClosesTheConnection() throws Exception {
        try (CloseableHttpAsyncClient client = started(ApacheTransport.withAbortSupport(HttpAsyncClients.custom())
                        .disableAutomaticRetries().build());
                FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = ApacheTransport.of(client)) {
            assertAbortFailsTheFuturePromptly(server, transport);
            assertThat(server.awaitOpenConnections(0, Duration.ofSeconds(5))).as("server saw the close").isTrue();
        }
    }

    /**
     * Without {@link ApacheTransport#withAbortSupport} the future still fails at once; only the connection
     * is released late (HttpClient 5.6 ignores the cancelled Future: the next bytes from the server
     * release it, as after an early close).
     */
    @Test
    void withoutAbortSupportAnAbortStillFailsTheFuturePromptly() throws Exception {
        try (CloseableHttpAsyncClient client = started(HttpAsyncClients.custom().disableAutomaticRetries().build());
                FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = ApacheTransport.of(client)) {
            assertAbortFailsTheFuturePromptly(server, transport);
        }
    }

    private static void assertAbortFailsTheFuturePromptly(FakeMessagesServer server, Transport transport)
            throws Exception {
        server.enqueue(Fixtures.headersAfter(Duration.ofSeconds(20)));
        TransportExchange exchange = TransportExchange.create();
        CompletableFuture<TransportResponse> future = transport.executeAsync(
                Fixtures.post(server.url("/v1/messages")), exchange, command -> {
                    throw new AssertionError("the async client must not use the blocking executor");
                });
        server.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        long start = System.nanoTime();
        Fixtures.onNewThread(() -> {
            exchange.abort();
            return null;
        }).get(5, TimeUnit.SECONDS);
        assertThat(future).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anExchangeAbortedBeforeItStartsFailsAtOnceWithoutSending() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = new ApacheTransportProvider().create(TransportConfig.defaults())) {
            server.respondAlways(Fixtures.whole());
            TransportExchange exchange = TransportExchange.create();
            exchange.abort();
            assertThat(transport.executeAsync(Fixtures.post(server.url("/v1/messages")), exchange, Runnable::run))
                    .isCompletedExceptionally();
            assertThat(catchThrowable(() -> transport.execute(Fixtures.post(server.url("/v1/messages")), exchange)))
                    .isInstanceOf(IOException.class);
            assertThat(server.totalConnections()).as("connections opened").isZero();
        }
    }

    @Test
    void connectedIsReportedOnceTheRequestIsWrittenWhileTheHeadersAreAwaited() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = new ApacheTransportProvider().create(TransportConfig.defaults())) {
            server.enqueue(Fixtures.headersAfter(Duration.ofSeconds(20)));
            TransportExchange exchange = TransportExchange.create();
            CompletableFuture<TransportResponse> future = transport.executeAsync(
                    Fixtures.post(server.url("/v1/messages")), exchange, Runnable::run);
            server.takeRequest(Duration.ofSeconds(5)).orElseThrow(); // the server has read the whole request
            assertThat(future).as("still waiting for the headers").isNotDone();
            assertThat(exchange.isConnected()).isTrue();
            exchange.abort();
            assertThat(future).failsWithin(Duration.ofSeconds(5));
        }
    }

    @Test
    void connectedIsNotReportedWhileTheListenerNeverAcceptsAndAbortEndsTheConnect() throws Exception {
        try (UnacceptingListener listener = new UnacceptingListener();
                Transport transport = new ApacheTransportProvider().create(TransportConfig.defaults())) {
            Fixtures.assertNotConnectedUntilAborted(transport, listener);
        }
    }

    /** End to end: the core's clock, driven by what the transport reports, names the phase that timed out. */
    @Test
    void brooksOwnConnectAndIdleTimeoutsFireOverTheDiscoveredClientNamedByThePhase() throws Exception {
        try (UnacceptingListener listener = new UnacceptingListener();
                FakeMessagesServer server = new FakeMessagesServer().start()) {
            try (Brook brook = Fixtures.brook(new ApacheTransportProvider().create(TransportConfig.defaults()),
                    URI.create(listener.baseUrl()), Duration.ofMillis(500), Duration.ofSeconds(60))) {
                assertTimesOutAs(brook, StreamTimeoutException.Kind.CONNECT);
            }
            server.enqueue(Fixtures.headersAfter(Duration.ofSeconds(20)));
            try (Brook brook = Fixtures.brook(new ApacheTransportProvider().create(TransportConfig.defaults()),
                    server.baseUri(), Duration.ofSeconds(10), Duration.ofMillis(500))) {
                assertTimesOutAs(brook, StreamTimeoutException.Kind.IDLE);
            }
            assertThat(server.awaitOpenConnections(0, Duration.ofSeconds(5))).as("server saw the close").isTrue();
        }
    }

    private static void assertTimesOutAs(Brook brook, StreamTimeoutException.Kind kind) {
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> brook.messages().stream(Fixtures.request()).close());
        assertThat(thrown).isInstanceOf(StreamTimeoutException.class);
        assertThat(((StreamTimeoutException) thrown).kind()).isEqualTo(kind);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a 500 ms timeout").isLessThan(Duration.ofSeconds(5));
    }
}
