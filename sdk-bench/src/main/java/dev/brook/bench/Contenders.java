package dev.brook.bench;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.StreamListener;
import dev.brook.core.event.ContentBlock;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.event.ToolUseBlock;
import dev.brook.core.request.MessageRequest;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The clients compared by {@link EndToEndBenchmark} and {@link LatencyBench}, each pointed at the same
 * loopback server. Every contender checks its final text and tool input against the expected values,
 * so a client that drops or garbles events fails instead of looking fast.
 */
final class Contenders {
    /** Contender names, in table order. */
    static final List<String> NAMES = List.of("raw-httpurlconnection", "raw-socket", "brook-jdk-sync",
            "brook-jdk-async", "brook-okhttp-sync", "brook-okhttp-async", "brook-apache-classic-sync",
            "brook-apache-classic-async", "brook-apache-async-sync", "brook-apache-async-async", "brook-vertx-sync",
            "brook-vertx-async", "anthropic-java-okhttp", "langchain4j-anthropic");

    static final String MODEL = "claude-bench";
    static final String PROMPT = "Tell me a story about the sea, then record notes.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Contenders() {
    }

    /** One client streaming one reply per {@link #run} call. */
    interface Contender extends AutoCloseable {
        /**
         * Streams one whole reply and checks it. {@code onDelta} runs once per text delta as the user sees
         * it (the raw reader runs it once per complete SSE event instead: it parses nothing).
         */
        void run(Runnable onDelta) throws Exception;

        @Override
        default void close() {
        }
    }

    static Contender create(String name, URI baseUrl, BenchStreams.Expected expected, long streamBytes) {
        return switch (name) {
            case "raw-httpurlconnection" -> new Raw(baseUrl, streamBytes);
            case "raw-socket" -> new RawSocket(baseUrl);
            case "brook-jdk-sync" -> new BrookSync(brook("jdk", baseUrl), expected);
            case "brook-jdk-async" -> new BrookAsync(brook("jdk", baseUrl), expected);
            case "brook-okhttp-sync" -> new BrookSync(brook("okhttp", baseUrl), expected);
            case "brook-okhttp-async" -> new BrookAsync(brook("okhttp", baseUrl), expected);
            case "brook-apache-classic-sync" -> new BrookSync(apacheClassic(baseUrl), expected);
            case "brook-apache-classic-async" -> new BrookAsync(apacheClassic(baseUrl), expected);
            case "brook-apache-async-sync" -> new BrookSync(brook("apache", baseUrl), expected);
            case "brook-apache-async-async" -> new BrookAsync(brook("apache", baseUrl), expected);
            case "brook-vertx-sync" -> new BrookSync(brook("vertx", baseUrl), expected);
            case "brook-vertx-async" -> new BrookAsync(brook("vertx", baseUrl), expected);
            case "anthropic-java-okhttp" -> new Official(baseUrl, expected);
            case "langchain4j-anthropic" -> new LangChain4j(baseUrl, expected);
            default -> throw new IllegalArgumentException("unknown contender: " + name + "; known: " + NAMES);
        };
    }

    private static Brook brook(String transport, URI baseUrl) {
        return Brook.builder().apiKey("sk-ant-fake").baseUrl(baseUrl.toString()).transport(transport)
                .maxRetries(0).build();
    }

    /**
     * Brook over a classic (blocking) Apache client of the user's, as {@code ApacheTransport.of(client)}
     * takes it; discovery makes an async Apache client instead. Brook never closes a client it did not
     * create, so the returned client's {@link Brook#close()} is wrapped to close it.
     */
    private static Brook apacheClassic(URI baseUrl) {
        org.apache.hc.client5.http.impl.classic.CloseableHttpClient client =
                org.apache.hc.client5.http.impl.classic.HttpClients.createDefault();
        CLASSIC_CLIENTS.add(client);
        return Brook.builder().apiKey("sk-ant-fake").baseUrl(baseUrl.toString())
                .transport(dev.brook.transport.apache.ApacheTransport.of(client)).maxRetries(0).build();
    }

    /** Classic Apache clients made by {@link #apacheClassic}, closed by {@link #closeClassicClients()}. */
    private static final List<java.io.Closeable> CLASSIC_CLIENTS = new java.util.concurrent.CopyOnWriteArrayList<>();

    static void closeClassicClients() {
        for (java.io.Closeable c : CLASSIC_CLIENTS) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        CLASSIC_CLIENTS.clear();
    }

    static MessageRequest brookRequest() {
        return MessageRequest.builder().model(MODEL).maxTokens(4096).addUserMessage(PROMPT).build();
    }

    static void check(String what, String text, JsonNode toolInput, BenchStreams.Expected expected) {
        if (!text.equals(expected.text())) {
            throw new IllegalStateException(what + " produced the wrong text (" + text.length() + " chars, expected "
                    + expected.text().length() + ")");
        }
        if (expected.toolInputJson() != null) {
            JsonNode want;
            try {
                want = JSON.readTree(expected.toolInputJson());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!want.equals(toolInput)) {
                throw new IllegalStateException(what + " produced the wrong tool input: " + toolInput);
            }
        }
    }

    private static JsonNode brookToolInput(Message message) {
        for (ContentBlock block : message.content()) {
            if (block instanceof ToolUseBlock use) {
                // Into the tree every contender is compared as (the others convert theirs too).
                try {
                    return JSON.readTree(use.input().toJson());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return null;
    }

    /** The lower bound: {@code HttpURLConnection} reading the body bytes, nothing decoded. */
    static final class Raw implements Contender {
        private final URI endpoint;
        private final long streamBytes;
        private final byte[] body = ("{\"model\":\"" + MODEL + "\",\"max_tokens\":4096,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}").getBytes(StandardCharsets.UTF_8);
        private final byte[] buf = new byte[64 * 1024];

        Raw(URI baseUrl, long streamBytes) {
            this.endpoint = URI.create(baseUrl + "/v1/messages");
            this.streamBytes = streamBytes;
        }

        @Override
        public void run(Runnable onEvent) throws IOException {
            HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            c.setRequestProperty("content-type", "application/json");
            c.setRequestProperty("accept", "text/event-stream");
            c.setRequestProperty("x-api-key", "sk-ant-fake");
            c.setRequestProperty("anthropic-version", "2023-06-01");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            if (c.getResponseCode() != 200) {
                throw new IllegalStateException("raw: status " + c.getResponseCode());
            }
            long total = 0;
            byte last = 0;
            try (InputStream in = c.getInputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    total += n;
                    // Count event ends ("\n\n"); cheap next to the socket read, and it lets the latency
                    // harness see events without any parsing.
                    byte prev = last;
                    for (int i = 0; i < n; i++) {
                        byte b = buf[i];
                        if (b == '\n' && prev == '\n') {
                            onEvent.run();
                        }
                        prev = b;
                    }
                    last = prev;
                }
            }
            if (streamBytes >= 0 && total != streamBytes) {
                throw new IllegalStateException("raw: read " + total + " bytes, expected " + streamBytes);
            }
        }
    }

    /**
     * The floor under every HTTP client: one kept-alive {@link Socket} with TCP_NODELAY, a pre-built
     * request written in one call, the chunked response read until its last chunk ({@code \r\n0\r\n\r\n},
     * which SSE data, using bare LF, cannot contain). No HTTP parsing beyond that.
     */
    static final class RawSocket implements Contender {
        private static final byte[] END = {'\r', '\n', '0', '\r', '\n', '\r', '\n'};
        private final String host;
        private final int port;
        private final byte[] request;
        private final byte[] buf = new byte[64 * 1024];
        private Socket socket;

        RawSocket(URI baseUrl) {
            this.host = baseUrl.getHost();
            this.port = baseUrl.getPort();
            byte[] body = ("{\"model\":\"" + MODEL + "\",\"max_tokens\":4096,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}").getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST /v1/messages HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                    + "content-type: application/json\r\naccept: text/event-stream\r\nx-api-key: sk-ant-fake\r\n"
                    + "anthropic-version: 2023-06-01\r\ncontent-length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            request = new byte[head.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
        }

        @Override
        public void run(Runnable onEvent) throws IOException {
            if (socket == null) {
                socket = new Socket(host, port);
                socket.setTcpNoDelay(true);
            }
            socket.getOutputStream().write(request);
            InputStream in = socket.getInputStream();
            int matched = 0; // bytes of END seen so far
            byte prev = 0;
            boolean inBody = false;
            int headEnd = 0; // bytes of "\r\n\r\n" seen so far
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException("raw-socket: connection closed before the last chunk");
                }
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (!inBody) {
                        headEnd = (b == (headEnd % 2 == 0 ? '\r' : '\n')) ? headEnd + 1 : (b == '\r' ? 1 : 0);
                        inBody = headEnd == 4;
                        continue;
                    }
                    if (b == '\n' && prev == '\n') {
                        onEvent.run();
                    }
                    prev = b;
                    matched = b == END[matched] ? matched + 1 : (b == END[0] ? 1 : 0);
                    if (matched == END.length) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Brook, blocking: iterates the events on the caller's thread, then takes the final message. */
    static final class BrookSync implements Contender {
        private final Brook brook;
        private final BenchStreams.Expected expected;
        private final MessageRequest request = brookRequest();

        BrookSync(Brook brook, BenchStreams.Expected expected) {
            this.brook = brook;
            this.expected = expected;
        }

        @Override
        public void run(Runnable onDelta) {
            Message message;
            try (MessageStream stream = brook.messages().stream(request)) {
                for (StreamEvent event : stream) {
                    if (event instanceof ContentBlockDeltaEvent d && d.delta() instanceof Delta.TextDelta) {
                        onDelta.run();
                    }
                }
                message = stream.finalMessage();
            }
            check("brook-" + brook.transportName() + "-sync", message.text(), brookToolInput(message), expected);
        }

        @Override
        public void close() {
            brook.close();
        }
    }

    /** Brook, non-blocking: a {@link StreamListener} with {@code onText}, then the final-message future. */
    static final class BrookAsync implements Contender {
        private final Brook brook;
        private final BenchStreams.Expected expected;
        private final MessageRequest request = brookRequest();

        BrookAsync(Brook brook, BenchStreams.Expected expected) {
            this.brook = brook;
            this.expected = expected;
        }

        @Override
        public void run(Runnable onDelta) throws Exception {
            Message message = brook.messages().streamAsync(request, new StreamListener() {
                @Override
                public void onText(String delta, CharSequence textSoFar) {
                    onDelta.run();
                }
            }).finalMessage().get(60, TimeUnit.SECONDS);
            check("brook-" + brook.transportName() + "-async", message.text(), brookToolInput(message), expected);
        }

        @Override
        public void close() {
            brook.close();
        }
    }

    /** The official SDK on its OkHttp client: {@code createStreaming} folded by its {@code MessageAccumulator}. */
    static final class Official implements Contender {
        private final AnthropicClient client;
        private final BenchStreams.Expected expected;
        private final MessageCreateParams params = MessageCreateParams.builder().model(MODEL).maxTokens(4096)
                .addUserMessage(PROMPT).build();

        Official(URI baseUrl, BenchStreams.Expected expected) {
            this.client = AnthropicOkHttpClient.builder().apiKey("sk-ant-fake").baseUrl(baseUrl.toString())
                    .maxRetries(0).timeout(Duration.ofSeconds(60)).build();
            this.expected = expected;
        }

        @Override
        public void run(Runnable onDelta) {
            MessageAccumulator accumulator = MessageAccumulator.create();
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
                stream.stream().forEach(event -> {
                    accumulator.accumulate(event);
                    if (event.isContentBlockDelta() && event.asContentBlockDelta().delta().isText()) {
                        onDelta.run();
                    }
                });
            }
            com.anthropic.models.messages.Message message = accumulator.message();
            StringBuilder text = new StringBuilder();
            JsonNode toolInput = null;
            for (com.anthropic.models.messages.ContentBlock block : message.content()) {
                if (block.isText()) {
                    text.append(block.asText().text());
                } else if (block.isToolUse()) {
                    toolInput = block.asToolUse()._input().convert(JsonNode.class);
                }
            }
            check("anthropic-java", text.toString(), toolInput, expected);
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** LangChain4j's {@code AnthropicStreamingChatModel}: partial responses, then the complete response. */
    static final class LangChain4j implements Contender {
        private final AnthropicStreamingChatModel model;
        private final BenchStreams.Expected expected;
        private final ChatRequest request = ChatRequest.builder().messages(UserMessage.from(PROMPT)).build();

        LangChain4j(URI baseUrl, BenchStreams.Expected expected) {
            this.model = AnthropicStreamingChatModel.builder().apiKey("sk-ant-fake").baseUrl(baseUrl + "/v1/")
                    .modelName(MODEL).maxTokens(4096).timeout(Duration.ofSeconds(60)).build();
            this.expected = expected;
        }

        @Override
        public void run(Runnable onDelta) throws Exception {
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            model.chat(request, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partialResponse) {
                    onDelta.run();
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            ChatResponse response = done.get(60, TimeUnit.SECONDS);
            String text = response.aiMessage().text() == null ? "" : response.aiMessage().text();
            JsonNode toolInput = null;
            for (ToolExecutionRequest call : response.aiMessage().toolExecutionRequests()) {
                toolInput = JSON.readTree(call.arguments());
            }
            check("langchain4j", text, toolInput, expected);
        }
    }
}
