package dev.brook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.internal.http2.ErrorCode;
import okhttp3.internal.http2.StreamResetException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP/2 mode in cleartext with prior knowledge, as OkHttp ({@code H2_PRIOR_KNOWLEDGE}) sees it. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Http2PriorKnowledgeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private FakeMessagesServer server;
    private OkHttpClient client;

    @BeforeEach
    void setUp() {
        server = new FakeMessagesServer().http2().start();
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(1000); // OkHttp's defaults (64, 5 per host) would queue most streams
        dispatcher.setMaxRequestsPerHost(1000);
        client = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
                .dispatcher(dispatcher)
                .readTimeout(WAIT)
                .callTimeout(Duration.ofSeconds(50))
                .build();
    }

    @AfterEach
    void tearDown() {
        client.dispatcher().cancelAll();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        server.close();
    }

    private Request get(String path) {
        return new Request.Builder().url(server.url(path).toString()).build();
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

    /**
     * Reads exactly {@code n} bytes. Not with {@code readNBytes(n)}: after the last byte it asks for zero
     * more, and OkHttp's stream blocks on a zero-length read until more data comes.
     */
    private static String read(InputStream in, int n) throws IOException {
        byte[] bytes = new byte[n];
        assertThat(in.readNBytes(bytes, 0, n)).isEqualTo(n);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void speaksHttp2FromTheFirstByteAndRecordsTheStream() throws Exception {
        server.enqueue(ScriptedResponse.builder().header("Content-Type", "text/event-stream").chunk("data: 1\n\n").build());

        try (Response response = client.newCall(new Request.Builder().url(server.url("/v1/messages").toString())
                .header("x-api-key", "sk-test")
                .post(RequestBody.create("{\"stream\":true}", MediaType.get("application/json")))
                .build()).execute()) {
            assertThat(response.protocol()).isEqualTo(Protocol.H2_PRIOR_KNOWLEDGE);
            assertThat(response.header("content-type")).isEqualTo("text/event-stream");
            assertThat(response.body().string()).isEqualTo("data: 1\n\n");
        }

        RecordedRequest request = server.takeRequest(WAIT).orElseThrow();
        assertThat(request.protocol()).isEqualTo("HTTP/2");
        assertThat(request.version()).isEqualTo("HTTP/2");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("x-api-key")).hasValue("sk-test");
        assertThat(request.header("host")).isEmpty(); // :authority is a pseudo-header, not a header
        assertThat(request.bodyAsString()).isEqualTo("{\"stream\":true}");
    }

    @Test
    void resetMidBodyIsRstStreamWithInternalError() throws Exception {
        CountDownLatch sawChunk = new CountDownLatch(1);
        server.enqueue(ScriptedResponse.builder().chunk("partial").awaitSignal(sawChunk, WAIT).resetMidBody().build());

        try (Response response = client.newCall(get("/")).execute()) {
            InputStream body = response.body().byteStream();
            assertThat(read(body, 7)).isEqualTo("partial");
            sawChunk.countDown();
            assertThatThrownBy(body::read).isInstanceOfSatisfying(StreamResetException.class,
                    e -> assertThat(e.errorCode).isEqualTo(ErrorCode.INTERNAL_ERROR));
        }
        // (OkHttp itself retires a connection after a stream error, so the connection's fate is its own.)
    }

    @Test
    void fiveHundredConcurrentStreamsShareAtMostFourConnections() throws Exception {
        int streams = 500;
        try (Response warmUp = client.newCall(get("/warm-up")).execute()) { // one connection, then reused
            assertThat(warmUp.code()).isEqualTo(500);
        }
        CompletableFuture<Void> allOpen = new CompletableFuture<>();
        String rest = "event: message_stop\ndata: {}\n\n";
        server.respondAlways(ScriptedResponse.builder()
                .chunk("event: message_start\ndata: {}\n\n")
                .awaitSignal(allOpen, WAIT)
                .chunk(rest)
                .build());
        List<CompletableFuture<String>> bodies = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            CompletableFuture<String> body = new CompletableFuture<>();
            bodies.add(body);
            client.newCall(get("/v1/messages?i=" + i)).enqueue(new Callback() {
                @Override
                public void onFailure(Call call, IOException e) {
                    body.completeExceptionally(e);
                }

                @Override
                public void onResponse(Call call, Response response) throws IOException {
                    try (response) {
                        body.complete(response.body().string());
                    }
                }
            });
        }

        awaitTrue(() -> server.openStreams() == streams, streams + " streams are open at once (open="
                + server.openStreams() + ")");
        assertThat(server.totalConnections()).isLessThanOrEqualTo(4);
        assertThat(server.maxConcurrentStreamsSeen()).isGreaterThanOrEqualTo(streams / 4);
        allOpen.complete(null);
        for (CompletableFuture<String> body : bodies) {
            assertThat(body.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("event: message_start\ndata: {}\n\n" + rest);
        }
        assertThat(server.awaitOpenStreams(0, WAIT)).isTrue();
        assertThat(server.requestCount()).isEqualTo(streams + 1);
    }

    @Test
    void cancellingACallStopsItsScriptWhilePermitsStillCome() throws Exception {
        Semaphore permits = new Semaphore(1);
        byte[] chunk = "data: tick\n\n".getBytes(StandardCharsets.UTF_8);
        // Each permit is awaited up to twice the test's wait, so the script can end within WAIT only because
        // the client left, never because a permit wait ran out.
        server.enqueue(ScriptedResponse.builder()
                .chunksOnPermits(chunk, Long.MAX_VALUE, permits, WAIT.multipliedBy(2)).build());

        Call call = client.newCall(get("/v1/messages"));
        Response response = call.execute();
        InputStream body = response.body().byteStream();
        for (int i = 0; i < 3; i++) {
            assertThat(read(body, chunk.length)).isEqualTo("data: tick\n\n");
            permits.release();
        }
        call.cancel(); // RST_STREAM(CANCEL)

        // openStreams() drops only once the script's thread has left the script (NettyConnection.play's
        // finally): reaching 0 proves the reset stopped it, while it would otherwise wait for permits.
        assertThat(server.awaitOpenStreams(0, WAIT)).as("the script stopped after the client's RST_STREAM").isTrue();
        response.close();
    }
}
