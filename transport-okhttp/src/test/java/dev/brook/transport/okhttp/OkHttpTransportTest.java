package dev.brook.transport.okhttp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.error.ApiException;
import dev.brook.core.error.ConnectionException;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.request.MessageRequest;
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
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OkHttpTransportTest {
    private static final String API_KEY = "sk-ant-okhttp-test-key";
    private static final String START = "event: message_start\n"
            + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_ok\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-test\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n"
            + "event: content_block_start\n"
            + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"first\"}}\n\n";
    private static final String REST = "event: content_block_stop\n"
            + "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\n"
            + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
            + "\"usage\":{\"output_tokens\":2}}\n\n"
            + "event: message_stop\n"
            + "data: {\"type\":\"message_stop\"}\n\n";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeMessagesServer server;

    @BeforeEach
    void startServer() {
        server = new FakeMessagesServer().start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void discoveryFindsTheProviderAsOkhttpWithPriority30() {
        List<TransportProvider> found = new ArrayList<>();
        ServiceLoader.load(TransportProvider.class).forEach(found::add);
        assertThat(found).filteredOn(p -> p instanceof OkHttpTransportProvider).singleElement()
                .satisfies(p -> {
                    assertThat(p.name()).isEqualTo("okhttp");
                    assertThat(p.priority()).isEqualTo(30);
                });
        try (Transport transport = new OkHttpTransportProvider().create(TransportConfig.defaults())) {
            assertThat(transport.name()).isEqualTo("okhttp");
            assertThat(transport).hasToString("OkHttpTransport{owned client}");
        }
    }

    @Test
    void userClientInterceptorSeesTheRequestAndTheClientOutlivesBrook() throws Exception {
        AtomicInteger intercepted = new AtomicInteger();
        OkHttpClient userClient = new OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    intercepted.incrementAndGet();
                    return chain.proceed(chain.request().newBuilder().header("x-app-trace", "trace-42").build());
                })
                .build();
        server.enqueue(ScriptedResponse.sse(START + REST));

        try (Transport transport = OkHttpTransport.of(userClient); Brook brook = brook(transport);
                MessageStream stream = brook.messages().stream(request())) {
            assertThat(stream.finalText()).isEqualTo("first");
        }

        RecordedRequest recorded = server.takeRequest(WAIT).orElseThrow();
        assertThat(recorded.header("x-app-trace")).contains("trace-42");
        assertThat(recorded.header("x-api-key")).contains(API_KEY);
        assertThat(recorded.header("content-type")).contains("application/json");
        assertThat(intercepted).hasValue(1);
        assertThat(userClient.dispatcher().executorService().isShutdown()).isFalse();

        // Brook and its transport are closed: the user's client must still work on its own.
        server.enqueue(ScriptedResponse.json(200, "{\"ok\":true}"));
        try (Response response = userClient.newCall(new Request.Builder().url(server.url("/health").toString()).build())
                .execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).isEqualTo("{\"ok\":true}");
        }
        assertThat(intercepted).hasValue(2);
        assertThat(server.takeRequest(WAIT).orElseThrow().header("x-app-trace")).contains("trace-42");
    }

    @ParameterizedTest
    @ValueSource(strings = {"owned", "user"})
    void closingFromAnotherThreadUnblocksTheReaderAndDropsTheConnection(String clientKind) throws Exception {
        OkHttpClient userClient = new OkHttpClient();
        CompletableFuture<Void> never = new CompletableFuture<>();
        server.respondAlways(ScriptedResponse.builder()
                .header("content-type", "text/event-stream")
                .chunk(START)
                .awaitSignal(never, Duration.ofSeconds(30))
                .chunk(REST)
                .build());
        int threadsBefore = Thread.activeCount();
        int rounds = 50;
        long slowestNanos = 0;
        try (Transport transport = clientKind.equals("user") ? OkHttpTransport.of(userClient)
                : new OkHttpTransportProvider().create(TransportConfig.defaults());
                Brook brook = brook(transport)) {
            for (int i = 0; i < rounds; i++) {
                MessageStream stream = brook.messages().stream(request());
                CountDownLatch firstEvent = new CountDownLatch(1);
                AtomicInteger events = new AtomicInteger();
                AtomicReference<Throwable> readerFailure = new AtomicReference<>();
                Thread reader = new Thread(() -> {
                    try {
                        for (StreamEvent ignored : stream) {
                            events.incrementAndGet();
                            firstEvent.countDown();
                        }
                    } catch (Throwable t) {
                        readerFailure.set(t);
                    }
                }, "okhttp-test-reader-" + i);
                reader.start();
                assertThat(firstEvent.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("first event").isTrue();
                awaitBlockedInBodyRead(reader);

                long start = System.nanoTime();
                stream.close();
                reader.join(1_000);
                long took = System.nanoTime() - start;
                slowestNanos = Math.max(slowestNanos, took);

                assertThat(reader.isAlive()).as("round %d: the reader is still blocked 1 s after close", i).isFalse();
                assertThat(readerFailure.get()).as("round %d: the reader ends quietly", i).isNull();
                assertThat(events.get()).as("round %d: only the events sent before the stall", i).isEqualTo(3);
                assertThat(server.awaitOpenConnections(0, WAIT)).as("round %d: the server saw the connection closed", i)
                        .isTrue();
            }
        }
        assertThat(Duration.ofNanos(slowestNanos)).isLessThan(Duration.ofSeconds(1));
        assertThat(server.totalConnections()).as("a cancelled connection is never reused").isEqualTo(rounds);
        assertThat(server.openConnections()).isZero();
        assertThat(userClient.connectionPool().connectionCount()).isZero();
        assertThat(threadNames()).noneMatch(n -> n.startsWith("okhttp-test-reader-"));
        assertThat(Thread.activeCount() - threadsBefore).as("threads left behind after %d streams", rounds)
                .isLessThan(10);
    }

    @Test
    void onHttp2ClosingResetsOnlyTheStreamAndTheConnectionServesTheNext() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (MockWebServer h2 = new MockWebServer()) {
            h2.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
            h2.start();
            h2.enqueue(new MockResponse.Builder().addHeader("content-type", "text/event-stream")
                    .body(new StallingBody(START, release)).build());
            h2.enqueue(new MockResponse.Builder().addHeader("content-type", "text/event-stream")
                    .body(START + REST).build());
            OkHttpClient userClient = new OkHttpClient.Builder().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE)).build();
            try (Transport transport = OkHttpTransport.of(userClient);
                    Brook brook = Brook.builder().apiKey(API_KEY).baseUrl("http://" + h2.getHostName() + ":" + h2.getPort())
                            .transport(transport).maxRetries(0).build()) {
                MessageStream stream = brook.messages().stream(request());
                CountDownLatch firstEvent = new CountDownLatch(1);
                AtomicReference<Throwable> readerFailure = new AtomicReference<>();
                Thread reader = new Thread(() -> {
                    try {
                        for (StreamEvent ignored : stream) {
                            firstEvent.countDown();
                        }
                    } catch (Throwable t) {
                        readerFailure.set(t);
                    }
                }, "okhttp-test-h2-reader");
                reader.start();
                assertThat(firstEvent.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                awaitBlockedInBodyRead(reader);
                stream.close();
                reader.join(1_000);
                assertThat(reader.isAlive()).as("the reader is still blocked 1 s after close").isFalse();
                assertThat(readerFailure.get()).isNull();

                try (MessageStream next = brook.messages().stream(request())) {
                    assertThat(next.finalText()).isEqualTo("first");
                }
            } finally {
                release.countDown();
            }
            mockwebserver3.RecordedRequest first = h2.takeRequest(5, TimeUnit.SECONDS);
            mockwebserver3.RecordedRequest second = h2.takeRequest(5, TimeUnit.SECONDS);
            assertThat(second.getConnectionIndex()).as("the reset stream left the connection usable")
                    .isEqualTo(first.getConnectionIndex());
            assertThat(second.getExchangeIndex()).isEqualTo(first.getExchangeIndex() + 1);
            assertThat(userClient.connectionPool().connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void aStreamReadToItsEndReturnsItsConnectionToThePool() {
        server.respondAlways(ScriptedResponse.sse(START + REST));
        try (Transport transport = new OkHttpTransportProvider().create(TransportConfig.defaults());
                Brook brook = brook(transport)) {
            for (int i = 0; i < 3; i++) {
                try (MessageStream stream = brook.messages().stream(request())) {
                    assertThat(stream.finalText()).isEqualTo("first");
                }
            }
        }
        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(server.totalConnections()).isEqualTo(1);
    }

    @Test
    void gzipBodiesAreDecompressedTransparentlyAndStillStream() {
        CompletableFuture<Void> seen = new CompletableFuture<>();
        server.enqueue(ScriptedResponse.builder()
                .header("content-type", "text/event-stream")
                .gzip()
                .chunk(START)
                .awaitSignal(seen, WAIT)
                .chunk(REST)
                .build());
        try (Transport transport = new OkHttpTransportProvider().create(TransportConfig.defaults());
                Brook brook = brook(transport); MessageStream stream = brook.messages().stream(request())) {
            stream.textStream().forEach(text -> seen.complete(null));
            assertThat(stream.finalText()).isEqualTo("first");
        }
        assertThat(seen).isDone();
    }

    @Test
    void headersLaterThanTheIdleTimeoutGiveTheCoresIdleTimeoutBeforeOkHttpsBackstop() {
        server.enqueue(ScriptedResponse.builder().headersDelay(Duration.ofSeconds(5))
                .header("content-type", "text/event-stream").chunk(START + REST).build());
        TransportConfig config = TransportConfig.builder().idleTimeout(Duration.ofMillis(300)).build();
        try (Transport transport = new OkHttpTransportProvider().create(config);
                Brook brook = Brook.builder().apiKey(API_KEY).baseUrl(server.baseUri().toString()).transport(transport)
                        .maxRetries(0).idleTimeout(Duration.ofMillis(300)).build()) {
            Throwable thrown = catchThrowable(() -> brook.messages().stream(request()));
            assertThat(thrown).isInstanceOf(StreamTimeoutException.class)
                    .hasMessageStartingWith("Idle timeout of 300 ms expired waiting for the response from "
                            + server.url("/v1/messages") + "; the server sent nothing for that long.");
            assertThat(thrown.getCause()).as("the core's clock fired, not OkHttp's looser read timeout")
                    .isNotInstanceOf(java.net.SocketTimeoutException.class);
            assertThat(((StreamTimeoutException) thrown).kind()).isEqualTo(StreamTimeoutException.Kind.IDLE);
            assertThat(((StreamTimeoutException) thrown).timeout()).isEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void aStallMidBodyTripsTheIdleTimeoutWithTheSnapshotSoFar() {
        server.enqueue(ScriptedResponse.builder().header("content-type", "text/event-stream")
                .chunk(START).stall(Duration.ofSeconds(3)).chunk(REST).build());
        TransportConfig config = TransportConfig.builder().idleTimeout(Duration.ofMillis(300)).build();
        try (Transport transport = new OkHttpTransportProvider().create(config);
                Brook brook = Brook.builder().apiKey(API_KEY).baseUrl(server.baseUri().toString()).transport(transport)
                        .maxRetries(0).idleTimeout(Duration.ofMillis(300)).build();
                MessageStream stream = brook.messages().stream(request())) {
            Throwable thrown = catchThrowable(stream::finalMessage);
            assertThat(thrown).isInstanceOf(StreamTimeoutException.class);
            StreamTimeoutException e = (StreamTimeoutException) thrown;
            assertThat(e.kind()).isEqualTo(StreamTimeoutException.Kind.IDLE);
            assertThat(e.snapshot()).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo("msg_ok"));
        }
    }

    @Test
    void aConnectTimeoutIsReportedAsConnectKind() throws Exception {
        // A listener whose accept queue is full: the kernel drops further SYNs, so connecting hangs.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                fillAcceptQueue(full, fillers);
                URI uri = URI.create("http://127.0.0.1:" + full.getLocalPort() + "/v1/messages");
                try (Transport transport = new OkHttpTransportProvider().create(TransportConfig.defaults());
                        Brook brook = Brook.builder().apiKey(API_KEY).baseUrl("http://127.0.0.1:" + full.getLocalPort())
                                .transport(transport).maxRetries(0).connectTimeout(Duration.ofMillis(250)).build()) {
                    Throwable thrown = catchThrowable(() -> brook.messages().stream(request()));
                    assertThat(thrown).isInstanceOf(StreamTimeoutException.class)
                            .hasMessage("Connect timeout of 250 ms expired connecting to " + uri
                                    + ". Raise Brook.builder().connectTimeout(...) or check the network path.");
                    assertThat(((StreamTimeoutException) thrown).kind()).isEqualTo(StreamTimeoutException.Kind.CONNECT);
                }
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aUserCallTimeoutTighterThanBrooksFiresFirstAndIsReportedAsTheIdleTimeoutOfItsPhase() {
        server.enqueue(ScriptedResponse.builder().headersDelay(Duration.ofSeconds(3))
                .header("content-type", "text/event-stream").chunk(START + REST).build());
        OkHttpClient userClient = new OkHttpClient.Builder().callTimeout(Duration.ofMillis(300)).build();
        try (Transport transport = OkHttpTransport.of(userClient); Brook brook = brook(transport)) {
            Throwable thrown = catchThrowable(() -> brook.messages().stream(request()));
            assertThat(thrown).isInstanceOf(StreamTimeoutException.class)
                    .hasMessageContaining("The HTTP client's own timeout fired")
                    .hasMessageContaining("OkHttp call timeout");
            assertThat(((StreamTimeoutException) thrown).kind()).isEqualTo(StreamTimeoutException.Kind.IDLE);
        }
    }

    @Test
    void okHttpNeverResendsTheBodyOn408Or503() {
        // Control: a plain OkHttp POST with an ordinary body is replayed by OkHttp itself on a 408.
        OkHttpClient userClient = new OkHttpClient();
        ScriptedResponse timeout408 = ScriptedResponse.json(408, "{\"type\":\"error\",\"error\":{\"type\":\"timeout\","
                + "\"message\":\"slow\"}}");
        server.enqueue(timeout408);
        server.enqueue(ScriptedResponse.json(200, "{}"));
        try (Response response = userClient.newCall(new Request.Builder().url(server.url("/v1/messages").toString())
                .post(RequestBody.create("{}".getBytes(UTF_8), MediaType.get("application/json"))).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(server.requestCount()).as("OkHttp resent the plain POST").isEqualTo(2);

        // Through Brook, the same client sends the body once; the status reaches Brook's retry policy.
        server.enqueue(timeout408);
        server.enqueue(ScriptedResponse.builder().status(503).header("retry-after", "0")
                .header("content-type", "application/json").body("{}").build());
        try (Transport transport = OkHttpTransport.of(userClient); Brook brook = brook(transport)) {
            assertThat(catchThrowable(() -> brook.messages().stream(request())))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.statusCode()).isEqualTo(408));
            assertThat(catchThrowable(() -> brook.messages().stream(request())))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        }
        assertThat(server.requestCount()).isEqualTo(4);
    }

    @Test
    void aConnectionDroppedAfterTheRequestWasSentIsNotRetriedByOkHttp() throws Exception {
        // A server that reads each request and hangs up without answering.
        try (ServerSocket hangUp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger requests = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!hangUp.isClosed()) {
                    try (Socket s = hangUp.accept()) {
                        readRequestHead(s.getInputStream());
                        requests.incrementAndGet();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "hang-up-server");
            acceptor.start();
            try (Transport transport = OkHttpTransport.of(new OkHttpClient());
                    Brook brook = Brook.builder().apiKey(API_KEY).baseUrl("http://127.0.0.1:" + hangUp.getLocalPort())
                            .transport(transport).maxRetries(0).build()) {
                assertThat(catchThrowable(() -> brook.messages().stream(request())))
                        .isInstanceOf(ConnectionException.class);
            }
            hangUp.close();
            acceptor.join(WAIT.toMillis());
            assertThat(requests).as("requests the server received").hasValue(1);
        }
    }

    @Test
    void executeAsyncCompletesOnTheHeadersAndStreamsTheBody() throws Exception {
        CompletableFuture<Void> sawHeaders = new CompletableFuture<>();
        server.enqueue(ScriptedResponse.builder().header("content-type", "text/event-stream")
                .chunk(START).awaitSignal(sawHeaders, WAIT).chunk(REST).build());
        try (Transport transport = new OkHttpTransportProvider().create(TransportConfig.defaults())) {
            CompletableFuture<TransportResponse> future = transport.executeAsync(post(server.url("/v1/messages")), TransportExchange.create(),
                    r -> {
                        throw new AssertionError("the blocking executor is not used");
                    });
            try (TransportResponse response = future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                sawHeaders.complete(null);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
                assertThat(new String(response.bodyStream().orElseThrow().readAllBytes(), UTF_8))
                        .isEqualTo(START + REST);
            }
        }
    }

    @Test
    void cancellingTheAsyncFutureCancelsTheCall() throws Exception {
        server.enqueue(ScriptedResponse.builder().headersDelay(Duration.ofSeconds(10))
                .header("content-type", "text/event-stream").chunk(START + REST).build());
        try (Transport transport = new OkHttpTransportProvider().create(TransportConfig.defaults())) {
            CompletableFuture<TransportResponse> future = transport.executeAsync(post(server.url("/v1/messages")), TransportExchange.create(),
                    Runnable::run);
            server.takeRequest(WAIT).orElseThrow();
            assertThat(future.cancel(true)).isTrue();
            assertThat(server.awaitOpenConnections(0, WAIT)).as("the server saw the connection closed").isTrue();
        }
    }

    private Brook brook(Transport transport) {
        return Brook.builder().apiKey(API_KEY).baseUrl(server.baseUri().toString()).transport(transport)
                .maxRetries(0).build();
    }

    private static MessageRequest request() {
        return MessageRequest.builder().model("claude-test").maxTokens(64).addUserMessage("Hi").build();
    }

    private static TransportRequest post(URI uri) {
        return TransportRequest.of("POST", uri, TransportHeaders.builder()
                .set("content-type", "application/json").set("accept", "text/event-stream").build(),
                "{\"stream\":true}".getBytes(UTF_8));
    }

    /** Waits until {@code reader} is inside the transport's body read, i.e. blocked waiting for bytes. */
    private static void awaitBlockedInBodyRead(Thread reader) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (StackTraceElement frame : reader.getStackTrace()) {
                if (frame.getClassName().equals("dev.brook.core.transport.BodyStream") && frame.getMethodName().equals("read")) {
                    Thread.sleep(20); // let it reach the socket read (HTTP/1) or the stream wait (HTTP/2) below
                    return;
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("the reader never blocked in the body read");
    }

    private static void fillAcceptQueue(ServerSocket full, List<Socket> fillers) {
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            fillers.add(s);
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 200);
            } catch (java.io.IOException e) {
                return; // this connect hung: the queue is full
            }
        }
        throw new AssertionError("could not fill the accept queue");
    }

    private static void readRequestHead(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(UTF_8).endsWith("\r\n\r\n")) {
                return;
            }
        }
    }

    /** Sends {@code head}, then holds the HTTP/2 stream open until {@code release} (or 30 s). */
    private record StallingBody(String head, CountDownLatch release) implements MockResponseBody {
        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public void writeTo(BufferedSink sink) throws java.io.IOException {
            sink.writeUtf8(head);
            sink.flush();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
    }
}
