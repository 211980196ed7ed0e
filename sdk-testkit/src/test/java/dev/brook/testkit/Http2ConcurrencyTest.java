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

/** Many HTTP/2 streams at once on few connections, each held open until all are, counted by the server. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Http2ConcurrencyTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String START = "event: message_start\ndata: {\"type\":\"message_start\"}\n\n";
    private static final String REST = "event: content_block_delta\ndata: {\"text\":\"hi\"}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    private FakeMessagesServer server;

    @BeforeEach
    void setUp() {
        server = new FakeMessagesServer().http2().start();
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

    @Test
    void twoHundredConcurrentJdkClientStreamsShareAtMostTwoConnections() throws Exception {
        int streams = 200;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        server.enqueue(ScriptedResponse.json(200, "{}"));
        client.send(HttpRequest.newBuilder(server.url("/upgrade")).build(), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<Void> allOpen = new CompletableFuture<>();
        server.respondAlways(ScriptedResponse.builder()
                .header("content-type", "text/event-stream")
                .chunk(START)
                .awaitSignal(allOpen, WAIT)
                .chunk(REST.substring(0, 30))
                .chunk(REST.substring(30), Duration.ofMillis(5))
                .build());

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            responses.add(client.sendAsync(HttpRequest.newBuilder(server.url("/v1/messages?i=" + i))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        awaitTrue(() -> server.openStreams() == streams, streams + " streams are open at once (open="
                + server.openStreams() + ")");
        assertThat(server.totalConnections()).isLessThanOrEqualTo(2);
        assertThat(server.openConnections()).isLessThanOrEqualTo(2);
        assertThat(server.maxConcurrentStreamsSeen()).isGreaterThanOrEqualTo(streams / 2);
        allOpen.complete(null);

        for (CompletableFuture<HttpResponse<String>> f : responses) {
            HttpResponse<String> r = f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(r.body()).isEqualTo(START + REST);
        }
        assertThat(server.requests()).hasSize(streams + 1);
        assertThat(server.requests()).extracting(RecordedRequest::protocol).containsOnly("HTTP/2");
    }

    @Test
    void closeEndsEveryConnectionAndEveryScriptThread() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        server.enqueue(ScriptedResponse.json(200, "{}"));
        client.send(HttpRequest.newBuilder(server.url("/upgrade")).build(), HttpResponse.BodyHandlers.ofString());
        server.respondAlways(ScriptedResponse.builder().chunk("a").stall(Duration.ofSeconds(60)).build());
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            responses.add(client.sendAsync(HttpRequest.newBuilder(server.url("/s" + i)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        awaitTrue(() -> server.openStreams() == 20, "20 streams are open");
        int port = server.port();

        server.close();

        assertThat(server.openConnections()).isZero();
        assertThat(server.openStreams()).isZero();
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> t.getName().startsWith("brook-fake-server-" + port + "-conn-"))
                .noneMatch(Thread::isAlive);
        for (CompletableFuture<HttpResponse<String>> f : responses) {
            assertThat(f).failsWithin(WAIT);
        }
    }
}
