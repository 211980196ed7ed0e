package dev.brook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An HTTP/2-mode server answering a client that does not ask for HTTP/2: plain HTTP/1.1 on a raw socket,
 * framed as the HTTP/1.1 server frames it.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Http2ModeHttp11Test {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeMessagesServer server;

    @BeforeEach
    void setUp() {
        server = new FakeMessagesServer().http2().start();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void eachScriptedChunkIsOneHttpChunkOnTheWire() throws Exception {
        CountDownLatch sawFirst = new CountDownLatch(1);
        server.enqueue(ScriptedResponse.builder()
                .header("Content-Type", "text/event-stream")
                .chunk("event: a\n\n")
                .awaitSignal(sawFirst, WAIT)
                .chunk("event: b\n\n")
                .build());

        try (RawClient c = new RawClient(server.port())) {
            c.get("/v1/messages");
            assertThat(c.readHead()).isEqualTo("HTTP/1.1 200 OK\r\n"
                    + "Content-Type: text/event-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            assertThat(c.readChunk()).isEqualTo("event: a\n\n");
            sawFirst.countDown();
            assertThat(c.readChunk()).isEqualTo("event: b\n\n");
            assertThat(c.readChunk()).isNull();
        }
        assertThat(server.takeRequest(WAIT).orElseThrow().protocol()).isEqualTo("HTTP/1.1");
    }

    @Test
    void keepAliveAndPipelinedRequestsAreServedInOrderOnOneConnection() throws Exception {
        server.enqueue(ScriptedResponse.builder().chunk("one", Duration.ofMillis(100)).build());
        server.enqueue(ScriptedResponse.json(200, "{}"));

        try (RawClient c = new RawClient(server.port())) {
            c.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nPOST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
            c.readHead();
            assertThat(c.readChunk()).isEqualTo("one");
            assertThat(c.readChunk()).isNull();
            assertThat(c.readHead()).contains("Content-Length: 2\r\n");
            assertThat((char) c.read()).isEqualTo('{');
        }
        assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly("/1", "/2");
        assertThat(server.requests()).extracting(RecordedRequest::sequenceNumber).containsExactly(0, 1);
        assertThat(server.requests().get(1).bodyAsString()).isEqualTo("hello");
        assertThat(server.totalConnections()).isEqualTo(1);
    }

    @Test
    void chunkedRequestBodiesAndTheirHeadersAreRecordedAsSent() throws Exception {
        server.enqueue(ScriptedResponse.json(200, "{}"));

        try (RawClient c = new RawClient(server.port())) {
            c.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            assertThat(c.readHead()).startsWith("HTTP/1.1 200 OK\r\n");
        }
        RecordedRequest request = server.takeRequest(WAIT).orElseThrow();
        assertThat(request.bodyAsString()).isEqualTo("hello world");
        assertThat(request.header("transfer-encoding")).hasValue("chunked");
        assertThat(request.header("content-length")).isEmpty();
    }

    @Test
    void closeMidBodyEndsTheConnectionAfterTheChunksSoFar() throws Exception {
        server.enqueue(ScriptedResponse.builder().chunk("event: a\n\n").closeMidBody().chunk("never").build());

        try (RawClient c = new RawClient(server.port())) {
            c.get("/");
            c.readHead();
            assertThat(c.readChunk()).isEqualTo("event: a\n\n");
            assertThat(c.readToEnd()).isEmpty();
        }
        assertThat(server.awaitOpenConnections(0, WAIT)).isTrue();
    }

    @Test
    void resetMidBodyResetsTheConnection() throws Exception {
        CountDownLatch sawChunk = new CountDownLatch(1);
        server.enqueue(ScriptedResponse.builder().chunk("event: a\n\n").awaitSignal(sawChunk, WAIT).resetMidBody().build());

        try (RawClient c = new RawClient(server.port())) {
            c.get("/");
            c.readHead();
            c.readChunk();
            sawChunk.countDown();
            assertThatThrownBy(c::readToEnd).isInstanceOf(IOException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void connectionCloseFromTheClientIsHonoured() throws Exception {
        server.enqueue(ScriptedResponse.sse("data: 1\n\n"));

        try (RawClient c = new RawClient(server.port())) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(c.readHead()).contains("Connection: close\r\n");
            assertThat(c.readChunk()).isEqualTo("data: 1\n\n");
            assertThat(c.readChunk()).isNull();
            assertThat(c.read()).isEqualTo(-1);
        }
        assertThat(server.awaitOpenConnections(0, WAIT)).isTrue();
    }

    @Test
    void malformedRequestGetsA400AndTheConnectionCloses() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("NONSENSE\r\n\r\n");
            String response = new String(c.readToEnd(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("\"type\":\"invalid_request_error\"");
        }
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void clientClosingDuringAStallIsSeenAtOnce() throws Exception {
        server.enqueue(ScriptedResponse.builder().chunk("a").stall(Duration.ofSeconds(60)).build());
        RawClient c = new RawClient(server.port());
        c.get("/");
        c.readHead();
        c.readChunk();
        assertThat(server.openStreams()).isEqualTo(1);

        c.close();

        assertThat(server.awaitOpenConnections(0, WAIT)).isTrue();
        assertThat(server.awaitOpenStreams(0, WAIT)).isTrue();
    }
}
