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
import java.util.concurrent.CountDownLatch;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP/2 mode as the JDK {@code java.net.http} client sees it in cleartext: it upgrades its first
 * connection with {@code Upgrade: h2c}, then sends every request as a stream on it.
 */
// A separate thread, because the JDK 17 client's body InputStream does not give up on interrupt.
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Http2JdkClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeMessagesServer server;
    private HttpClient client;

    @BeforeEach
    void setUp() {
        server = new FakeMessagesServer().http2().start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(WAIT).build();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(server.url(path)).timeout(WAIT).build();
    }

    /** Upgrades the client's connection with one request, so later requests go straight to HTTP/2 streams. */
    private void upgrade() throws Exception {
        server.enqueue(ScriptedResponse.json(200, "{}"));
        HttpResponse<String> response = client.send(get("/upgrade"), HttpResponse.BodyHandlers.ofString());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        server.takeRequest(WAIT).orElseThrow();
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
    void upgradesTheFirstRequestAndServesTheScriptOverHttp2() throws Exception {
        server.enqueue(ScriptedResponse.builder()
                .status(201)
                .header("Request-Id", "req_123")
                .header("x-multi", "a")
                .header("x-multi", "b")
                .header("Connection", "keep-alive") // connection-specific: not sent over HTTP/2
                .chunk("hello ")
                .chunk("world")
                .build());

        HttpResponse<String> response = client.send(get("/v1/messages?beta=true"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("request-id")).hasValue("req_123");
        assertThat(response.headers().allValues("x-multi")).containsExactly("a", "b");
        assertThat(response.headers().firstValue("connection")).isEmpty();
        assertThat(response.body()).isEqualTo("hello world");
        RecordedRequest upgrade = server.takeRequest(WAIT).orElseThrow();
        assertThat(upgrade.protocol()).isEqualTo("HTTP/2");
        assertThat(upgrade.version()).isEqualTo("HTTP/1.1"); // it was sent as HTTP/1.1, asking to upgrade
        assertThat(upgrade.header("upgrade")).hasValue("h2c");
        assertThat(upgrade.path()).isEqualTo("/v1/messages?beta=true");
        assertThat(upgrade.sequenceNumber()).isZero();
    }

    @Test
    void laterRequestsAreStreamsOnTheUpgradedConnectionAndAreRecorded() throws Exception {
        upgrade();
        server.enqueue(ScriptedResponse.sse("data: 1\n\n"));
        String json = "{\"model\":\"claude\",\"stream\":true}";

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.url("/v1/messages"))
                        .header("x-api-key", "sk-test")
                        .header("anthropic-beta", "a")
                        .header("anthropic-beta", "b")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).isEqualTo("data: 1\n\n");
        RecordedRequest request = server.takeRequest(WAIT).orElseThrow();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.version()).isEqualTo("HTTP/2");
        assertThat(request.protocol()).isEqualTo("HTTP/2");
        assertThat(request.header("X-API-KEY")).hasValue("sk-test");
        assertThat(request.headerValues("anthropic-beta")).containsExactly("a", "b");
        assertThat(request.headers().keySet()).noneMatch(name -> name.startsWith(":"));
        assertThat(request.bodyAsString()).isEqualTo(json);
        assertThat(request.connectionIndex()).isZero();
        assertThat(request.sequenceNumber()).isEqualTo(1);
        assertThat(server.totalConnections()).isEqualTo(1);
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void eachChunkReachesTheClientBeforeTheNextIsSent() throws Exception {
        upgrade();
        CountDownLatch clientSawDelta = new CountDownLatch(1);
        server.enqueue(ScriptedResponse.builder()
                .header("content-type", "text/event-stream")
                .chunk("event: message_start\n\n")
                .chunk("event: content_block_delta\n\n", Duration.ofMillis(300))
                .awaitSignal(clientSawDelta, WAIT)
                .chunk("event: message_stop\n\n")
                .build());

        HttpResponse<InputStream> response = client.send(get("/v1/messages"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(utf8(readExactly(body, 22))).isEqualTo("event: message_start\n\n");
            long start = System.nanoTime();
            assertThat(utf8(readExactly(body, 28))).isEqualTo("event: content_block_delta\n\n");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            // the server holds the rest until this latch opens: reading the delta proves it was sent alone
            clientSawDelta.countDown();
            assertThat(utf8(body.readAllBytes())).isEqualTo("event: message_stop\n\n");
        }
    }

    @Test
    void stallAndHeadersDelayHoldTheStreamSilent() throws Exception {
        upgrade();
        server.enqueue(ScriptedResponse.builder()
                .headersDelay(Duration.ofMillis(400))
                .chunk("a")
                .stall(Duration.ofMillis(500))
                .chunk("b")
                .build());

        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(get("/"), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        try (InputStream body = response.body()) {
            assertThat(utf8(readExactly(body, 1))).isEqualTo("a");
            long afterA = System.nanoTime();
            assertThat(utf8(body.readAllBytes())).isEqualTo("b");
            assertThat(Duration.ofNanos(System.nanoTime() - afterA)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        }
    }

    @Test
    void fixedLengthSendsContentLengthAndGzipDecodes() throws Exception {
        upgrade();
        String text = "event: message_start\ndata: {}\n\n".repeat(50);
        server.enqueue(ScriptedResponse.json(429, "{\"type\":\"error\"}"));
        server.enqueue(ScriptedResponse.sseInChunks(text.getBytes(StandardCharsets.UTF_8), 97, Duration.ZERO)
                .newBuilder().gzip().fixedLength().build());

        HttpResponse<String> json = client.send(get("/a"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<byte[]> gzip = client.send(get("/b"), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(json.statusCode()).isEqualTo(429);
        assertThat(json.headers().firstValue("content-length")).hasValue("16");
        assertThat(json.body()).isEqualTo("{\"type\":\"error\"}");
        assertThat(gzip.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(gzip.headers().firstValue("content-length")).hasValue(String.valueOf(gzip.body().length));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertThat(utf8(in.readAllBytes())).isEqualTo(text);
        }
    }

    @Test
    void headAnd204EndTheStreamWithTheHeaders() throws Exception {
        upgrade();
        server.enqueue(ScriptedResponse.json(200, "{\"a\":1}"));
        server.enqueue(ScriptedResponse.builder().status(204).build());

        HttpResponse<String> head = client.send(HttpRequest.newBuilder(server.url("/h"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> noContent = client.send(get("/n"), HttpResponse.BodyHandlers.ofString());

        assertThat(head.headers().firstValue("content-length")).hasValue("7");
        assertThat(head.body()).isEmpty();
        assertThat(noContent.statusCode()).isEqualTo(204);
        assertThat(noContent.body()).isEmpty();
    }

    @Test
    void servesTheQueueInOrderThenA500SayingNothingWasScripted() throws Exception {
        upgrade();
        server.enqueue(ScriptedResponse.json(529, "{\"n\":1}"));
        server.setDefaultResponse(null);

        assertThat(client.send(get("/a"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"n\":1}");
        HttpResponse<String> next = client.send(get("/v1/models"), HttpResponse.BodyHandlers.ofString());

        assertThat(next.statusCode()).isEqualTo(500);
        assertThat(next.body()).isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":"
                + "\"FakeMessagesServer has no response scripted for GET /v1/models (request 3); "
                + "call enqueue(...), setDefaultResponse(...) or respondAlways(...)\"}}");
    }

    @Test
    void closeMidBodyTruncatesTheStreamAndClosesTheConnection() throws Exception {
        upgrade();
        CountDownLatch sawPartial = new CountDownLatch(1);
        // The JDK client drops a stream's unread bytes once its connection ends: the close waits until they were read.
        server.enqueue(ScriptedResponse.builder()
                .chunk("partial")
                .awaitSignal(sawPartial, WAIT)
                .closeMidBody()
                .chunk("never")
                .build());

        HttpResponse<InputStream> response = client.send(get("/"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(utf8(readExactly(body, 7))).isEqualTo("partial");
            sawPartial.countDown();
            assertThatThrownBy(body::read).isInstanceOf(IOException.class);
        }
        assertThat(server.awaitOpenConnections(0, WAIT)).isTrue();
    }

    @Test
    void resetMidBodyResetsOneStreamWhileAnotherOnTheConnectionCompletes() throws Exception {
        upgrade();
        CountDownLatch sawDoomed = new CountDownLatch(1);
        CountDownLatch firstFailed = new CountDownLatch(1);
        // The JDK client drops the unread bytes of a stream once it is reset: the reset waits until they were read.
        server.enqueue(ScriptedResponse.builder().chunk("doomed").awaitSignal(sawDoomed, WAIT).resetMidBody().build());
        server.enqueue(ScriptedResponse.builder()
                .chunk("survivor ")
                .awaitSignal(firstFailed, WAIT) // still open when the other stream is reset
                .chunk("done")
                .build());

        HttpResponse<InputStream> doomed = client.send(get("/doomed"), HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> survivor = client.send(get("/survivor"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream doomedBody = doomed.body(); InputStream survivorBody = survivor.body()) {
            assertThat(utf8(readExactly(survivorBody, 9))).isEqualTo("survivor ");
            assertThat(utf8(readExactly(doomedBody, 6))).isEqualTo("doomed");
            sawDoomed.countDown();
            assertThatThrownBy(doomedBody::read).isInstanceOf(IOException.class)
                    .hasRootCauseMessage("Received RST_STREAM: Internal error");
            firstFailed.countDown();
            assertThat(utf8(survivorBody.readAllBytes())).isEqualTo("done");
        }
        assertThat(server.requests()).extracting(RecordedRequest::connectionIndex).containsOnly(0);
        assertThat(server.openConnections()).isEqualTo(1);
        assertThat(server.totalConnections()).isEqualTo(1);
    }

    @Test
    void signalNeverArrivingClosesTheConnectionAfterMax() throws Exception {
        upgrade();
        server.enqueue(ScriptedResponse.builder()
                .chunk("a")
                .awaitSignal(new CountDownLatch(1), Duration.ofSeconds(1)) // time enough to read "a" first
                .chunk("b")
                .build());

        HttpResponse<InputStream> response = client.send(get("/"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(utf8(readExactly(body, 1))).isEqualTo("a");
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        }
        assertThat(server.awaitOpenConnections(0, WAIT)).isTrue();
    }

    @Test
    void clientCancellingAStreamStopsItsScriptAndKeepsTheConnection() throws Exception {
        upgrade();
        server.enqueue(ScriptedResponse.builder().chunk("event: message_start\n\n").stall(Duration.ofSeconds(60)).build());

        HttpResponse<InputStream> response = client.send(get("/v1/messages"), HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = response.body();
        readExactly(body, 22);
        assertThat(server.openStreams()).isEqualTo(1);

        body.close(); // the JDK client resets the stream (RST_STREAM), keeping the connection

        assertThat(server.awaitOpenStreams(0, WAIT)).isTrue();
        assertThat(server.openConnections()).isEqualTo(1);
        server.enqueue(ScriptedResponse.sse("data: again\n\n"));
        assertThat(client.send(get("/again"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("data: again\n\n");
        assertThat(server.totalConnections()).isEqualTo(1);
    }

    @Test
    void requestsWithoutUpgradeAreAnsweredOverHttp11FromTheSameScript() throws Exception {
        server.enqueue(ScriptedResponse.builder().header("Content-Type", "text/event-stream").chunk("data: 1\n\n").build());
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> response = http11.send(get("/v1/messages"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
        assertThat(response.body()).isEqualTo("data: 1\n\n");
        RecordedRequest request = server.takeRequest(WAIT).orElseThrow();
        assertThat(request.protocol()).isEqualTo("HTTP/1.1");
        assertThat(request.version()).isEqualTo("HTTP/1.1");
    }

    @Test
    void toStringAndStartOrderAreChecked() {
        assertThat(server.toString()).contains("http2");
        assertThatThrownBy(server::http2).isInstanceOf(IllegalStateException.class)
                .hasMessage("http2 must be called before start()");
        assertThat(server.baseUri().toString()).isEqualTo("http://127.0.0.1:" + server.port());
    }
}
