package dev.brook.transport.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportResponse;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.testkit.UnacceptingListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.Test;

/** The transport over a user's classic (blocking) client, against a real server on 127.0.0.1. */
class ApacheClassicTransportTest {

    private static CloseableHttpClient pooledClient(PoolingHttpClientConnectionManager pool, Duration responseTimeout) {
        return HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofSeconds(2)) // a leak fails fast instead of hanging
                        .setResponseTimeout(Timeout.of(responseTimeout))
                        .build())
                .disableAutomaticRetries()
                .build();
    }

    private static PoolingHttpClientConnectionManager poolOfTwo() {
        return PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(2).setMaxConnPerRoute(2).build();
    }

    @Test
    void fiftyStreamsClosedAfterTheFirstEventNeitherExhaustAPoolOfTwoNorCloseTheUsersClient() throws Exception {
        PoolingHttpClientConnectionManager pool = poolOfTwo();
        try (CloseableHttpClient client = pooledClient(pool, Duration.ofSeconds(30));
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
            assertThat(pool.getTotalStats().getLeased()).as("leases still held").isZero();

            // Brook closed its transport and client; the user's client is still open and usable.
            server.respondAlways(ScriptedResponse.builder().status(200).header("content-type", "text/plain")
                    .body("still here").build());
            String body = client.execute(new HttpGet(server.url("/after")), r -> EntityUtils.toString(r.getEntity()));
            assertThat(body).isEqualTo("still here");
        }
    }

    @Test
    void closeFromAnotherThreadUnblocksAReaderOfAStalledBodyAndClosesTheConnection() throws Exception {
        PoolingHttpClientConnectionManager pool = poolOfTwo();
        try (CloseableHttpClient client = pooledClient(pool, Duration.ofSeconds(30));
                FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = ApacheTransport.of(client)) {
            server.enqueue(Fixtures.headThenStall());
            TransportResponse response = transport.execute(Fixtures.get(server), TransportExchange.create());
            InputStream body = response.bodyStream().orElseThrow();
            byte[] head = body.readNBytes(Fixtures.HEAD.length());
            assertThat(new String(head, StandardCharsets.UTF_8)).isEqualTo(Fixtures.HEAD);
            CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> catchThrowable(body::read));
            Thread.sleep(200);
            assertThat(reader).as("the reader waits on the stalled body").isNotDone();
            long start = System.nanoTime();
            response.close();
            reader.get(1, TimeUnit.SECONDS); // returns or throws: either way it woke up
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(server.awaitOpenConnections(0, Duration.ofSeconds(2))).as("server saw the close").isTrue();
            assertThat(pool.getTotalStats().getLeased()).isZero();
        }
    }

    /**
     * Why Brook cancels the request instead of closing the response: HttpClient's own close reads the
     * rest of the body so the connection can be reused, which on a stream waits for the server.
     */
    @Test
    void apacheResponseCloseDrainsTheRestOfTheBodyWhileBrookCloseDoesNot() throws Exception {
        Duration stall = Duration.ofMillis(1500);
        ScriptedResponse slowEnd = ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                .chunk(Fixtures.HEAD).stall(stall).chunk(Fixtures.TAIL).build();
        try (CloseableHttpClient client = pooledClient(poolOfTwo(), Duration.ofSeconds(30));
                FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = ApacheTransport.of(client)) {
            server.enqueue(slowEnd);
            HttpGet get = new HttpGet(server.url("/apache"));
            ClassicHttpResponse apacheResponse = client.executeOpen(RoutingSupport.determineHost(get), get, null);
            apacheResponse.getEntity().getContent().read();
            long start = System.nanoTime();
            apacheResponse.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("Apache's own response close()")
                    .isGreaterThanOrEqualTo(stall.minusMillis(300));

            server.enqueue(slowEnd);
            TransportResponse response = transport.execute(Fixtures.get(server), TransportExchange.create());
            response.bodyStream().orElseThrow().read();
            start = System.nanoTime();
            response.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("TransportResponse.close()")
                    .isLessThan(Duration.ofMillis(300));
        }
    }

    /** The core names the timeout (idle, since the connection was reported): the transport only reports it. */
    @Test
    void responseTimeoutOfTheUsersClientBeforeTheHeadersReachesTheCoreAsASocketTimeoutAfterTheConnection()
            throws Exception {
        try (CloseableHttpClient client = pooledClient(poolOfTwo(), Duration.ofMillis(300));
                FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = ApacheTransport.of(client)) {
            server.enqueue(Fixtures.headersAfter(Duration.ofSeconds(3)));
            TransportExchange exchange = TransportExchange.create();
            Throwable thrown = catchThrowable(() -> transport.execute(Fixtures.post(server.url("/v1/messages")), exchange));
            assertThat(thrown).isInstanceOf(SocketTimeoutException.class);
            assertThat(exchange.isConnected()).as("connected() was called before the timeout").isTrue();
        }
    }

    @Test
    void responseTimeoutWhileReadingTheBodyIsASocketTimeoutFromTheStream() throws Exception {
        try (CloseableHttpClient client = pooledClient(poolOfTwo(), Duration.ofMillis(300));
                FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = ApacheTransport.of(client)) {
            server.enqueue(Fixtures.headThenStall());
            try (TransportResponse response = transport.execute(Fixtures.get(server), TransportExchange.create())) {
                InputStream body = response.bodyStream().orElseThrow();
                body.readNBytes(Fixtures.HEAD.length());
                long start = System.nanoTime();
                assertThat(catchThrowable(body::read)).isInstanceOf(SocketTimeoutException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void streamReadToItsEndLeavesItsConnectionInThePoolForTheNext() throws Exception {
        PoolingHttpClientConnectionManager pool = poolOfTwo();
        try (CloseableHttpClient client = pooledClient(pool, Duration.ofSeconds(30));
                FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = ApacheTransport.of(client); Brook brook = Fixtures.brook(transport, server)) {
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
        try (CloseableHttpClient decompressing = HttpClients.createDefault();
                CloseableHttpClient passing = HttpClients.custom().disableContentCompression().build();
                FakeMessagesServer server = new FakeMessagesServer().start()) {
            server.respondAlways(ScriptedResponse.sseInChunks((Fixtures.HEAD + Fixtures.TAIL).getBytes(StandardCharsets.UTF_8),
                    64, Duration.ZERO).newBuilder().gzip().build());
            for (CloseableHttpClient client : List.of(decompressing, passing)) {
                try (Transport transport = ApacheTransport.of(client); Brook brook = Fixtures.brook(transport, server);
                        MessageStream stream = brook.messages().stream(Fixtures.request())) {
                    assertThat(stream.finalText()).isEqualTo("first");
                }
            }
        }
    }

    @Test
    void executeAsyncWaitsOnTheGivenExecutor() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "given-executor"));
        try (CloseableHttpClient client = pooledClient(poolOfTwo(), Duration.ofSeconds(30));
                FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = ApacheTransport.of(client)) {
            server.enqueue(ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                    .header("x-test", "yes").body(Fixtures.HEAD).build());
            CompletableFuture<String> thread = new CompletableFuture<>();
            try (TransportResponse response = transport.executeAsync(Fixtures.get(server), TransportExchange.create(),
                    command -> executor.execute(() -> {
                        thread.complete(Thread.currentThread().getName());
                        command.run();
                    })).get(5, TimeUnit.SECONDS)) {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("x-test")).contains("yes");
            }
            assertThat(thread.get()).isEqualTo("given-executor");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void connectionConfigOfTheUsersClientIsKept() throws Exception {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom().setSocketTimeout(Timeout.ofMilliseconds(300)).build())
                .build();
        try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(pool).build();
                FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = ApacheTransport.of(client)) {
            server.enqueue(Fixtures.headThenStall());
            try (TransportResponse response = transport.execute(Fixtures.get(server), TransportExchange.create())) {
                InputStream body = response.bodyStream().orElseThrow();
                body.readNBytes(Fixtures.HEAD.length());
                assertThat(catchThrowable(body::read)).isInstanceOf(SocketTimeoutException.class);
            }
        }
    }

    @Test
    void abortFromAnotherThreadEndsAnExecuteWaitingForTheHeadersPromptlyAndFreesTheConnection() throws Exception {
        PoolingHttpClientConnectionManager pool = poolOfTwo();
        try (CloseableHttpClient client = pooledClient(pool, Duration.ofSeconds(60));
                FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = ApacheTransport.of(client)) {
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
            assertThat(pool.getTotalStats().getLeased()).as("leases still held").isZero();
        }
    }

    @Test
    void abortFromAnotherThreadFailsTheFutureOfExecuteAsyncPromptly() throws Exception {
        ExecutorService executor = Executors.newCachedThreadPool();
        try (CloseableHttpClient client = pooledClient(poolOfTwo(), Duration.ofSeconds(60));
                FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = ApacheTransport.of(client)) {
            server.enqueue(Fixtures.headersAfter(Duration.ofSeconds(20)));
            TransportExchange exchange = TransportExchange.create();
            CompletableFuture<TransportResponse> future = transport.executeAsync(
                    Fixtures.post(server.url("/v1/messages")), exchange, executor);
            server.takeRequest(Duration.ofSeconds(5)).orElseThrow();
            long start = System.nanoTime();
            exchange.abort();
            assertThat(future).failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(ExecutionException.class)
                    .withRootCauseInstanceOf(IOException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void anExchangeAbortedBeforeItStartsFailsAtOnceWithoutSending() throws Exception {
        try (CloseableHttpClient client = pooledClient(poolOfTwo(), Duration.ofSeconds(60));
                FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = ApacheTransport.of(client)) {
            server.respondAlways(Fixtures.whole());
            TransportExchange exchange = TransportExchange.create();
            exchange.abort();
            assertThat(catchThrowable(() -> transport.execute(Fixtures.post(server.url("/v1/messages")), exchange)))
                    .isInstanceOf(IOException.class);
            assertThat(server.totalConnections()).as("connections opened").isZero();
        }
    }

    @Test
    void connectedIsReportedOnceTheRequestIsWrittenWhileTheHeadersAreAwaited() throws Exception {
        try (CloseableHttpClient client = pooledClient(poolOfTwo(), Duration.ofSeconds(60));
                FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = ApacheTransport.of(client)) {
            server.enqueue(Fixtures.headersAfter(Duration.ofSeconds(20)));
            TransportExchange exchange = TransportExchange.create();
            CompletableFuture<Throwable> call = Fixtures.onNewThread(
                    () -> catchThrowable(() -> transport.execute(Fixtures.post(server.url("/v1/messages")), exchange)));
            server.takeRequest(Duration.ofSeconds(5)).orElseThrow(); // the server has read the whole request
            assertThat(call).as("still waiting for the headers").isNotDone();
            assertThat(exchange.isConnected()).isTrue();
            exchange.abort();
            assertThat(call.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void connectedIsNotReportedWhileTheListenerNeverAcceptsAndAbortEndsTheConnect() throws Exception {
        try (UnacceptingListener listener = new UnacceptingListener();
                CloseableHttpClient client = HttpClients.custom().disableAutomaticRetries().build();
                Transport transport = ApacheTransport.of(client)) {
            Fixtures.assertNotConnectedUntilAborted(transport, listener);
        }
    }

    /** End to end: the core's clock, driven by what the transport reports, names the phase that timed out. */
    @Test
    void brooksOwnConnectAndIdleTimeoutsFireOverTheUsersClientNamedByThePhase() throws Exception {
        try (UnacceptingListener listener = new UnacceptingListener();
                FakeMessagesServer server = new FakeMessagesServer().start();
                CloseableHttpClient client = pooledClient(poolOfTwo(), Duration.ofSeconds(60));
                Transport transport = ApacheTransport.of(client)) {
            try (Brook brook = Fixtures.brook(transport, URI.create(listener.baseUrl()), Duration.ofMillis(500), Duration.ofSeconds(60))) {
                assertTimesOutAs(brook, StreamTimeoutException.Kind.CONNECT);
            }
            server.enqueue(Fixtures.headersAfter(Duration.ofSeconds(20)));
            try (Brook brook = Fixtures.brook(transport, server.baseUri(), Duration.ofSeconds(10), Duration.ofMillis(500))) {
                assertTimesOutAs(brook, StreamTimeoutException.Kind.IDLE);
            }
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
