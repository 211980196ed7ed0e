package dev.brook.bench;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.StreamListener;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.request.MessageRequest;
import dev.brook.core.transport.Transport;
import dev.brook.transport.apache.ApacheTransport;
import dev.brook.transport.vertx.VertxTransport;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;

/**
 * The contenders of {@code sdk-bench/scale.sh} ({@link ScaleStreams}), each written the way its user writes
 * one streaming call, with the client configured for as many concurrent streams as the ladder asks
 * ({@link #MAX_STREAMS}) wherever the library lets a user say so:
 * <ul>
 *   <li>{@code brook-jdk-async}, {@code brook-apache-async}, {@code brook-vertx-async}: {@code streamAsync}
 *       with a {@link StreamListener}'s {@code onText}; no thread per stream. The JDK client is
 *       {@link VirtualThreadStreams}'s (HTTP/1.1 on a fixed executor of 4 threads, as discovery makes it); Apache's async client has a pool
 *       of {@link #MAX_STREAMS} connections and {@link ApacheTransport#withAbortSupport}; Vert.x has two
 *       event loops (as discovery makes it) and a pool of {@link #MAX_STREAMS}.
 *   <li>{@code brook-jdk-vthreads-sync}, {@code brook-okhttp-vthreads-sync}: {@code stream(request)} iterated
 *       on a virtual thread per stream (the clients of {@link VirtualThreadStreams}).
 *   <li>{@code anthropic-java-threads-sync}: the official SDK's {@code createStreaming} read on a platform
 *       thread per stream, the way its blocking API is used concurrently.
 *   <li>{@code anthropic-java-async}: its async client's {@code createStreaming(...).subscribe(handler)}.
 *       The SDK builds its own OkHttp client: a user can give the dispatcher's executor but not its
 *       limits (64 requests in flight until the headers), and it reads each body on its stream-handler
 *       executor, a cached thread pool by default.
 *   <li>{@code langchain4j-anthropic}: {@code AnthropicStreamingChatModel.chat(request, handler)} on its
 *       default {@code java.net.http} client.
 * </ul>
 * Every contender reports each text delta's text and completes when its stream ended; the caller checks
 * the count of deltas.
 */
final class ScaleContenders {
    /** The largest ladder step: pools and dispatchers that a user sizes are sized for this many streams. */
    static final int MAX_STREAMS = 20_000;

    static final List<String> NAMES = List.of("brook-jdk-async", "brook-apache-async", "brook-vertx-async",
            "brook-jdk-vthreads-sync", "brook-okhttp-vthreads-sync", "anthropic-java-threads-sync",
            "anthropic-java-async", "langchain4j-anthropic");

    private static final String MODEL = "claude-bench";
    private static final String PROMPT = "Stream me some timestamps.";

    private ScaleContenders() {
    }

    /** How a contender's streams are run: on the caller's thread of a given kind, or without a thread. */
    enum Threads { NONE, VIRTUAL, PLATFORM }

    /** One library, configured once, opening streams. */
    interface Contender extends AutoCloseable {
        /** How {@link #stream} runs: {@link Threads#NONE} when it returns at once, else blocking on such a thread. */
        Threads threads();

        /**
         * Runs one stream of {@code deltas} text deltas (asked for as {@code max_tokens}, which the server
         * reads as the stream's length), handing each delta's text to {@code onText}; the future completes
         * when the stream ended, exceptionally when it failed. A blocking contender reads on the calling
         * thread and returns a completed future.
         */
        CompletableFuture<Void> stream(int deltas, Consumer<String> onText);

        @Override
        void close() throws Exception;
    }

    static Contender create(String name, String baseUrl, Duration streamLength) {
        return switch (name) {
            case "brook-jdk-async" -> new BrookAsync(brook(VirtualThreadStreams.transport("jdk", MAX_STREAMS), baseUrl, streamLength, List.of()));
            case "brook-apache-async" -> {
                CloseableHttpAsyncClient client = ApacheTransport.withAbortSupport(HttpAsyncClients.custom())
                        .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                                .setMaxConnTotal(MAX_STREAMS).setMaxConnPerRoute(MAX_STREAMS).build())
                        .disableAutomaticRetries()
                        .disableCookieManagement()
                        .build();
                client.start();
                yield new BrookAsync(brook(ApacheTransport.of(client), baseUrl, streamLength,
                        List.of(() -> client.close(CloseMode.IMMEDIATE))));
            }
            case "brook-vertx-async" -> {
                Vertx vertx = Vertx.vertx(new VertxOptions()
                        .setEventLoopPoolSize(Math.min(2, Runtime.getRuntime().availableProcessors()))
                        .setWorkerPoolSize(1));
                var client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(60_000),
                        new PoolOptions().setHttp1MaxSize(MAX_STREAMS).setMaxWaitQueueSize(-1));
                yield new BrookAsync(brook(VertxTransport.of(vertx, client), baseUrl, streamLength,
                        List.of(() -> vertx.close().await(10, TimeUnit.SECONDS))));
            }
            case "brook-jdk-vthreads-sync" -> new BrookSync(brook(VirtualThreadStreams.transport("jdk", MAX_STREAMS), baseUrl, streamLength, List.of()));
            case "brook-okhttp-vthreads-sync" -> new BrookSync(brook(VirtualThreadStreams.transport("okhttp", MAX_STREAMS), baseUrl, streamLength, List.of()));
            case "anthropic-java-threads-sync" -> new OfficialSync(baseUrl);
            case "anthropic-java-async" -> new OfficialAsync(baseUrl);
            case "langchain4j-anthropic" -> new LangChain4j(baseUrl);
            default -> throw new IllegalArgumentException("unknown contender: " + name + "; known: " + NAMES);
        };
    }

    /** A Brook whose failures are counted, not retried, with timeouts well beyond one paced stream. */
    private static Owned brook(Transport transport, String baseUrl, Duration streamLength, List<AutoCloseable> owned) {
        Brook brook = Brook.builder().apiKey("sk-ant-fake").baseUrl(baseUrl).transport(transport)
                .maxRetries(0)
                .connectTimeout(Duration.ofSeconds(60))
                .idleTimeout(Duration.ofSeconds(60))
                .totalTimeout(streamLength.plusMinutes(5))
                .build();
        List<AutoCloseable> all = new ArrayList<>();
        all.add(brook);
        all.addAll(owned); // Brook never closes a client it did not create
        return new Owned(brook, all);
    }

    private record Owned(Brook brook, List<AutoCloseable> resources) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            for (AutoCloseable resource : resources) {
                resource.close();
            }
        }
    }

    private static MessageRequest brookRequest(int deltas) {
        return MessageRequest.builder().model(MODEL).maxTokens(deltas).addUserMessage(PROMPT).build();
    }

    private static MessageCreateParams officialParams(int deltas) {
        return MessageCreateParams.builder().model(MODEL).maxTokens(deltas).addUserMessage(PROMPT).build();
    }

    private static final class BrookAsync implements Contender {
        private final Owned owned;

        BrookAsync(Owned owned) {
            this.owned = owned;
        }

        @Override
        public Threads threads() {
            return Threads.NONE;
        }

        @Override
        public CompletableFuture<Void> stream(int deltas, Consumer<String> onText) {
            return owned.brook().messages().streamAsync(brookRequest(deltas), new StreamListener() {
                @Override
                public void onText(String delta, CharSequence textSoFar) {
                    onText.accept(delta);
                }
            }).finalMessage().thenApply(message -> null);
        }

        @Override
        public void close() throws Exception {
            owned.close();
        }
    }

    private static final class BrookSync implements Contender {
        private final Owned owned;

        BrookSync(Owned owned) {
            this.owned = owned;
        }

        @Override
        public Threads threads() {
            return Threads.VIRTUAL;
        }

        @Override
        public CompletableFuture<Void> stream(int deltas, Consumer<String> onText) {
            try (MessageStream stream = owned.brook().messages().stream(brookRequest(deltas))) {
                for (StreamEvent event : stream) {
                    if (event instanceof ContentBlockDeltaEvent d && d.delta() instanceof Delta.TextDelta text) {
                        onText.accept(text.text());
                    }
                }
                stream.finalMessage();
                return CompletableFuture.completedFuture(null);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public void close() throws Exception {
            owned.close();
        }
    }

    private static final class OfficialSync implements Contender {
        private final AnthropicClient client;

        OfficialSync(String baseUrl) {
            client = AnthropicOkHttpClient.builder().apiKey("sk-ant-fake").baseUrl(baseUrl).maxRetries(0)
                    .timeout(Duration.ofMinutes(5)).build();
        }

        @Override
        public Threads threads() {
            return Threads.PLATFORM;
        }

        @Override
        public CompletableFuture<Void> stream(int deltas, Consumer<String> onText) {
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(officialParams(deltas))) {
                stream.stream().forEach(event -> deliverText(event, onText));
                return CompletableFuture.completedFuture(null);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private static void deliverText(RawMessageStreamEvent event, Consumer<String> onText) {
        if (event.isContentBlockDelta() && event.asContentBlockDelta().delta().isText()) {
            onText.accept(event.asContentBlockDelta().delta().asText().text());
        }
    }

    private static final class OfficialAsync implements Contender {
        private final AnthropicClientAsync client;

        OfficialAsync(String baseUrl) {
            client = AnthropicOkHttpClientAsync.builder().apiKey("sk-ant-fake").baseUrl(baseUrl).maxRetries(0)
                    .timeout(Duration.ofMinutes(5)).build();
        }

        @Override
        public Threads threads() {
            return Threads.NONE;
        }

        @Override
        public CompletableFuture<Void> stream(int deltas, Consumer<String> onText) {
            AsyncStreamResponse<RawMessageStreamEvent> response = client.messages().createStreaming(officialParams(deltas));
            response.subscribe(new AsyncStreamResponse.Handler<RawMessageStreamEvent>() {
                @Override
                public void onNext(RawMessageStreamEvent event) {
                    deliverText(event, onText);
                }

                @Override
                public void onComplete(Optional<Throwable> error) {
                    // the completion future below reports it
                }
            });
            return response.onCompleteFuture();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private static final class LangChain4j implements Contender {
        private final AnthropicStreamingChatModel model;

        LangChain4j(String baseUrl) {
            model = AnthropicStreamingChatModel.builder().apiKey("sk-ant-fake").baseUrl(baseUrl + "/v1/")
                    .modelName(MODEL).maxTokens(1024).timeout(Duration.ofMinutes(5)).build();
        }

        @Override
        public Threads threads() {
            return Threads.NONE;
        }

        @Override
        public CompletableFuture<Void> stream(int deltas, Consumer<String> onText) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            ChatRequest request = ChatRequest.builder().messages(UserMessage.from(PROMPT)).maxOutputTokens(deltas).build();
            model.chat(request, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partialResponse) {
                    onText.accept(partialResponse);
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    done.complete(null);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            return done;
        }

        @Override
        public void close() {
            // LangChain4j's model holds no resource to release
        }
    }
}
