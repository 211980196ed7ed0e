package dev.brook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server as the JDK {@code java.net.http} client sees it. */
// A broken server must fail a test, not hang the build. A separate thread, because the JDK 17 client's
// body InputStream does not give up on interrupt.
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FakeMessagesServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeMessagesServer server;
    private HttpClient client;

    @BeforeEach
    void setUp() {
        server = new FakeMessagesServer().start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(server.url(path)).timeout(WAIT).build();
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        assertThat(bytes).hasSize(n);
        return bytes;
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void baseUriAndPortNameTheLoopbackListener() {
        assertThat(server.baseUri().toString()).isEqualTo("http://127.0.0.1:" + server.port());
        assertThat(server.url("/v1/messages").toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/v1/messages");
        assertThat(server.port()).isPositive();
    }

    @Test
    void servesScriptedStatusHeadersAndBody() throws Exception {
        server.enqueue(ScriptedResponse.builder()
                .status(201)
                .header("request-id", "req_123")
                .header("x-multi", "a")
                .header("x-multi", "b")
                .chunk("hello ")
                .chunk("world")
                .build());

        HttpResponse<String> response = client.send(get("/v1/messages"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("request-id")).hasValue("req_123");
        assertThat(response.headers().allValues("x-multi")).containsExactly("a", "b");
        assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
        assertThat(response.body()).isEqualTo("hello world");
    }

    @Test
    void sseFactoryServesAnEventStream() throws Exception {
        String body = "event: ping\ndata: {\"type\":\"ping\"}\n\n";
        server.enqueue(ScriptedResponse.sse(body));

        HttpResponse<String> response = client.send(get("/v1/messages"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void jsonFactoryServesAFixedLengthBody() throws Exception {
        server.enqueue(ScriptedResponse.json(429, "{\"type\":\"error\"}"));

        HttpResponse<String> response = client.send(get("/v1/messages"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("content-length")).hasValue("16");
        assertThat(response.headers().firstValue("transfer-encoding")).isEmpty();
        assertThat(response.body()).isEqualTo("{\"type\":\"error\"}");
    }

    @Test
    void eachChunkReachesTheClientBeforeTheNextIsSent() throws Exception {
        CountDownLatch clientSawDelta = new CountDownLatch(1);
        server.enqueue(ScriptedResponse.builder()
                .header("content-type", "text/event-stream")
                .chunk("event: message_start\n\n")
                .chunk("event: content_block_delta\n\n")
                .awaitSignal(clientSawDelta, WAIT)
                .chunk("event: message_stop\n\n")
                .build());

        HttpResponse<InputStream> response = client.send(get("/v1/messages"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            // the server holds the rest until this latch opens: reading it proves the bytes were flushed
            assertThat(utf8(readExactly(body, 22))).isEqualTo("event: message_start\n\n");
            assertThat(utf8(readExactly(body, 28))).isEqualTo("event: content_block_delta\n\n");
            assertThat(server.requestCount()).isEqualTo(1);
            clientSawDelta.countDown();
            assertThat(utf8(body.readAllBytes())).isEqualTo("event: message_stop\n\n");
        }
    }

    @Test
    void awaitSignalWithCompletableFutureGoesOnOnceCompleted() throws Exception {
        CompletableFuture<Void> go = new CompletableFuture<>();
        server.enqueue(ScriptedResponse.builder().chunk("a").awaitSignal(go, WAIT).chunk("b").build());

        HttpResponse<InputStream> response = client.send(get("/"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(utf8(readExactly(body, 1))).isEqualTo("a");
            go.complete(null);
            assertThat(utf8(body.readAllBytes())).isEqualTo("b");
        }
    }

    @Test
    void signalNeverArrivingEndsTheBodyAbruptlyAfterMax() throws Exception {
        server.enqueue(ScriptedResponse.builder()
                .chunk("a")
                .awaitSignal(new CountDownLatch(1), Duration.ofMillis(200))
                .chunk("b")
                .build());

        HttpResponse<InputStream> response = client.send(get("/"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(utf8(readExactly(body, 1))).isEqualTo("a");
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void closeMidBodyMakesTheClientFailAfterTheChunksSoFar() throws Exception {
        server.enqueue(ScriptedResponse.sse("event: message_start\n\n").newBuilder().closeMidBody().build());

        HttpResponse<InputStream> response = client.send(get("/v1/messages"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(utf8(readExactly(body, 22))).isEqualTo("event: message_start\n\n");
            assertThatThrownBy(() -> body.read()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void closeMidBodyFailsAWholeBodyRead() {
        server.enqueue(ScriptedResponse.builder().chunk("partial").closeMidBody().build());

        assertThatThrownBy(() -> client.send(get("/"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void closeMidBodyWithFixedLengthDeclaresMoreThanItSends() throws Exception {
        server.enqueue(ScriptedResponse.builder().chunk("partial").closeMidBody().fixedLength().build());

        HttpResponse<InputStream> response = client.send(get("/"), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.headers().firstValue("content-length")).hasValue("8");
        try (InputStream body = response.body()) {
            assertThat(utf8(readExactly(body, 7))).isEqualTo("partial");
            assertThatThrownBy(() -> body.read()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void resetMidBodyMakesTheClientFail() {
        server.enqueue(ScriptedResponse.builder().chunk("partial").resetMidBody().build());

        assertThatThrownBy(() -> client.send(get("/"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void stallHoldsTheConnectionSilentThenGoesOn() throws Exception {
        server.enqueue(ScriptedResponse.builder().chunk("a").stall(Duration.ofMillis(600)).chunk("b").build());

        HttpResponse<InputStream> response = client.send(get("/"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(utf8(readExactly(body, 1))).isEqualTo("a");
            long start = System.nanoTime();
            assertThat(utf8(readExactly(body, 1))).isEqualTo("b");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        }
    }

    @Test
    void chunkDelayIsHonoured() throws Exception {
        server.enqueue(ScriptedResponse.builder().chunk("a").chunk("b", Duration.ofMillis(400)).build());

        HttpResponse<InputStream> response = client.send(get("/"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            readExactly(body, 1);
            long start = System.nanoTime();
            assertThat(utf8(body.readAllBytes())).isEqualTo("b");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void headersDelayHoldsTheStatusLine() throws Exception {
        server.enqueue(ScriptedResponse.builder().headersDelay(Duration.ofMillis(400)).body("x").build());

        long start = System.nanoTime();
        HttpResponse<String> response = client.send(get("/"), HttpResponse.BodyHandlers.ofString());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.body()).isEqualTo("x");
    }

    @Test
    void gzipBodyDecodesToTheSameBytes() throws Exception {
        String text = "event: message_start\ndata: {}\n\n".repeat(50) + "event: message_stop\ndata: {}\n\n";
        server.enqueue(ScriptedResponse.sseInChunks(text.getBytes(StandardCharsets.UTF_8), 97, Duration.ZERO)
                .newBuilder().gzip().build());

        HttpResponse<byte[]> response = client.send(get("/"), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.headers().firstValue("content-encoding")).hasValue("gzip");
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            assertThat(utf8(gz.readAllBytes())).isEqualTo(text);
        }
    }

    @Test
    void gzipChunksDecompressAsSoonAsTheyArrive() throws Exception {
        CountDownLatch sawFirst = new CountDownLatch(1);
        server.enqueue(ScriptedResponse.builder()
                .gzip()
                .chunk("event: message_start\n\n")
                .awaitSignal(sawFirst, WAIT)
                .chunk("event: message_stop\n\n")
                .build());

        HttpResponse<InputStream> response = client.send(get("/"), HttpResponse.BodyHandlers.ofInputStream());
        try (GZIPInputStream body = new GZIPInputStream(response.body(), 64)) {
            assertThat(utf8(readExactly(body, 22))).isEqualTo("event: message_start\n\n");
            sawFirst.countDown();
            assertThat(utf8(body.readAllBytes())).isEqualTo("event: message_stop\n\n");
        }
    }

    @Test
    void gzipWithFixedLengthAnnouncesTheCompressedLength() throws Exception {
        server.enqueue(ScriptedResponse.builder().gzip().fixedLength().chunk("abc").chunk("def").build());

        HttpResponse<byte[]> response = client.send(get("/"), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.headers().firstValue("content-length")).hasValue(String.valueOf(response.body().length));
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            assertThat(utf8(gz.readAllBytes())).isEqualTo("abcdef");
        }
    }

    @Test
    void recordsMethodPathHeadersAndBody() throws Exception {
        server.enqueue(ScriptedResponse.sse("data: x\n\n"));
        String json = "{\"model\":\"claude\",\"stream\":true}";

        client.send(HttpRequest.newBuilder(server.url("/v1/messages?beta=true"))
                        .header("x-api-key", "sk-test")
                        .header("anthropic-version", "2023-06-01")
                        .header("anthropic-beta", "a")
                        .header("anthropic-beta", "b")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        RecordedRequest request = server.takeRequest(WAIT).orElseThrow();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/messages?beta=true");
        assertThat(request.version()).isEqualTo("HTTP/1.1");
        assertThat(request.header("X-API-KEY")).hasValue("sk-test");
        assertThat(request.header("Anthropic-Version")).hasValue("2023-06-01");
        assertThat(request.headerValues("anthropic-beta")).containsExactly("a", "b");
        assertThat(request.header("missing")).isEmpty();
        assertThat(request.header("content-length")).hasValue(String.valueOf(json.length()));
        assertThat(request.bodyAsString()).isEqualTo(json);
        assertThat(request.body()).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
        assertThat(server.requests()).containsExactly(request);
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(server.takeRequest(Duration.ofMillis(50))).isEmpty();
    }

    @Test
    void recordsAChunkedRequestBody() throws Exception {
        server.enqueue(ScriptedResponse.json(200, "{}"));
        byte[] payload = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.url("/upload"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(payload)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        RecordedRequest request = server.takeRequest(WAIT).orElseThrow();
        assertThat(request.header("transfer-encoding")).hasValue("chunked");
        assertThat(request.body()).isEqualTo(payload);
    }

    @Test
    void answersExpectContinue() throws Exception {
        server.enqueue(ScriptedResponse.json(200, "{}"));

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.url("/v1/messages"))
                        .expectContinue(true)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(server.takeRequest(WAIT).orElseThrow().bodyAsString()).isEqualTo("{\"a\":1}");
    }

    @Test
    void servesQueuedResponsesInOrderThenA500SayingNothingWasScripted() throws Exception {
        server.enqueue(ScriptedResponse.json(529, "{\"n\":1}"));
        server.enqueue(ScriptedResponse.json(200, "{\"n\":2}"));

        assertThat(client.send(get("/a"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"n\":1}");
        assertThat(client.send(get("/b"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"n\":2}");
        HttpResponse<String> third = client.send(
                HttpRequest.newBuilder(server.url("/v1/messages")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(third.statusCode()).isEqualTo(500);
        assertThat(third.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(third.body()).isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":"
                + "\"FakeMessagesServer has no response scripted for POST /v1/messages (request 3); "
                + "call enqueue(...), setDefaultResponse(...) or respondAlways(...)\"}}");
    }

    @Test
    void defaultResponseIsServedWhenTheQueueIsEmpty() throws Exception {
        server.setDefaultResponse(ScriptedResponse.json(200, "{\"default\":true}"));
        server.enqueue(ScriptedResponse.json(200, "{\"queued\":true}"));

        assertThat(client.send(get("/"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"queued\":true}");
        assertThat(client.send(get("/"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"default\":true}");
        assertThat(client.send(get("/"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"default\":true}");

        server.setDefaultResponse(null);
        assertThat(client.send(get("/"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(500);
    }

    @Test
    void respondAlwaysServesEveryRequestAndLeavesTheQueue() throws Exception {
        server.enqueue(ScriptedResponse.json(200, "{\"queued\":true}"));
        server.respondAlways(ScriptedResponse.sse("data: same\n\n"));

        for (int i = 0; i < 5; i++) {
            assertThat(client.send(get("/"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("data: same\n\n");
        }
        assertThat(server.queuedResponses()).isEqualTo(1);
        server.respondAlways(null);
        assertThat(client.send(get("/"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"queued\":true}");
    }

    @Test
    void keepAliveReusesOneConnectionForSequentialRequests() throws Exception {
        server.enqueue(ScriptedResponse.sse("data: 1\n\n"));
        server.enqueue(ScriptedResponse.json(200, "{}"));

        client.send(get("/first"), HttpResponse.BodyHandlers.ofString());
        client.send(get("/second"), HttpResponse.BodyHandlers.ofString());

        assertThat(server.totalConnections()).isEqualTo(1);
        RecordedRequest first = server.takeRequest(WAIT).orElseThrow();
        RecordedRequest second = server.takeRequest(WAIT).orElseThrow();
        assertThat(second.connectionIndex()).isEqualTo(first.connectionIndex());
        assertThat(first.sequenceNumber()).isZero();
        assertThat(second.sequenceNumber()).isEqualTo(1);
    }

    @Test
    void worksWithTheJdkClientDefaultsWhichOfferAnH2cUpgrade() throws Exception {
        server.enqueue(ScriptedResponse.sse("data: 1\n\n"));

        HttpResponse<String> response = HttpClient.newHttpClient().send(get("/"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).isEqualTo("data: 1\n\n");
    }

    @Test
    void clientDisconnectingMidStreamIsCountedClosed() throws Exception {
        server.enqueue(ScriptedResponse.builder().chunk("event: message_start\n\n").stall(Duration.ofSeconds(60)).build());

        HttpResponse<InputStream> response = client.send(get("/v1/messages"), HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = response.body();
        readExactly(body, 22);
        assertThat(server.openConnections()).isEqualTo(1);

        body.close(); // the JDK client aborts the exchange and closes its connection

        assertThat(server.awaitOpenConnections(0, Duration.ofSeconds(5))).isTrue();
        assertThat(server.totalConnections()).isEqualTo(1);
    }

    @Test
    void startTwiceOrUseBeforeStartIsRejected() {
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("FakeMessagesServer is already started on port " + server.port());
        try (FakeMessagesServer notStarted = new FakeMessagesServer()) {
            assertThatThrownBy(notStarted::baseUri).isInstanceOf(IllegalStateException.class)
                    .hasMessage("FakeMessagesServer is not started; call start() first");
        }
        server.close();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("FakeMessagesServer is closed; create a new one");
    }
}
