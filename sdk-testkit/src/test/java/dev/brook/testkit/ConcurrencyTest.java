package dev.brook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many streams at once: every one held open until all are connected, then finished. */
// A broken server must fail a test, not hang the build. A separate thread, because the JDK 17 client's
// body InputStream does not give up on interrupt.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConcurrencyTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String START = "event: message_start\ndata: {\"type\":\"message_start\"}\n\n";
    private static final String REST = "event: content_block_delta\ndata: {\"text\":\"hi\"}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    private FakeMessagesServer server;

    @BeforeEach
    void setUp() {
        server = new FakeMessagesServer().start();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + WAIT + " waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    private ScriptedResponse heldStream(CompletableFuture<Void> allConnected) {
        return ScriptedResponse.builder()
                .header("content-type", "text/event-stream")
                .chunk(START)
                .awaitSignal(allConnected, WAIT)
                .chunk(REST.substring(0, 30))
                .chunk(REST.substring(30), Duration.ofMillis(5))
                .build();
    }

    @Test
    void twoHundredConcurrentJdkClientStreams() throws Exception {
        int streams = 200;
        CompletableFuture<Void> allConnected = new CompletableFuture<>();
        server.respondAlways(heldStream(allConnected));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            responses.add(client.sendAsync(
                    HttpRequest.newBuilder(server.url("/v1/messages?i=" + i))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        awaitTrue(() -> server.requestCount() == streams && server.openConnections() == streams,
                streams + " streams are open at once (open=" + server.openConnections() + ")");
        allConnected.complete(null);

        for (CompletableFuture<HttpResponse<String>> f : responses) {
            HttpResponse<String> r = f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(START + REST);
        }
        assertThat(server.totalConnections()).isEqualTo(streams);
        assertThat(server.requests()).hasSize(streams);
    }

    @Test
    void fiveHundredConcurrentRawStreamsAndCleanShutdown() throws Exception {
        int streams = 500;
        CompletableFuture<Void> allConnected = new CompletableFuture<>();
        server.respondAlways(heldStream(allConnected));
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < streams; i++) {
                RawClient c = new RawClient(server.port());
                clients.add(c);
                c.get("/v1/messages");
            }
            awaitTrue(() -> server.requestCount() == streams && server.openConnections() == streams,
                    streams + " streams are open at once (open=" + server.openConnections() + ")");
            for (RawClient c : clients) {
                c.readHead();
                assertThat(c.readChunk()).isEqualTo(START);
            }
            allConnected.complete(null);
            for (RawClient c : clients) {
                StringBuilder rest = new StringBuilder();
                for (String chunk = c.readChunk(); chunk != null; chunk = c.readChunk()) {
                    rest.append(chunk);
                }
                assertThat(rest.toString()).isEqualTo(REST);
            }
            assertThat(server.openConnections()).isEqualTo(streams); // keep-alive: all still open
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
        assertThat(server.awaitOpenConnections(0, WAIT)).isTrue();
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> t.getName().startsWith("brook-fake-server-" + server.port() + "-conn-"))
                .allSatisfy(t -> t.join(5_000))
                .noneMatch(Thread::isAlive);
    }
}
