package dev.brook.transport.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.Brook;
import dev.brook.core.request.MessageRequest;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.testkit.UnacceptingListener;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Scripts and clients shared by this module's tests. */
final class Fixtures {
    static final String HEAD = "event: message_start\n"
            + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_apache\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-test\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n"
            + "event: content_block_start\n"
            + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"first\"}}\n\n";
    static final String TAIL = "event: content_block_stop\n"
            + "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\n"
            + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
            + "\"usage\":{\"output_tokens\":2}}\n\n"
            + "event: message_stop\n"
            + "data: {\"type\":\"message_stop\"}\n\n";

    private Fixtures() {
    }

    /** The head of a reply, then nothing for 30 s: a stream that is open and silent. */
    static ScriptedResponse headThenStall() {
        return ScriptedResponse.builder()
                .status(200)
                .header("content-type", "text/event-stream")
                .chunk(HEAD.getBytes(StandardCharsets.UTF_8), Duration.ZERO)
                .stall(Duration.ofSeconds(30))
                .build();
    }

    /** A whole reply whose text is {@code first}. */
    static ScriptedResponse whole() {
        return ScriptedResponse.sse(HEAD + TAIL);
    }

    static Brook brook(Transport transport, FakeMessagesServer server) {
        return Brook.builder()
                .apiKey("sk-ant-apache-test")
                .baseUrl(server.baseUri().toString())
                .transport(transport)
                .maxRetries(0)
                .build();
    }

    /** A client of {@code baseUri} with the given connect and idle timeouts and no retries. */
    static Brook brook(Transport transport, URI baseUri, Duration connectTimeout, Duration idleTimeout) {
        return Brook.builder()
                .apiKey("sk-ant-apache-test")
                .baseUrl(baseUri.toString())
                .transport(transport)
                .connectTimeout(connectTimeout)
                .idleTimeout(idleTimeout)
                .maxRetries(0)
                .build();
    }

    static MessageRequest request() {
        return MessageRequest.builder().model("claude-test").maxTokens(64).addUserMessage("Hello").build();
    }

    static TransportRequest get(FakeMessagesServer server) {
        return TransportRequest.of("GET", server.url("/stream"), TransportHeaders.empty(), new byte[0]);
    }

    /** A POST with a JSON body, as Brook sends: the transport reports the connection when it writes the body. */
    static TransportRequest post(URI uri) {
        return TransportRequest.of("POST", uri, TransportHeaders.builder().add("content-type", "application/json").build(),
                "{\"model\":\"claude-test\"}".getBytes(StandardCharsets.UTF_8));
    }

    /** Runs {@code task} on a thread of its own (not a shared pool a busy test run may have filled). */
    static <T> CompletableFuture<T> onNewThread(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "apache-test-caller");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** Headers only after {@code delay}: an exchange that is connected and waits. */
    static ScriptedResponse headersAfter(Duration delay) {
        return ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                .headersDelay(delay).body(HEAD).build();
    }

    /**
     * Against a listener that never accepts: {@code execute} is still connecting after a while, reports
     * no connection, and ends promptly with an IOException once the exchange is aborted. The wait is a
     * window in which nothing may happen, so a slow machine only makes it less strict.
     */
    static void assertNotConnectedUntilAborted(Transport transport, UnacceptingListener listener) throws Exception {
        TransportExchange exchange = TransportExchange.create();
        CompletableFuture<Throwable> call = onNewThread(
                () -> catchThrowable(() -> transport.execute(post(listener.uri("/v1/messages")), exchange)));
        assertThat(catchThrowable(() -> call.get(300, TimeUnit.MILLISECONDS))).as("still connecting")
                .isInstanceOf(TimeoutException.class);
        assertThat(exchange.isConnected()).isFalse();
        long start = System.nanoTime();
        exchange.abort();
        assertThat(call.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(exchange.isConnected()).isFalse();
    }
}
