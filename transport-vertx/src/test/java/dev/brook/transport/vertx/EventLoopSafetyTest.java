package dev.brook.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.StreamListener;
import dev.brook.core.request.MessageRequest;
import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Brook never blocks a Vert.x event loop: blocking calls made on one fail at once with a message that
 * points to the way out, and streaming from a verticle through {@code executeBlocking} leaves Vert.x's
 * blocked-thread checker (set far more eagerly than its defaults) silent.
 */
class EventLoopSafetyTest {
    static final String SSE = "event: message_start\n"
            + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-test\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n"
            + "event: content_block_start\n"
            + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}\n\n"
            + "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" world\"}}\n\n"
            + "event: content_block_stop\n"
            + "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\n"
            + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
            + "\"usage\":{\"output_tokens\":2}}\n\n"
            + "event: message_stop\n"
            + "data: {\"type\":\"message_stop\"}\n\n";

    private Vertx vertx;
    private FakeMessagesServer server;
    private VertxTransport transport;
    private Brook brook;
    private final BlockedThreadLog blocked = new BlockedThreadLog();

    /**
     * The first connection in a JVM initialises Netty's buffer allocator on the event loop (over 100 ms on
     * a cold, busy machine): Vert.x's cold start, not Brook's doing. Pay it once, unobserved.
     */
    @BeforeAll
    static void warmUp() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                VertxTransport transport = VertxTransport.of(vertx, new HttpClientOptions());
                Brook brook = Brook.builder().apiKey("sk-test").baseUrl(server.baseUri().toString())
                        .transport(transport).build()) {
            server.enqueue(ScriptedResponse.sse(SSE));
            try (MessageStream stream = brook.messages().stream(request())) {
                stream.finalMessage();
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @BeforeEach
    void start() {
        vertx = Vertx.vertx(new VertxOptions()
                .setBlockedThreadCheckInterval(20)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(500)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(500)
                .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
        server = new FakeMessagesServer().start();
        transport = VertxTransport.of(vertx, new HttpClientOptions());
        brook = Brook.builder().apiKey("sk-test").baseUrl(server.baseUri().toString()).transport(transport)
                .maxRetries(0).build();
        blocked.attach();
    }

    @AfterEach
    void stop() throws Exception {
        blocked.detach();
        brook.close();
        transport.close();
        server.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    static MessageRequest request() {
        return MessageRequest.builder().model("claude-test").maxTokens(64).addUserMessage("Hi").build();
    }

    static String expectedMessage(String thread) {
        return "Brook's blocking MessageStream was used on a Vert.x event-loop thread (" + thread
                + "); this would block the event loop. Use brook.messages().streamAsync(...) or run the blocking "
                + "call with vertx.executeBlocking(...).";
    }

    @Test
    void openingABlockingStreamOnAnEventLoopFailsAtOnceWithTheWayOut() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        CompletableFuture<String> thread = new CompletableFuture<>();
        CompletableFuture<Long> tookNanos = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            thread.complete(Thread.currentThread().getName());
            long start = System.nanoTime();
            try {
                brook.messages().stream(request()).close();
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
            }
            tookNanos.complete(System.nanoTime() - start);
        });
        Throwable t = thrown.get(10, TimeUnit.SECONDS);
        assertThat(t).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage(expectedMessage(thread.get()));
        assertThat(thread.get()).startsWith("vert.x-eventloop-thread-");
        assertThat(Duration.ofNanos(tookNanos.get())).isLessThan(Duration.ofMillis(50));
        assertThat(server.requestCount()).as("nothing was sent").isZero();
        assertThat(blocked.records()).isEmpty();
    }

    @Test
    void readingAStreamOnAnEventLoopFailsAtOnceAndTheStreamCanStillBeReadElsewhere() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        server.enqueue(ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                .awaitSignal(release, Duration.ofSeconds(10))
                .chunk(SSE)
                .build());
        try (MessageStream stream = brook.messages().stream(request())) { // opened on the test thread: allowed
            CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            CompletableFuture<String> thread = new CompletableFuture<>();
            long[] took = new long[1];
            vertx.runOnContext(v -> {
                thread.complete(Thread.currentThread().getName());
                long start = System.nanoTime();
                try {
                    stream.iterator().hasNext(); // would wait for the server, which holds the body back
                    thrown.complete(null);
                } catch (Throwable t) {
                    thrown.complete(t);
                } finally {
                    took[0] = System.nanoTime() - start;
                }
            });
            Throwable t = thrown.get(10, TimeUnit.SECONDS);
            assertThat(t).isExactlyInstanceOf(IllegalStateException.class).hasMessage(expectedMessage(thread.get()));
            assertThat(Duration.ofNanos(took[0])).isLessThan(Duration.ofMillis(50));

            release.complete(null);
            assertThat(stream.finalText()).isEqualTo("Hello world");
        }
        assertThat(blocked.records()).isEmpty();
    }

    @Test
    void executeOnAnEventLoopFailsAtOnce() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            try {
                transport.execute(TransportRequest.of("GET", server.url("/x"), TransportHeaders.empty(), new byte[0]),
                        TransportExchange.create());
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
            }
        });
        assertThat(thrown.get(10, TimeUnit.SECONDS)).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vert.x-eventloop-thread-")
                .hasMessageContaining("vertx.executeBlocking(...)");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void verticleStreamsThroughExecuteBlockingWithoutBlockingItsEventLoop() throws Exception {
        server.enqueue(ScriptedResponse.sseByEvent(SSE.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Duration.ofMillis(30)));
        CompletableFuture<String> text = new CompletableFuture<>();
        vertx.deployVerticle(new AbstractVerticle() {
            @Override
            public void start(Promise<Void> started) {
                vertx.executeBlocking(() -> {
                    try (MessageStream stream = brook.messages().stream(request())) {
                        return stream.finalText();
                    }
                }).onComplete(ar -> {
                    if (ar.succeeded()) {
                        text.complete(ar.result());
                    } else {
                        text.completeExceptionally(ar.cause());
                    }
                });
                started.complete();
            }
        }).await(10, TimeUnit.SECONDS);
        assertThat(text.get(10, TimeUnit.SECONDS)).isEqualTo("Hello world");
        assertThat(blocked.records()).as("blocked-thread warnings: %s", blocked.records()).isEmpty();
    }

    @Test
    void verticleStreamsAsyncWithCallbacksOnItsOwnEventLoop() throws Exception {
        server.enqueue(ScriptedResponse.sseByEvent(SSE.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Duration.ofMillis(30)));
        List<String> callbackThreads = new CopyOnWriteArrayList<>();
        StringBuilder text = new StringBuilder();
        CompletableFuture<String> verticleThread = new CompletableFuture<>();
        CompletableFuture<String> finalText = new CompletableFuture<>();
        vertx.deployVerticle(new AbstractVerticle() {
            @Override
            public void start() {
                verticleThread.complete(Thread.currentThread().getName());
                brook.messages().streamAsync(request(), new StreamListener() {
                    @Override
                    public void onText(String delta, CharSequence textSoFar) {
                        callbackThreads.add(Thread.currentThread().getName());
                        text.append(delta);
                    }
                }).finalMessage().whenComplete((message, failure) -> {
                    if (failure != null) {
                        finalText.completeExceptionally(failure);
                    } else {
                        finalText.complete(text.toString());
                    }
                });
            }
        }).await(10, TimeUnit.SECONDS);
        assertThat(finalText.get(10, TimeUnit.SECONDS)).isEqualTo("Hello world");
        assertThat(callbackThreads).hasSize(2).containsOnly(verticleThread.get());
        assertThat(blocked.records()).as("blocked-thread warnings: %s", blocked.records()).isEmpty();
    }

    /** The control: the checker and this capture do see a genuinely blocked event loop. */
    @Test
    void blockedThreadCheckerIsHeardWhenAnEventLoopReallyBlocks() throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            try {
                Thread.sleep(1200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.complete(null);
        });
        done.get(10, TimeUnit.SECONDS);
        // The checker runs on its own timer thread, which a busy machine may run late.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (blocked.records().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(blocked.records()).isNotEmpty()
                .anySatisfy(r -> assertThat(r).contains("vert.x-eventloop-thread-").contains("has been blocked"));
    }

    /** What Vert.x's blocked-thread checker logs, through JUL (Vert.x's logging when no other backend is present). */
    static final class BlockedThreadLog extends Handler {
        private final Logger logger = Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker");
        private final List<String> records = new CopyOnWriteArrayList<>();

        void attach() {
            setLevel(Level.ALL);
            logger.addHandler(this);
        }

        void detach() {
            logger.removeHandler(this);
        }

        List<String> records() {
            return records;
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record.getMessage() + (record.getThrown() == null ? "" : " at " + java.util.Arrays.toString(record.getThrown().getStackTrace())));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
