package dev.brook.tck;

import dev.brook.core.client.Brook;
import dev.brook.core.request.MessageRequest;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportResponse;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Shared set-up of the suites. */
final class Tck {
    /** A fake key: every suite checks it never leaks. */
    static final String API_KEY = "sk-ant-tck-0123456789-SECRET-abcdef";
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The {@code message_start} event that opens every stream the kit serves. */
    static final String MESSAGE_START = "event: message_start\n"
            + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_latency\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-tck\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n";
    /** A {@code ping} event, as the API sends them (with the space after the colon). */
    static final String PING = "event: ping\ndata: {\"type\": \"ping\"}\n\n";
    /** The {@code message_stop} event that ends a whole reply. */
    static final String MESSAGE_STOP = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    private Tck() {
    }

    /** A client on {@code transport} pointed at {@code server}, without retries unless a suite adds them. */
    static Brook.Builder brook(Transport transport, FakeMessagesServer server) {
        return Brook.builder()
                .apiKey(API_KEY)
                .baseUrl(server.baseUri().toString())
                .transport(transport)
                .maxRetries(0)
                .idleTimeout(TIMEOUT);
    }

    /** A 200 event stream that sends message_start, a text block start and one delta ("first"). */
    static ScriptedResponse.Builder headThen() {
        return ScriptedResponse.builder()
                .status(200)
                .header("content-type", "text/event-stream")
                .chunk(LatencySuite.HEAD.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    /** {@link #headThen()}, then {@code count} pings, one every {@code every}: a live stream that never ends. */
    static ScriptedResponse pingsAfterHead(int count, Duration every) {
        ScriptedResponse.Builder script = headThen();
        for (int i = 0; i < count; i++) {
            script.chunk(PING, every);
        }
        return script.build();
    }

    /** {@link #headThen()}, then nothing for 30 s with the connection held open. */
    static ScriptedResponse stalledAfterHead() {
        return headThen().stall(Duration.ofSeconds(30)).build();
    }

    /**
     * Waits until the server saw every exchange end: over HTTP/1.1 by its connection closing (an aborted
     * exchange cannot go back to the pool); over HTTP/2 by its stream ending, as a reset stream leaves the
     * shared connection open.
     *
     * @return whether that happened within {@code timeout}
     */
    static boolean awaitReleased(KitProtocol protocol, FakeMessagesServer server, Duration timeout)
            throws InterruptedException {
        return protocol.isHttp2() ? server.awaitOpenStreams(0, timeout) : server.awaitOpenConnections(0, timeout);
    }

    /** What {@link #awaitReleased} waits on: open connections over HTTP/1.1, open streams over HTTP/2. */
    static int held(KitProtocol protocol, FakeMessagesServer server) {
        return protocol.isHttp2() ? server.openStreams() : server.openConnections();
    }

    static MessageRequest request() {
        return MessageRequest.builder()
                .model("claude-tck")
                .maxTokens(256)
                .addUserMessage("Tell me a story.")
                .build();
    }

    /**
     * Reads a raw transport body in whichever form the transport gives, handing each piece to
     * {@code sink} as it arrives. The publisher form is read one buffer at a time, honouring demand.
     */
    static void readBody(TransportResponse response, Consumer<ByteBuffer> sink) throws Exception {
        if (response.bodyStream().isPresent()) {
            InputStream in = response.bodyStream().get();
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) >= 0; ) {
                sink.accept(ByteBuffer.wrap(buf, 0, n));
            }
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        response.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                try {
                    sink.accept(item);
                } catch (RuntimeException e) {
                    subscription.cancel();
                    done.completeExceptionally(e);
                    return;
                }
                subscription.request(1);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        } catch (TimeoutException e) {
            response.close();
            throw new AssertionError("the body did not end within " + TIMEOUT, e);
        }
    }
}
