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
import dev.brook.core.transport.DaemonThreads;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.SelfSignedTls;
import dev.brook.transport.apache.ApacheTransport;
import dev.brook.transport.jdk.JdkTransport;
import dev.brook.transport.okhttp.OkHttpTransport;
import dev.brook.transport.vertx.VertxTransport;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http2.HttpVersionPolicy;

/**
 * The clients compared by {@link EndToEndBenchmark} and {@link LatencyBench}, each pointed at the same
 * loopback server. Every contender checks its final text and tool input against the expected values,
 * so a client that drops or garbles events fails instead of looking fast.
 *
 * <p>A contender's name says what it speaks ({@link #wire(String)}): a part {@code h2c} is HTTP/2 in
 * cleartext with prior knowledge, {@code h2} HTTP/2 over TLS (ALPN), {@code tls} HTTP/1.1 over TLS, and
 * every other name HTTP/1.1 in cleartext. {@link #server(String)} makes the matching server.
 */
final class Contenders {
    /** Contender names over HTTP/1.1 in cleartext, in table order: the ones {@link LatencyBench} can serve. */
    static final List<String> NAMES = List.of("raw-httpurlconnection", "raw-socket", "brook-jdk-sync",
            "brook-jdk-async", "brook-okhttp-sync", "brook-okhttp-async", "brook-apache-classic-sync",
            "brook-apache-classic-async", "brook-apache-async-sync", "brook-apache-async-async", "brook-vertx-sync",
            "brook-vertx-async", "anthropic-java-okhttp", "langchain4j-anthropic");

    /**
     * Brook over HTTP/2 on each transport that has it (and the JDK's HTTP/1.1 over TLS, which its h2 rows
     * need beside them, since the JDK client speaks HTTP/2 in cleartext only by an upgrade): the JDK over TLS,
     * the others in cleartext by prior knowledge. Apache classic has no HTTP/2. First the lower bound over
     * HTTP/2: OkHttp reading the body bytes, nothing decoded.
     */
    static final List<String> HTTP2_NAMES = List.of("raw-okhttp-h2c", "brook-jdk-tls-sync", "brook-jdk-h2-sync", "brook-jdk-h2-async",
            "brook-okhttp-h2c-sync", "brook-okhttp-h2c-async", "brook-apache-async-h2c-sync",
            "brook-apache-async-h2c-async", "brook-vertx-h2c-sync", "brook-vertx-h2c-async");

    /** What a contender speaks to its server. */
    enum Wire {
        HTTP_1_1("HTTP/1.1"), HTTP_1_1_TLS("HTTP/1.1"), H2C("HTTP/2"), H2_TLS("HTTP/2");

        /** The protocol the test kit's server must record for the contender's requests. */
        final String protocol;

        Wire(String protocol) {
            this.protocol = protocol;
        }
    }

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
            case "raw-okhttp-h2c" -> new RawOkHttpH2c(baseUrl, streamBytes);
            case "brook-jdk-tls-sync" -> new BrookSync(jdkOverTls(baseUrl, HttpClient.Version.HTTP_1_1), expected);
            case "brook-jdk-h2-sync" -> new BrookSync(jdkOverTls(baseUrl, HttpClient.Version.HTTP_2), expected);
            case "brook-jdk-h2-async" -> new BrookAsync(jdkOverTls(baseUrl, HttpClient.Version.HTTP_2), expected);
            case "brook-okhttp-h2c-sync" -> new BrookSync(okHttpH2c(baseUrl), expected);
            case "brook-okhttp-h2c-async" -> new BrookAsync(okHttpH2c(baseUrl), expected);
            case "brook-apache-async-h2c-sync" -> new BrookSync(apacheAsyncH2c(baseUrl), expected);
            case "brook-apache-async-h2c-async" -> new BrookAsync(apacheAsyncH2c(baseUrl), expected);
            case "brook-vertx-h2c-sync" -> new BrookSync(vertxH2c(baseUrl), expected);
            case "brook-vertx-h2c-async" -> new BrookAsync(vertxH2c(baseUrl), expected);
            case "anthropic-java-okhttp" -> new Official(baseUrl, expected);
            case "langchain4j-anthropic" -> new LangChain4j(baseUrl, expected);
            default -> throw new IllegalArgumentException("unknown contender: " + name + "; known: " + NAMES + " and "
                    + HTTP2_NAMES);
        };
    }

    /** What contender {@code name} speaks, by the parts of its name (see the class documentation). */
    static Wire wire(String name) {
        List<String> parts = List.of(name.split("-"));
        if (parts.contains("h2c")) {
            return Wire.H2C;
        }
        if (parts.contains("h2")) {
            return Wire.H2_TLS;
        }
        return parts.contains("tls") ? Wire.HTTP_1_1_TLS : Wire.HTTP_1_1;
    }

    /** A test kit server, not started, that speaks what contender {@code name} speaks. */
    static FakeMessagesServer server(String name) {
        FakeMessagesServer server = new FakeMessagesServer();
        Wire wire = wire(name);
        if (wire == Wire.H2C || wire == Wire.H2_TLS) {
            server.http2();
        }
        if (wire == Wire.HTTP_1_1_TLS || wire == Wire.H2_TLS) {
            server.useTls(SelfSignedTls.get().serverContext());
        }
        return server;
    }

    private static Brook brook(String transport, URI baseUrl) {
        return Brook.builder().apiKey("sk-ant-fake").baseUrl(baseUrl.toString()).transport(transport)
                .maxRetries(0).build();
    }

    private static Brook brookOver(Transport transport, URI baseUrl) {
        return Brook.builder().apiKey("sk-ant-fake").baseUrl(baseUrl.toString()).transport(transport).maxRetries(0)
                .build();
    }

    /**
     * Brook over a classic (blocking) Apache client of the user's, as {@code ApacheTransport.of(client)}
     * takes it; discovery makes an async Apache client instead.
     */
    private static Brook apacheClassic(URI baseUrl) {
        CloseableHttpClient client = HttpClients.createDefault();
        USER_CLIENTS.add(client);
        return brookOver(ApacheTransport.of(client), baseUrl);
    }

    /**
     * Brook over a JDK client of the user's that trusts the test kit's certificate, speaking {@code version}
     * (HTTP/2 by ALPN {@code h2}, or HTTP/1.1); its executor is bounded as the one discovery makes, so
     * these rows differ from {@code brook-jdk-*} only in TLS and the protocol.
     */
    private static Brook jdkOverTls(URI baseUrl, HttpClient.Version version) {
        ExecutorService executor = Executors.newFixedThreadPool(
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), new DaemonThreads("bench-jdk-tls"));
        USER_CLIENTS.add(executor::shutdownNow);
        HttpClient client = HttpClient.newBuilder()
                .version(version)
                .sslContext(SelfSignedTls.get().clientContext())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        return brookOver(JdkTransport.of(client), baseUrl);
    }

    /** Brook over a user's OkHttp client speaking cleartext HTTP/2 by prior knowledge. */
    private static Brook okHttpH2c(URI baseUrl) {
        OkHttpClient client = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
                .readTimeout(Duration.ZERO) // Brook's idle timeout decides
                .build();
        USER_CLIENTS.add(() -> {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        });
        return brookOver(OkHttpTransport.of(client), baseUrl);
    }

    /**
     * Brook over a user's async Apache client speaking cleartext HTTP/2 only ({@code FORCE_HTTP_2}, which the
     * pool applies to cleartext routes as prior knowledge), streams multiplexed on a connection, built with
     * {@link ApacheTransport#withAbortSupport}.
     */
    private static Brook apacheAsyncH2c(URI baseUrl) {
        CloseableHttpAsyncClient client = ApacheTransport.withAbortSupport(HttpAsyncClients.custom())
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMessageMultiplexing(true)
                        .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_2).build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
        client.start();
        USER_CLIENTS.add(client);
        return brookOver(ApacheTransport.of(client), baseUrl);
    }

    /**
     * Brook over a user's Vert.x client speaking cleartext HTTP/2 by prior knowledge (no {@code h2c}
     * upgrade), on a {@code Vertx} sized as the one discovery makes (two event loops).
     */
    private static Brook vertxH2c(URI baseUrl) {
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(Math.min(2, Runtime.getRuntime().availableProcessors()))
                .setWorkerPoolSize(1));
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
        USER_CLIENTS.add(() -> vertx.close().await(10, TimeUnit.SECONDS));
        return brookOver(VertxTransport.of(vertx, client), baseUrl);
    }

    /**
     * Clients (and their executors and event loops) that contenders made for Brook, closed by {@link
     * #closeUserClients()}: Brook never closes what it did not create, so the contender's {@link
     * Brook#close()} leaves them open.
     */
    private static final List<AutoCloseable> USER_CLIENTS = new CopyOnWriteArrayList<>();

    static void closeUserClients() {
        for (AutoCloseable c : USER_CLIENTS) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        USER_CLIENTS.clear();
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
            long total;
            try (InputStream in = c.getInputStream()) {
                total = readCountingEvents(in, buf, onEvent);
            }
            if (streamBytes >= 0 && total != streamBytes) {
                throw new IllegalStateException("raw: read " + total + " bytes, expected " + streamBytes);
            }
        }
    }

    /**
     * Reads {@code in} to its end into {@code buf}, running {@code onEvent} at each event end ({@code \n\n}):
     * cheap next to the socket read, and it lets the latency harness see events without any parsing.
     *
     * @return the bytes read
     */
    static long readCountingEvents(InputStream in, byte[] buf, Runnable onEvent) throws IOException {
        long total = 0;
        byte prev = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n' && prev == '\n') {
                    onEvent.run();
                }
                prev = b;
            }
        }
        return total;
    }

    /**
     * The lower bound over HTTP/2: OkHttp in cleartext HTTP/2 by prior knowledge (as {@code
     * brook-okhttp-h2c-*} use it) posting the request and reading the body bytes into a 64 KiB buffer,
     * nothing decoded (it counts {@code \n\n} with {@link Contenders#readCountingEvents}), byte count
     * checked. It bounds what the HTTP/2 rows can reach against the same server, whose HTTP/2 mode frames
     * the body under flow control and costs more than its HTTP/1.1 mode.
     */
    static final class RawOkHttpH2c implements Contender {
        private final OkHttpClient client = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
                .readTimeout(Duration.ofSeconds(60))
                .build();
        private final Request request;
        private final long streamBytes;
        private final byte[] buf = new byte[64 * 1024];

        RawOkHttpH2c(URI baseUrl, long streamBytes) {
            byte[] body = ("{\"model\":\"" + MODEL + "\",\"max_tokens\":4096,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}").getBytes(StandardCharsets.UTF_8);
            this.request = new Request.Builder().url(baseUrl + "/v1/messages")
                    .header("accept", "text/event-stream")
                    .header("x-api-key", "sk-ant-fake")
                    .header("anthropic-version", "2023-06-01")
                    .post(RequestBody.create(body, MediaType.get("application/json")))
                    .build();
            this.streamBytes = streamBytes;
        }

        @Override
        public void run(Runnable onEvent) throws IOException {
            long total;
            try (Response response = client.newCall(request).execute()) {
                if (response.code() != 200) {
                    throw new IllegalStateException("raw-okhttp-h2c: status " + response.code());
                }
                try (InputStream in = response.body().byteStream()) {
                    total = readCountingEvents(in, buf, onEvent);
                }
            }
            if (streamBytes >= 0 && total != streamBytes) {
                throw new IllegalStateException("raw-okhttp-h2c: read " + total + " bytes, expected " + streamBytes);
            }
        }

        @Override
        public void close() {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
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
