package dev.brook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server's bytes on the wire and its connection accounting, seen through raw sockets. */
// A broken server must fail a test, not hang the build. A separate thread, because the JDK 17 client's
// body InputStream does not give up on interrupt.
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeMessagesServer server;

    @BeforeEach
    void setUp() {
        server = new FakeMessagesServer().start();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private void awaitOpen(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.openConnections() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(server.openConnections()).isEqualTo(expected);
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
    }

    @Test
    void closeMidBodyDeliversTheChunksThenEndsWithoutTheLastChunk() throws Exception {
        server.enqueue(ScriptedResponse.builder().chunk("event: a\n\n").closeMidBody().chunk("never").build());

        try (RawClient c = new RawClient(server.port())) {
            c.get("/");
            c.readHead();
            assertThat(c.readChunk()).isEqualTo("event: a\n\n");
            assertThat(c.readToEnd()).isEmpty(); // FIN: no terminating chunk, no more data
        }
        assertThat(server.awaitOpenConnections(0, WAIT)).isTrue();
    }

    @Test
    void resetMidBodyResetsTheConnection() throws Exception {
        server.enqueue(ScriptedResponse.builder().chunk("event: a\n\n").resetMidBody().build());

        try (RawClient c = new RawClient(server.port())) {
            c.get("/");
            c.readHead();
            c.readChunk();
            assertThatThrownBy(c::readToEnd).isInstanceOf(IOException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void stallSendsNothingWhileTheConnectionStaysOpen() throws Exception {
        server.enqueue(ScriptedResponse.builder().chunk("a").stall(Duration.ofSeconds(30)).chunk("b").build());

        try (RawClient c = new RawClient(server.port())) {
            c.get("/");
            c.readHead();
            assertThat(c.readChunk()).isEqualTo("a");
            c.socket.setSoTimeout(300);
            assertThatThrownBy(c::read).isInstanceOf(SocketTimeoutException.class);
            assertThat(server.openConnections()).isEqualTo(1);
        }
    }

    @Test
    void openConnectionsFallsToZeroAfterTheClientDisconnects() throws Exception {
        server.setDefaultResponse(ScriptedResponse.json(200, "{}"));
        RawClient first = new RawClient(server.port());
        RawClient second = new RawClient(server.port());
        awaitOpen(2);

        first.get("/");
        assertThat(first.readHead()).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: 2\r\n");
        first.close();
        assertThat(server.awaitOpenConnections(1, WAIT)).isTrue();
        second.close();

        assertThat(server.awaitOpenConnections(0, WAIT)).isTrue();
        assertThat(server.totalConnections()).isEqualTo(2);
    }

    @Test
    void clientClosingDuringAStallIsSeenAtOnce() throws Exception {
        server.enqueue(ScriptedResponse.builder().chunk("a").stall(Duration.ofSeconds(60)).build());
        RawClient c = new RawClient(server.port());
        c.get("/");
        c.readHead();
        c.readChunk();
        assertThat(server.openConnections()).isEqualTo(1);

        long start = System.nanoTime();
        c.close();

        assertThat(server.awaitOpenConnections(0, WAIT)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void clientClosingWhileChunksFlowStopsTheWriter() throws Exception {
        ScriptedResponse.Builder endless = ScriptedResponse.builder();
        for (int i = 0; i < 100_000; i++) {
            endless.chunk("event: ping\ndata: {}\n\n", Duration.ofMillis(1));
        }
        server.enqueue(endless.build());
        RawClient c = new RawClient(server.port());
        c.get("/");
        c.readHead();
        c.readChunk();

        c.close();

        assertThat(server.awaitOpenConnections(0, WAIT)).isTrue();
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
    void pipelinedRequestsOnOneConnectionAreServedInOrder() throws Exception {
        server.enqueue(ScriptedResponse.builder().chunk("one", Duration.ofMillis(100)).build());
        server.enqueue(ScriptedResponse.builder().chunk("two").build());

        try (RawClient c = new RawClient(server.port())) {
            c.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n");
            c.readHead();
            assertThat(c.readChunk()).isEqualTo("one");
            assertThat(c.readChunk()).isNull();
            c.readHead();
            assertThat(c.readChunk()).isEqualTo("two");
            assertThat(c.readChunk()).isNull();
        }
        assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly("/1", "/2");
        assertThat(server.requests()).extracting(RecordedRequest::sequenceNumber).containsExactly(0, 1);
    }

    @Test
    void chunkedRequestBodyWithExtensionsAndTrailersIsDecoded() throws Exception {
        server.enqueue(ScriptedResponse.json(200, "{}"));

        try (RawClient c = new RawClient(server.port())) {
            c.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
            assertThat(c.readHead()).startsWith("HTTP/1.1 200 OK\r\n");
        }
        RecordedRequest request = server.takeRequest(WAIT).orElseThrow();
        assertThat(request.bodyAsString()).isEqualTo("hello world");
    }

    @Test
    void malformedRequestGetsA400AndTheConnectionCloses() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.send("NONSENSE\r\n\r\n");
            String response = new String(c.readToEnd(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n")
                    .endsWith("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                            + "\"message\":\"Malformed request line: \\\"NONSENSE\\\"\"}}");
        }
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void headRequestGetsHeadersOnly() throws Exception {
        server.enqueue(ScriptedResponse.json(200, "{\"a\":1}"));
        server.enqueue(ScriptedResponse.json(200, "{}"));

        try (RawClient c = new RawClient(server.port())) {
            c.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.readHead()).contains("Content-Length: 7\r\n");
            c.get("/next"); // the connection is still usable: no body was sent after the HEAD response
            assertThat(c.readHead()).contains("Content-Length: 2\r\n");
        }
    }

    @Test
    void closeEndsEveryConnectionIncludingIdleAndStreamingOnes() throws Exception {
        server.setDefaultResponse(ScriptedResponse.builder().chunk("a").stall(Duration.ofSeconds(60)).build());
        RawClient idle = new RawClient(server.port());
        RawClient streaming = new RawClient(server.port());
        streaming.get("/");
        streaming.readHead();
        streaming.readChunk();
        awaitOpen(2);

        server.close();

        assertThat(server.openConnections()).isZero();
        assertThat(idle.read()).isEqualTo(-1);
        assertThatThrownBy(streaming::readChunk).isInstanceOf(IOException.class);
        idle.close();
        streaming.close();
    }
}
