package dev.brook.transport.vertx;

import static dev.brook.transport.vertx.EventLoopSafetyTest.SSE;
import static dev.brook.transport.vertx.EventLoopSafetyTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.Brook;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.core.transport.TransportResponse;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.testkit.UnacceptingListener;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the transport serves the core's clock: it reports {@code connected()} once Vert.x has a connection
 * for the request, and an abort from any thread ends a wait for the headers at once, for a client Brook
 * creates and for a user's own client alike. Against the loopback {@link FakeMessagesServer}, with margins
 * wide enough for a busy machine: the headers are 20 s away, an abort must end the wait within 5 s.
 */
class VertxExchangeTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private Vertx vertx;
    private FakeMessagesServer server;
    private HttpClient userClient;
    private Transport transport;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        server = new FakeMessagesServer().start();
    }

    @AfterEach
    void stop() throws Exception {
        if (transport != null) {
            transport.close();
        }
        server.close();
        if (userClient != null) {
            userClient.close().await(10, TimeUnit.SECONDS);
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /**
     * {@code created}: the transport discovery makes, with its backstops; {@code user}: one around a user's
     * client that has no timeouts.
     */
    private Transport transport(String kind) {
        if (kind.equals("created")) {
            transport = new VertxTransportProvider().create(TransportConfig.defaults());
        } else {
            userClient = vertx.createHttpClient(new HttpClientOptions());
            transport = VertxTransport.of(vertx, userClient);
        }
        return transport;
    }

    private static ScriptedResponse headersIn20Seconds() {
        return ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                .headersDelay(Duration.ofSeconds(20)).chunk(SSE).build();
    }

    private static TransportRequest get(URI uri) {
        return TransportRequest.of("GET", uri, TransportHeaders.empty(), new byte[0]);
    }

    @ParameterizedTest(name = "{0} client")
    @ValueSource(strings = {"created", "user"})
    void abortFromAnotherThreadEndsABlockedExecuteWaitingForHeadersAndDropsTheConnection(String kind)
            throws Exception {
        Transport t = transport(kind);
        server.enqueue(headersIn20Seconds());
        TransportExchange exchange = TransportExchange.create();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                t.execute(get(server.url("/v1/messages")), exchange).close();
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        }, "blocked-caller");
        caller.start();
        assertThat(server.takeRequest(PROMPTLY)).as("the server got the request").isPresent();
        assertThat(outcome).as("still waiting for the headers").isNotDone();

        long abortedAt = System.nanoTime();
        exchange.abort(); // on the test thread, not the blocked caller's
        Throwable thrown = outcome.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - abortedAt);

        assertThat(thrown).isInstanceOf(IOException.class).hasMessageContaining("aborted");
        assertThat(took).isLessThan(PROMPTLY);
        assertThat(exchange.isConnected()).isTrue();
        assertThat(server.awaitOpenConnections(0, PROMPTLY)).as("the connection was dropped").isTrue();
        caller.join(PROMPTLY.toMillis());
    }

    @ParameterizedTest(name = "{0} client")
    @ValueSource(strings = {"created", "user"})
    void abortFromAnotherThreadFailsAnAsyncExchangeWaitingForHeaders(String kind) throws Exception {
        Transport t = transport(kind);
        server.enqueue(headersIn20Seconds());
        TransportExchange exchange = TransportExchange.create();
        CompletableFuture<TransportResponse> future = t.executeAsync(get(server.url("/v1/messages")), exchange,
                r -> {
                    throw new AssertionError("a native transport needs no blocking executor");
                });
        assertThat(server.takeRequest(PROMPTLY)).isPresent();
        assertThat(future).isNotDone();

        long abortedAt = System.nanoTime();
        Thread aborter = new Thread(exchange::abort, "aborter");
        aborter.start();
        Throwable thrown = catchThrowable(() -> future.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS));
        Duration took = Duration.ofNanos(System.nanoTime() - abortedAt);

        assertThat(thrown).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
        assertThat(took).isLessThan(PROMPTLY);
        assertThat(server.awaitOpenConnections(0, PROMPTLY)).as("the connection was dropped").isTrue();
        aborter.join(PROMPTLY.toMillis());
    }

    @ParameterizedTest(name = "{0} client")
    @ValueSource(strings = {"created", "user"})
    void connectedIsReportedWhileTheHeadersOfAnAcceptedConnectionAreAwaited(String kind) throws Exception {
        Transport t = transport(kind);
        server.enqueue(headersIn20Seconds());
        TransportExchange exchange = TransportExchange.create();
        CompletableFuture<TransportResponse> future = t.executeAsync(get(server.url("/v1/messages")), exchange,
                Runnable::run);
        assertThat(server.takeRequest(PROMPTLY)).isPresent();
        // connected() is called before the request is written, so the server having it implies the report.
        assertThat(exchange.isConnected()).isTrue();
        assertThat(future).as("the headers are still 20 s away").isNotDone();
        exchange.abort();
        assertThat(catchThrowable(() -> future.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS)))
                .hasCauseInstanceOf(IOException.class);
    }

    @ParameterizedTest(name = "{0} client")
    @ValueSource(strings = {"created", "user"})
    void connectedIsNotReportedAgainstAListenerThatNeverAcceptsAndAnAbortStillEndsTheWait(String kind)
            throws Exception {
        Transport t = transport(kind);
        try (UnacceptingListener full = new UnacceptingListener()) {
            TransportExchange exchange = TransportExchange.create();
            CompletableFuture<TransportResponse> future = t.executeAsync(get(full.uri("/v1/messages")), exchange,
                    Runnable::run);
            assertThat(catchThrowable(() -> future.get(300, TimeUnit.MILLISECONDS))).as("still connecting")
                    .isInstanceOf(TimeoutException.class);
            assertThat(exchange.isConnected()).isFalse();

            long abortedAt = System.nanoTime();
            exchange.abort();
            Throwable thrown = catchThrowable(() -> future.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS));
            assertThat(Duration.ofNanos(System.nanoTime() - abortedAt)).isLessThan(PROMPTLY);
            assertThat(thrown).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
            assertThat(future).isCompletedExceptionally();
            assertThat(exchange.isConnected()).isFalse();
        }
    }

    @Test
    void anExchangeAbortedBeforeItStartsFailsAtOnceAndOpensNoConnection() throws Exception {
        Transport t = transport("created");
        server.enqueue(ScriptedResponse.sse(SSE));
        TransportExchange exchange = TransportExchange.create();
        exchange.abort();
        long start = System.nanoTime();
        Throwable sync = catchThrowable(() -> t.execute(get(server.url("/v1/messages")), exchange));
        CompletableFuture<TransportResponse> async = t.executeAsync(get(server.url("/v1/messages")), exchange,
                Runnable::run);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
        assertThat(sync).isInstanceOf(IOException.class).hasMessageContaining("aborted");
        assertThat(async).isCompletedExceptionally();
        assertThat(server.takeRequest(Duration.ofMillis(300))).as("nothing was sent").isEmpty();
        assertThat(server.totalConnections()).isZero();
        assertThat(exchange.isConnected()).isFalse();
    }

    @Test
    void aUserClientWithoutTimeoutsIsBoundedByBrooksIdleTimeoutWhileWaitingForHeaders() throws Exception {
        userClient = vertx.createHttpClient(new HttpClientOptions());
        transport = VertxTransport.of(vertx, userClient);
        try (Brook brook = Brook.builder().apiKey("sk-test").baseUrl(server.baseUri().toString()).transport(transport)
                .idleTimeout(Duration.ofMillis(500)).maxRetries(0).build()) {
            server.enqueue(headersIn20Seconds());
            Throwable sync = catchThrowable(() -> brook.messages().stream(request()).close());
            assertThat(sync).isInstanceOf(StreamTimeoutException.class)
                    .hasMessageStartingWith("Idle timeout of 500 ms expired waiting for the response from");
            assertThat(((StreamTimeoutException) sync).kind()).isEqualTo(StreamTimeoutException.Kind.IDLE);

            server.enqueue(headersIn20Seconds());
            Throwable async = catchThrowable(() -> brook.messages().streamAsync(request()).finalMessage()
                    .get(PROMPTLY.toMillis() * 2, TimeUnit.MILLISECONDS));
            assertThat(async).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(StreamTimeoutException.class);
            assertThat(((StreamTimeoutException) async.getCause()).kind()).isEqualTo(StreamTimeoutException.Kind.IDLE);
            assertThat(server.awaitOpenConnections(0, PROMPTLY)).as("both connections were dropped").isTrue();
        }
    }

    @Test
    void aUserClientsTighterConnectTimeoutFiresFirstAndIsReportedAsAConnectTimeout() throws Exception {
        transport = VertxTransport.of(vertx, new HttpClientOptions().setConnectTimeout(300));
        try (UnacceptingListener full = new UnacceptingListener();
                Brook brook = Brook.builder().apiKey("sk-test").baseUrl(full.baseUrl()).transport(transport)
                        .connectTimeout(Duration.ofSeconds(20)).maxRetries(0).build()) {
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> brook.messages().stream(request()).close());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(thrown).isInstanceOf(StreamTimeoutException.class)
                    .hasMessageStartingWith("The HTTP client's own timeout fired");
            assertThat(((StreamTimeoutException) thrown).kind()).isEqualTo(StreamTimeoutException.Kind.CONNECT);
            assertThat(took).isLessThan(Duration.ofSeconds(10));
        }
    }
}
