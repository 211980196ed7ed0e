package dev.brook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Flow control in the HTTP/2 mode: a large {@link ScriptedResponse.Builder#repeat} body goes out only as
 * fast as the client reads it, so neither side's heap holds it.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Http2FlowControlTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long MIB = 1024 * 1024;
    private static final byte[] EVENT = ("event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hello\"}}\n\n")
            .getBytes(StandardCharsets.UTF_8);

    private FakeMessagesServer server;
    private HttpClient client;

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeMessagesServer().http2().start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        server.enqueue(ScriptedResponse.json(200, "{}"));
        HttpResponse<String> upgrade = client.send(HttpRequest.newBuilder(server.url("/upgrade")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upgrade.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    private HttpResponse<InputStream> stream(long bytes) throws Exception {
        server.enqueue(ScriptedResponse.builder()
                .header("content-type", "text/event-stream")
                .repeat(EVENT, bytes / EVENT.length)
                .build());
        return client.send(HttpRequest.newBuilder(server.url("/v1/messages")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void aSlowReaderOfA200MibBodyKeepsTheHeapOfServerAndClientBounded() throws Exception {
        long before = usedHeapAfterGc();
        HttpResponse<InputStream> response = stream(200 * MIB);
        long read = 0;
        try (InputStream body = response.body()) {
            byte[] event = new byte[EVENT.length];
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) { // one event every 2 ms: about 200 KiB in all
                assertThat(body.readNBytes(event, 0, event.length)).isEqualTo(event.length);
                assertThat(event).isEqualTo(EVENT);
                read += event.length;
                Thread.sleep(2);
            }
            // Were the server generating ahead of the reader, the 200 MiB would sit in one heap or the other.
            long grown = usedHeapAfterGc() - before;
            assertThat(grown).as("heap growth in bytes after reading %d bytes slowly", read).isLessThan(64 * MIB);
            assertThat(server.openStreams()).as("the response is still being served").isEqualTo(1);
        }
        // Closing the body resets the stream: the server stops generating it.
        assertThat(server.awaitOpenStreams(0, WAIT)).isTrue();
        assertThat(read).isLessThan(200 * MIB);
    }

    @Test
    void aFastReaderGetsEveryByteOfA64MibBodyAndItsEnd() throws Exception {
        long copies = 64 * MIB / EVENT.length;
        HttpResponse<InputStream> response = stream(64 * MIB);
        long total = 0;
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                total += n;
            }
        }
        assertThat(total).isEqualTo(copies * EVENT.length);
        assertThat(server.awaitOpenStreams(0, WAIT)).isTrue();
    }
}
