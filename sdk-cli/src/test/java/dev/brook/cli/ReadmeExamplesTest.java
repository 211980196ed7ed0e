package dev.brook.cli;

import static dev.brook.cli.CliRunner.conformanceDir;
import static dev.brook.cli.CliRunner.json;
import static dev.brook.cli.CliRunner.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.accumulate.StreamUpdate;
import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.client.BatchRequest;
import dev.brook.core.client.BatchResult;
import dev.brook.core.client.BatchResults;
import dev.brook.core.client.Batches;
import dev.brook.core.client.Brook;
import dev.brook.core.client.CallInfo;
import dev.brook.core.client.CallListener;
import dev.brook.core.client.MessageBatch;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.RequestOptions;
import dev.brook.core.client.StreamListener;
import dev.brook.core.error.ApiException;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.OverloadedException;
import dev.brook.core.error.RateLimitException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.event.BashCodeExecutionToolResultBlock;
import dev.brook.core.event.CodeExecutionToolResultBlock;
import dev.brook.core.event.ContentBlock;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.Message;
import dev.brook.core.event.MessageDeltaEvent;
import dev.brook.core.event.StopReason;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.event.ToolUseBlock;
import dev.brook.core.event.WebFetchToolResultBlock;
import dev.brook.core.json.JsonValue;
import dev.brook.core.request.MessageParam;
import dev.brook.core.request.MessageRequest;
import dev.brook.core.request.ThinkingConfig;
import dev.brook.core.request.Tool;
import dev.brook.micrometer.MicrometerCallListener;
import dev.brook.opentelemetry.OpenTelemetryCallListener;
import dev.brook.reactor.BrookReactor;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.transport.jdk.JdkTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's Java examples, compiled, and run against a {@link FakeMessagesServer} where they can be
 * (those reading the real environment only compile). {@link #everyJavaBlockOfTheReadmeIsInTheseSources()}
 * keeps the README and this file in step: each example's lines appear here verbatim, in order.
 *
 * <p>Each run example is checked for what it produces: what it printed (System.out and System.err are
 * captured for every test, call by call), the message it got, the request the server recorded. The
 * expected values come from the conformance fixtures the server replays.
 */
class ReadmeExamplesTest {
    private static final Path FIXTURES = conformanceDir().resolve("fixtures");
    /** Generous: a stream of the fixtures takes milliseconds, also on a loaded machine. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeMessagesServer server;
    private PrintStream savedOut;
    private PrintStream savedErr;
    /** What the example printed to System.out. */
    private Capture out;
    /** What the example printed to System.err. */
    private Capture err;

    @BeforeAll
    static void consoleLoggingKeepsTheRealStderr() {
        // A console log handler takes System.err when it is created, lazily: create it now, before a test
        // swaps System.err for a capture, so that log lines (this class's and later classes') stay visible.
        java.util.logging.Logger.getLogger("").getHandlers();
    }

    @BeforeEach
    void startServer() {
        server = new FakeMessagesServer().start();
        savedOut = System.out;
        savedErr = System.err;
        out = new Capture();
        err = new Capture();
        System.setOut(out);
        System.setErr(err);
    }

    @AfterEach
    void stopServer() {
        try {
            server.close();
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    private Brook client() {
        return Brook.builder().apiKey("test-key").baseUrl(server.baseUri().toString()).build();
    }

    private static MessageRequest hello() {
        return MessageRequest.builder().model("claude-opus-4-6").maxTokens(256).addUserMessage("Hello").build();
    }

    private void serve(String fixture) {
        server.enqueue(ScriptedResponse.sse(read(FIXTURES.resolve(fixture))));
    }

    private JsonNode sentBody() throws InterruptedException {
        RecordedRequest request = server.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        return json(request.bodyAsString());
    }

    private static String currentWeather(String location) {
        return "sunny, 18°C in " + location;
    }

    // ---- the README's sources check ----

    @Test
    void everyJavaBlockOfTheReadmeIsInTheseSources() throws IOException {
        Path readme = conformanceDir().getParent().resolve("README.md");
        List<String> blocks = javaBlocks(read(readme));
        assertThat(blocks).as("java examples in " + readme).hasSizeGreaterThanOrEqualTo(10);
        Path tests = Path.of(System.getProperty("basedir", ".")).resolve("src/test/java/dev/brook/cli");
        // The Spring Boot example needs a web application around it: the starter's tests run it.
        Path springTests = conformanceDir().getParent().resolve("integration-spring-boot/src/test/java");
        List<String> source = new ArrayList<>();
        for (Path dir : List.of(tests, springTests)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
                    source.addAll(significantLines(read(file)));
                }
            }
        }
        for (String block : blocks) {
            List<String> lines = significantLines(block);
            assertThat(java.util.Collections.indexOfSubList(source, lines))
                    .as("this README example is not in sdk-cli's (or the Spring Boot starter's) test sources "
                            + "verbatim, so it is not compiled:\n" + block)
                    .isNotNegative();
        }
    }

    @Test
    void everyKotlinBlockOfTheReadmeIsInBrookKotlinsTests() throws IOException {
        Path root = conformanceDir().getParent();
        List<String> blocks = fencedBlocks(read(root.resolve("README.md")), "```kotlin");
        assertThat(blocks).as("kotlin examples in the README").isNotEmpty();
        List<String> source = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("integration-kotlin/src/test/kotlin"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".kt")).sorted().collect(Collectors.toList())) {
                source.addAll(significantLines(read(file)));
            }
        }
        for (String block : blocks) {
            assertThat(java.util.Collections.indexOfSubList(source, significantLines(block)))
                    .as("this README example is not in brook-kotlin's tests verbatim, so it is not run:\n" + block)
                    .isNotNegative();
        }
    }

    private static List<String> javaBlocks(String markdown) {
        return fencedBlocks(markdown, "```java");
    }

    /** The contents of every block fenced by {@code fence} (such as {@code ```java}) and {@code ```}. */
    private static List<String> fencedBlocks(String markdown, String fence) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : markdown.split("\n", -1)) {
            if (current == null && line.strip().equals(fence)) {
                current = new StringBuilder();
            } else if (current != null && line.strip().equals("```")) {
                blocks.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return blocks;
    }

    /** Lines without indentation, blank lines left out. */
    private static List<String> significantLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    // ---- examples that read the process environment: compiled only ----

    @SuppressWarnings("unused")
    private static void textAsItArrives() {
        try (Brook brook = Brook.fromEnv()) {
            MessageRequest request = MessageRequest.builder()
                    .model("claude-opus-4-6")
                    .maxTokens(1024)
                    .addUserMessage("Tell me a story")
                    .build();
            try (MessageStream stream = brook.messages().stream(request)) {
                stream.textStream().forEach(System.out::print);
            }
        }
    }

    @SuppressWarnings("unused")
    private static Brook choosingATransport() {
        Brook brook = Brook.builder()
                .apiKey(System.getenv("ANTHROPIC_API_KEY"))
                .transport("jdk") // or "okhttp", "apache", "vertx"
                .build();
        return brook;
    }

    // ---- examples run against the loopback server ----

    /** The example's client and the {@code HttpClient} it was built around. */
    private record OwnClient(HttpClient httpClient, Brook brook) {
    }

    /**
     * The README's example, with {@code ProxySelector.getDefault()} returning {@code proxies} while it runs
     * (and only then: a client built later, by Brook or anyone, does not get it).
     */
    private static OwnClient passYourOwnClient(String apiKey, ProxySelector proxies) {
        ProxySelector saved = ProxySelector.getDefault();
        ProxySelector.setDefault(proxies);
        try {
            HttpClient httpClient = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .proxy(ProxySelector.getDefault())
                    .build();
            Brook brook = Brook.builder()
                    .apiKey(apiKey)
                    .transport(JdkTransport.of(httpClient))
                    .build();
            return new OwnClient(httpClient, brook);
        } finally {
            ProxySelector.setDefault(saved);
        }
    }

    @Test
    void passingYourOwnClient() throws Exception {
        serve("text-basic.sse");
        RecordingProxySelector proxies = new RecordingProxySelector();
        OwnClient own = passYourOwnClient("test-key", proxies);
        Brook brook = own.brook();
        // The example's client calls api.anthropic.com; a variant pointed at the server shares its transport.
        try (brook; Brook local = brook.newBuilder().baseUrl(server.baseUri().toString()).build()) {
            assertThat(brook.transportName()).isEqualTo("jdk");
            try (MessageStream stream = local.messages().stream(hello())) {
                assertThat(stream.finalText()).isEqualTo(replyText("text-basic"));
            }
        }
        // The user's HttpClient made the exchange: its proxy selector, which only that client has, was
        // asked the way to the server.
        assertThat(proxies.asked()).contains(server.url("/v1/messages"));
        RecordedRequest sent = server.takeRequest(WAIT).orElseThrow();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).hasValue("test-key");
        // Brook never closes it: with both Brook clients closed, it still sends.
        server.enqueue(ScriptedResponse.json(200, "{}"));
        HttpResponse<String> after = own.httpClient().send(
                HttpRequest.newBuilder(server.url("/after-close")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(server.takeRequest(WAIT).orElseThrow().path()).isEqualTo("/after-close");
    }

    @Test
    void everyEvent() {
        server.enqueue(ScriptedResponse.sse(read(FIXTURES.resolve("text-basic.sse"))).newBuilder()
                .header("request-id", "req_every").build());
        MessageRequest request = hello();
        try (Brook brook = client()) {
            try (MessageStream stream = brook.messages().stream(request)) {
                for (StreamEvent event : stream) {
                    if (event instanceof ContentBlockDeltaEvent delta && delta.delta() instanceof Delta.TextDelta text) {
                        System.out.print(text.text());
                    } else if (event instanceof MessageDeltaEvent end) {
                        System.out.println("\n[stop reason: " + end.stopReason().map(StopReason::value).orElse("none") + "]");
                    }
                }
                System.out.println("request-id " + stream.requestId().orElse("none"));
            }
        }
        assertThat(server.requestCount()).isEqualTo(1);
        // Each text delta as it came, in order, then the stop reason and the request id.
        List<String> expected = new ArrayList<>(textDeltas("text-basic.sse"));
        expected.add("\n[stop reason: " + finalJson("text-basic").get("stop_reason").asText() + "]\n");
        expected.add("request-id req_every\n");
        assertThat(out.calls()).containsExactlyElementsOf(expected);
        assertThat(err.text()).isEmpty();
    }

    @Test
    void messageBatches() throws Exception {
        String reply = read(FIXTURES.resolve("text-basic.final.json"));
        String inProgress = "{\"id\":\"msgbatch_1\",\"type\":\"message_batch\",\"processing_status\":\"in_progress\"}";
        String ended = "{\"id\":\"msgbatch_1\",\"type\":\"message_batch\",\"processing_status\":\"ended\"}";
        server.enqueue(ScriptedResponse.json(200, inProgress));
        server.enqueue(ScriptedResponse.json(200, ended));
        server.enqueue(ScriptedResponse.json(200, "{\"custom_id\":\"greeting\",\"result\":{\"type\":\"succeeded\","
                + "\"message\":" + json(reply) + "}}\n{\"custom_id\":\"story\",\"result\":{\"type\":\"expired\"}}\n"));
        MessageRequest request = hello();
        MessageRequest storyRequest = MessageRequest.builder().model("claude-opus-4-6").maxTokens(1024)
                .addUserMessage("Tell me a story").build();
        Duration pollEvery = Duration.ZERO;
        try (Brook brook = client()) {
            Batches batches = brook.messages().batches();
            MessageBatch batch = batches.create(List.of(
                    BatchRequest.of("greeting", request),
                    BatchRequest.of("story", storyRequest)));
            batch = batches.awaitEnded(batch.id(), pollEvery, Duration.ofHours(24));
            try (BatchResults results = batches.results(batch.id())) {
                while (results.hasNext()) {
                    BatchResult result = results.next();
                    if (result instanceof BatchResult.Succeeded ok) {
                        System.out.println(ok.customId() + ": " + ok.message().text());
                    } else {
                        System.out.println(result.customId() + ": " + result.type());
                    }
                }
            }
        }
        // One line per result, in the file's order: the succeeded reply's text, then the expired one's type.
        assertThat(out.calls()).containsExactly(
                "greeting: " + json(reply).get("content").get(0).get("text").asText() + "\n",
                "story: expired\n");
        List<RecordedRequest> sent = server.requests();
        assertThat(sent).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST /v1/messages/batches", "GET /v1/messages/batches/msgbatch_1",
                "GET /v1/messages/batches/msgbatch_1/results");
        JsonNode created = json(sent.get(0).bodyAsString());
        assertThat(created.get("requests").get(1).get("custom_id").asText()).isEqualTo("story");
        assertThat(created.get("requests").get(1).get("params")).isEqualTo(json(new String(storyRequest.toJson(false),
                StandardCharsets.UTF_8)));
        assertThat(err.text()).isEmpty();
    }

    @Test
    void theFinalMessage() {
        serve("text-basic.sse");
        MessageRequest request = hello();
        try (Brook brook = client()) {
            try (MessageStream stream = brook.messages().stream(request)) {
                Message reply = stream.finalMessage();
                System.out.println(reply.text());
                System.out.println(reply.usage().outputTokens() + " output tokens; " + reply.stopReason().orElseThrow());
            }
        }
        assertThat(server.requestCount()).isEqualTo(1);
        // The reply's content, usage and stop reason, as printed; the fixture's final message says what they are.
        JsonNode expected = finalJson("text-basic");
        assertThat(out.calls()).containsExactly(
                expected.get("content").get(0).get("text").asText() + "\n",
                expected.get("usage").get("output_tokens").asLong() + " output tokens; "
                        + expected.get("stop_reason").asText() + "\n");
        assertThat(err.text()).isEmpty();
    }

    @Test
    void liveUpdatesOnASyncStream() {
        serve("tool-use.sse");
        MessageRequest request = hello();
        try (Brook brook = client()) {
            try (MessageStream stream = brook.messages().stream(request)) {
                stream.updates().forEach(update -> {
                    if (update instanceof StreamUpdate.Text text) {
                        System.out.print(text.delta());
                    } else if (update instanceof StreamUpdate.InputJson input) {
                        System.out.println("[input so far: " + input.partialInput().get().toJson() + "]");
                    } else if (update instanceof StreamUpdate.BlockStop stop) {
                        System.out.println("[block " + stop.index() + ": " + stop.block().type() + "]");
                    }
                });
            }
        }
        List<String> printed = out.calls();
        JsonNode expected = finalJson("tool-use");
        String text = expected.get("content").get(0).get("text").asText();
        assertThat(String.join("", printed)).startsWith(text + "[block 0: text]\n");
        // Each input line is the input parsed so far: it grows to the final input, then the block stops.
        List<String> inputs = printed.stream().filter(p -> p.startsWith("[input so far: ")).collect(Collectors.toList());
        assertThat(inputs).isNotEmpty();
        assertThat(inputs.get(inputs.size() - 1))
                .isEqualTo("[input so far: " + JsonValue.parse(expected.get("content").get(1).get("input").toString()).toJson() + "]\n");
        assertThat(printed.get(printed.size() - 1)).isEqualTo("[block 1: tool_use]\n");
        assertThat(err.text()).isEmpty();
    }

    @Test
    void serverToolsAndTodaysBlockKinds() throws Exception {
        serve("server-tool-results.sse");
        try (Brook brook = client()) {
            MessageRequest research = MessageRequest.builder()
                    .model("claude-opus-4-6")
                    .maxTokens(2048)
                    .addTool(Tool.codeExecution())
                    .addTool(Tool.webFetch().maxUses(3).build())
                    .addUserMessage("Fetch https://example.com/spec and compute the mean of data.csv")
                    .build();
            try (MessageStream stream = brook.messages().stream(research)) {
                Message reply = stream.finalMessage();
                for (ContentBlock block : reply.content()) {
                    if (block instanceof BashCodeExecutionToolResultBlock bash) {
                        System.out.println("bash exit " + bash.returnCode().orElse(-1) + ": " + bash.stdout().orElse("").strip());
                    } else if (block instanceof CodeExecutionToolResultBlock code) {
                        System.out.println("python: " + code.errorCode().orElseGet(() -> code.stdout().orElse("").strip()));
                    } else if (block instanceof WebFetchToolResultBlock fetch) {
                        System.out.println("fetched " + fetch.url().orElse("?"));
                    }
                }
                System.out.println(reply.usage().webFetchRequests().orElse(0) + " fetches; container "
                        + reply.container().flatMap(c -> c.get("id")).flatMap(JsonValue::asString).orElse("none"));
            }
        }
        assertThat(out.calls()).containsExactly(
                "bash exit 0: 1201 data.csv\n",
                "python: value    41.5\n",
                "fetched https://example.com/spec\n",
                "python: execution_time_exceeded\n",
                "1 fetches; container container_011CPR5CNjB747bTd36fQLFk\n");
        JsonNode tools = sentBody().get("tools");
        assertThat(tools.get(0).get("type").asText()).isEqualTo("code_execution_20250825");
        assertThat(tools.get(1).get("type").asText()).isEqualTo("web_fetch_20250910");
        assertThat(tools.get(1).get("max_uses").asInt()).isEqualTo(3);
        assertThat(err.text()).isEmpty();
    }

    @Test
    void theManualToolLoop() throws Exception {
        serve("tool-use.sse"); // asks for get_weather
        serve("text-basic.sse"); // then answers
        try (Brook brook = client()) {
            record WeatherArgs(String location) {}
            Tool weather = Tool.of("get_weather", "Current weather for a city",
                    "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}");
            MessageRequest request = MessageRequest.builder()
                    .model("claude-opus-4-6")
                    .maxTokens(1024)
                    .addTool(weather)
                    .addUserMessage("What's the weather in San Francisco?")
                    .build();
            while (true) {
                Message reply;
                try (MessageStream stream = brook.messages().stream(request)) {
                    stream.textStream().forEach(System.out::print);
                    reply = stream.finalMessage();
                }
                if (!reply.stopReason().equals(Optional.of(StopReason.TOOL_USE))) {
                    break;
                }
                ToolUseBlock call = reply.content().stream()
                        .filter(ToolUseBlock.class::isInstance)
                        .map(ToolUseBlock.class::cast)
                        .findFirst()
                        .orElseThrow();
                WeatherArgs args = call.input().as(WeatherArgs.class);
                request = request.newBuilder()
                        .addMessage(MessageParam.assistant(reply))
                        .addMessage(MessageParam.toolResult(call.id(), currentWeather(args.location())))
                        .build();
            }
        }
        assertThat(server.requestCount()).isEqualTo(2);
        sentBody();
        JsonNode second = sentBody();
        JsonNode messages = second.get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1).get("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(1).get("content").get(1).get("type").asText()).isEqualTo("tool_use");
        JsonNode result = messages.get(2).get("content").get(0);
        assertThat(result.get("type").asText()).isEqualTo("tool_result");
        assertThat(result.get("tool_use_id").asText()).isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
        assertThat(result.get("content").toString()).contains("sunny, 18°C in San Francisco, CA");
        // What it printed: the text of the turn that asked for the tool, then the answer's text.
        assertThat(String.join("", out.calls())).isEqualTo(
                finalJson("tool-use").get("content").get(0).get("text").asText()
                        + finalJson("text-basic").get("content").get(0).get("text").asText());
    }

    @Test
    void thinkingKeptAcrossTurns() throws Exception {
        serve("thinking.sse");
        serve("text-basic.sse");
        try (Brook brook = client()) {
            MessageRequest first = MessageRequest.builder()
                    .model("claude-opus-4-6")
                    .maxTokens(4096)
                    .thinking(ThinkingConfig.enabled(2048))
                    .addUserMessage("What is 27 * 453?")
                    .build();
            Message reply;
            try (MessageStream stream = brook.messages().stream(first)) {
                reply = stream.finalMessage();
            }
            MessageRequest second = first.newBuilder()
                    .addMessage(MessageParam.assistant(reply)) // thinking blocks go back with their signatures
                    .addUserMessage("And 27 * 454?")
                    .build();
            try (MessageStream stream = brook.messages().stream(second)) {
                stream.finalMessage();
            }
        }
        JsonNode firstBody = sentBody();
        assertThat(firstBody.get("thinking").toString()).isEqualTo("{\"type\":\"enabled\",\"budget_tokens\":2048}");
        assertThat(firstBody.get("messages")).hasSize(1);
        JsonNode secondBody = sentBody();
        JsonNode messages = secondBody.get("messages");
        // The first user turn, the whole assistant reply (thinking first, then its text), the new question.
        assertThat(messages).hasSize(3);
        assertThat(secondBody.get("thinking")).isEqualTo(firstBody.get("thinking"));
        JsonNode expected = finalJson("thinking").get("content");
        JsonNode assistant = messages.get(1);
        assertThat(assistant.get("role").asText()).isEqualTo("assistant");
        assertThat(assistant.get("content")).hasSize(expected.size());
        JsonNode thinking = assistant.get("content").get(0);
        assertThat(thinking.get("type").asText()).isEqualTo("thinking");
        assertThat(thinking.get("signature")).isEqualTo(expected.get(0).get("signature"));
        assertThat(thinking.get("thinking")).isEqualTo(expected.get(0).get("thinking"));
        assertThat(assistant.get("content").get(1).get("text")).isEqualTo(expected.get(1).get("text"));
        assertThat(messages.get(2).get("role").asText()).isEqualTo("user");
        assertThat(messages.get(2).get("content").toString()).contains("And 27 * 454?");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // the example's join() has no timeout
    void asyncWithAListener() {
        serve("text-basic.sse");
        MessageRequest request = hello();
        try (Brook brook = client()) {
            AsyncMessageStream stream = brook.messages().streamAsync(request, new StreamListener() {
                @Override
                public void onText(String delta, CharSequence textSoFar) {
                    System.out.print(delta);
                }

                @Override
                public void onError(Throwable error) {
                    System.err.println("stream failed: " + error);
                }
            });
            Message reply = stream.finalMessage().join();
            // The future completes after the listener's last callback returned: every delta is in, in order.
            assertThat(out.calls()).containsExactlyElementsOf(textDeltas("text-basic.sse"));
            assertThat(err.text()).as("onError").isEmpty();
            JsonNode expected = finalJson("text-basic");
            assertThat(reply.text()).isEqualTo(replyText("text-basic"));
            assertThat(reply.stopReason()).hasValue(StopReason.of(expected.get("stop_reason").asText()));
            assertThat(reply.usage().inputTokens()).isEqualTo(expected.get("usage").get("input_tokens").asLong());
            assertThat(reply.usage().outputTokens()).isEqualTo(expected.get("usage").get("output_tokens").asLong());
            assertThat(json(reply.toJson())).isEqualTo(expected);
        }
    }

    @Test
    void asyncWithAFlowSubscriber() throws Exception {
        serve("text-basic.sse");
        MessageRequest request = hello();
        try (Brook brook = client()) {
            AsyncMessageStream stream = brook.messages().streamAsync(request);
            stream.events().subscribe(new Flow.Subscriber<StreamEvent>() {
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    s.request(1);
                }

                @Override
                public void onNext(StreamEvent event) {
                    System.out.println(event.type());
                    subscription.request(1);
                }

                @Override
                public void onError(Throwable error) {
                    System.err.println("stream failed: " + error);
                }

                @Override
                public void onComplete() {
                    System.out.println("done");
                }
            });
            stream.finalMessage().thenAccept(message -> System.out.println(message.text()));
            String text = replyText("text-basic") + "\n";
            // onComplete and the future's callback run on the stream's threads: wait for both lines.
            List<String> printed = out.awaitCalls(calls -> calls.contains("done\n") && calls.contains(text), WAIT);
            assertThat(stream.finalMessage().get(WAIT.toSeconds(), TimeUnit.SECONDS).text())
                    .isEqualTo(replyText("text-basic"));
            // The final text once; around it, every event of the stream by type, in order, then "done".
            assertThat(Collections.frequency(printed, text)).isEqualTo(1);
            List<String> lines = new ArrayList<>(printed);
            lines.remove(text);
            List<String> expected = new ArrayList<>();
            eventTypes("text-basic.sse").forEach(type -> expected.add(type + "\n"));
            expected.add("done\n");
            assertThat(lines).containsExactlyElementsOf(expected);
            assertThat(err.text()).as("onError").isEmpty();
        }
    }

    /** The README's error handling; each test below takes it down one of its branches. */
    private static void handleErrors(Brook brook, MessageRequest request) {
        try (MessageStream stream = brook.messages().stream(request)) {
            stream.textStream().forEach(System.out::print);
        } catch (RateLimitException e) {
            System.err.println("rate limited; retry after " + e.retryAfter().orElse(Duration.ofSeconds(30)));
        } catch (ApiException e) {
            System.err.println("HTTP " + e.statusCode() + " " + e.errorType() + " (request-id " + e.requestId().orElse("none") + ")");
        } catch (StreamErrorException | IncompleteStreamException e) {
            String partial = e.snapshot().map(Message::text).orElse("");
            System.err.println(e.getMessage() + "; kept " + partial.length() + " characters of the reply");
        }
    }

    @Test
    void errors() {
        serve("error-overloaded.sse");
        MessageRequest request = hello();
        try (Brook brook = client()) {
            handleErrors(brook, request);
        }
        assertThat(server.requestCount()).isEqualTo(1); // the stream error was caught, not retried
        // The text before the error event reached the caller; then the StreamErrorException branch ran,
        // with the error event's type and message and the length of the partial reply it kept.
        assertThat(out.calls()).containsExactlyElementsOf(textDeltas("error-overloaded.sse"));
        JsonNode error = errorEvent("error-overloaded.sse");
        assertThat(err.calls()).singleElement().asString()
                .startsWith("The server ended the stream with an error event: ")
                .contains(manifest("error-overloaded").get("error_type").asText(), error.get("message").asText())
                .endsWith("; kept " + replyText("error-overloaded").length() + " characters of the reply\n");
    }

    @Test
    void errorsWhenTheStreamIsCutOff() {
        serve("truncated.sse");
        try (Brook brook = client()) {
            handleErrors(brook, hello());
        }
        assertThat(server.requestCount()).isEqualTo(1);
        // IncompleteStreamException, the same branch: the partial reply is kept.
        assertThat(out.calls()).containsExactlyElementsOf(textDeltas("truncated.sse"));
        assertThat(err.calls()).singleElement().asString()
                .startsWith("The stream ended before message_stop")
                .endsWith("; kept " + replyText("truncated").length() + " characters of the reply\n");
    }

    @Test
    void errorsWhenRateLimited() {
        server.enqueue(ScriptedResponse.json(429, errorBody("rate_limit_error", "Too many requests")).newBuilder()
                .header("retry-after", "7").header("request-id", "req_429").build());
        try (Brook brook = client().newBuilder().maxRetries(0).build()) {
            handleErrors(brook, hello());
        }
        assertThat(server.requestCount()).isEqualTo(1);
        // RateLimitException, caught before ApiException, with the server's retry-after.
        assertThat(out.calls()).isEmpty();
        assertThat(err.calls()).containsExactly("rate limited; retry after " + Duration.ofSeconds(7) + "\n");
    }

    @Test
    void errorsWhenTheApiAnswersWithAnErrorStatus() {
        server.enqueue(ScriptedResponse.json(529, errorBody("overloaded_error", "Overloaded")).newBuilder()
                .header("request-id", "req_529").build());
        try (Brook brook = client().newBuilder().maxRetries(0).build()) {
            handleErrors(brook, hello());
        }
        assertThat(server.requestCount()).isEqualTo(1);
        // Any other ApiException (here OverloadedException): its status, error type and request id.
        assertThat(out.calls()).isEmpty();
        assertThat(err.calls()).containsExactly("HTTP 529 overloaded_error (request-id req_529)\n");
    }

    @Test
    void timeouts() {
        // Four 529s, each asking for an immediate retry: a client making three retries sees all four.
        for (int i = 1; i <= 4; i++) {
            server.enqueue(ScriptedResponse.json(529, errorBody("overloaded_error", "Overloaded")).newBuilder()
                    .header("retry-after-ms", "0").header("request-id", "req_" + i).build());
        }
        String apiKey = "test-key";
        Brook brook = Brook.builder()
                .apiKey(apiKey)
                .connectTimeout(Duration.ofSeconds(5))
                .idleTimeout(Duration.ofSeconds(30))
                .totalTimeout(Duration.ofMinutes(10))
                .maxRetries(3)
                .build();
        // The example's client calls api.anthropic.com; a variant pointed at the server keeps its settings.
        try (brook; Brook local = brook.newBuilder().baseUrl(server.baseUri().toString()).build()) {
            OverloadedException e = catchThrowableOfType(() -> local.messages().stream(hello()).close(),
                    OverloadedException.class);
            assertThat(e).as("what maxRetries(3) ends with, against four 529s").isNotNull();
            assertThat(e.statusCode()).isEqualTo(529);
            assertThat(e.attempts()).isEqualTo(4);
            assertThat(e.requestId()).hasValue("req_4");
        }
        assertThat(server.requestCount()).isEqualTo(4);
        assertThat(server.requests()).allSatisfy(r -> assertThat(r.header("x-api-key")).hasValue("test-key"));
    }

    /** The README's per-call options example. */
    private static void streamWithOptions(Brook brook, MessageRequest request, String traceId) {
        RequestOptions options = RequestOptions.builder()
                .header("x-trace-id", traceId)
                .addBeta("interleaved-thinking-2025-05-14")
                .totalTimeout(Duration.ofSeconds(20))
                .maxRetries(0)
                .build();
        try (MessageStream stream = brook.messages().stream(request, options)) {
            stream.textStream().forEach(System.out::print);
        }
    }

    @Test
    void perCallOptions() throws Exception {
        serve("text-basic.sse");
        MessageRequest request = hello();
        String traceId = "trace-7";
        try (Brook brook = client().newBuilder().addBeta("client-beta-2025-01-01").build()) {
            streamWithOptions(brook, request, traceId);
        }
        assertThat(out.calls()).containsExactlyElementsOf(textDeltas("text-basic.sse"));
        RecordedRequest sent = server.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-trace-id")).hasValue("trace-7");
        // The call's beta is added to the client's.
        assertThat(sent.headerValues("anthropic-beta"))
                .containsExactly("client-beta-2025-01-01,interleaved-thinking-2025-05-14");
        assertThat(sent.header("x-api-key")).hasValue("test-key");
        JsonNode body = json(sent.bodyAsString());
        assertThat(body.get("model").asText()).isEqualTo("claude-opus-4-6");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(256);
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("messages")).hasSize(1);
        assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("user");
        assertThat(body.get("messages").get(0).toString()).contains("\"Hello\"");
    }

    @Test
    void perCallOptionsOverrideTheClientsRetries() {
        server.enqueue(ScriptedResponse.json(529, errorBody("overloaded_error", "Overloaded")).newBuilder()
                .header("retry-after-ms", "0").build());
        serve("text-basic.sse"); // what a retry would get
        try (Brook brook = client()) { // 2 retries by default
            OverloadedException e = catchThrowableOfType(() -> streamWithOptions(brook, hello(), "trace-8"),
                    OverloadedException.class);
            assertThat(e).as("the 529, not retried under maxRetries(0)").isNotNull();
            assertThat(e.attempts()).isEqualTo(1);
        }
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(server.queuedResponses()).isEqualTo(1);
        assertThat(out.calls()).isEmpty();
    }

    /** The README's example of what every failure says about its call. */
    private static void reportTheCall(Brook brook, MessageRequest request) {
        try (MessageStream stream = brook.messages().stream(request)) {
            stream.textStream().forEach(System.out::print);
        } catch (BrookException e) {
            System.err.println(e.getMessage() + " [request-id " + e.requestId().orElse("none") + ", "
                    + e.attempts() + " attempts, retryable " + e.retryable() + "]");
        }
    }

    @Test
    void everyFailureSaysWhichCallItWas() {
        server.enqueue(ScriptedResponse.sse(read(FIXTURES.resolve("truncated.sse"))).newBuilder()
                .header("request-id", "req_readme").build());
        MessageRequest request = hello();
        try (Brook brook = client()) {
            reportTheCall(brook, request);
        }
        // The partial text reached the caller, then the failure named its call (in the message too).
        assertThat(out.calls()).containsExactlyElementsOf(textDeltas("truncated.sse"));
        assertThat(err.calls()).singleElement().asString()
                .contains("(request-id req_readme)")
                .endsWith(" [request-id req_readme, 1 attempts, retryable true]\n");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void everyFailureSaysWhichCallItWasAfterRetries() {
        for (int i = 1; i <= 3; i++) {
            server.enqueue(ScriptedResponse.json(529, errorBody("overloaded_error", "Overloaded")).newBuilder()
                    .header("retry-after-ms", "0").header("request-id", "req_" + i).build());
        }
        try (Brook brook = client()) { // 2 retries by default
            reportTheCall(brook, hello());
        }
        // The last attempt's request id, 1 + 2 retries.
        assertThat(out.calls()).isEmpty();
        assertThat(err.calls()).singleElement().asString()
                .startsWith("HTTP 529 overloaded_error: Overloaded (request-id req_3)")
                .endsWith(" [request-id req_3, 3 attempts, retryable true]\n");
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void everyFailureSaysWhichCallItWasWhenNotRetryable() {
        server.enqueue(ScriptedResponse.json(400, errorBody("invalid_request_error", "max_tokens: required"))
                .newBuilder().header("request-id", "req_400").build());
        try (Brook brook = client()) {
            reportTheCall(brook, hello());
        }
        assertThat(out.calls()).isEmpty();
        assertThat(err.calls()).singleElement().asString()
                .startsWith("HTTP 400 invalid_request_error: max_tokens: required (request-id req_400)")
                .endsWith(" [request-id req_400, 1 attempts, retryable false]\n");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void testingYourApplication() throws Exception {
        MessageRequest request = hello();
        String sse = """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-opus-4-6","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi!"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}

                event: message_stop
                data: {"type":"message_stop"}

                """;
        try (FakeMessagesServer server = new FakeMessagesServer().start();
             Brook brook = Brook.builder().apiKey("test-key").baseUrl(server.baseUri().toString()).build()) {
            server.enqueue(ScriptedResponse.sseByEvent(sse.getBytes(StandardCharsets.UTF_8), Duration.ofMillis(20)));
            String text;
            try (MessageStream stream = brook.messages().stream(request)) {
                text = stream.finalText();
            }
            assertThat(text).isEqualTo("Hi!");
            RecordedRequest sent = server.takeRequest(Duration.ofSeconds(5)).orElseThrow();
            assertThat(sent.header("x-api-key")).contains("test-key");
        }
        // The example's own assertions above are its outcome (they throw when the reply differs); around
        // them: it talked to its own server, not this class's, and printed nothing.
        assertThat(server.requestCount()).isZero();
        assertThat(out.text()).isEmpty();
        assertThat(err.text()).isEmpty();
    }

    // ---- what the examples are checked against ----

    private static JsonNode manifest(String name) {
        List<JsonNode> entries = new ArrayList<>();
        json(read(FIXTURES.resolve("manifest.json"))).forEach(entries::add);
        json(read(FIXTURES.resolve("manifest-brook.json"))).forEach(entries::add);
        for (JsonNode entry : entries) {
            if (entry.get("name").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError("no fixture " + name + " in manifest.json");
    }

    /** The text of the fixture's reply (of the snapshot, for a broken stream), as the manifest gives it. */
    private static String replyText(String name) {
        return manifest(name).get("text").asText();
    }

    private static JsonNode finalJson(String name) {
        return json(read(FIXTURES.resolve(manifest(name).get("final").asText())));
    }

    /** The JSON of each {@code data:} line of a fixture stream, in order. */
    private static List<JsonNode> eventData(String sseFile) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : read(FIXTURES.resolve(sseFile)).split("\r?\n")) {
            if (line.startsWith("data:")) {
                events.add(json(line.substring("data:".length())));
            }
        }
        return events;
    }

    private static List<String> eventTypes(String sseFile) {
        return eventData(sseFile).stream().map(e -> e.get("type").asText()).collect(Collectors.toList());
    }

    /** The text of each {@code text_delta} of a fixture stream, in order. */
    private static List<String> textDeltas(String sseFile) {
        return eventData(sseFile).stream()
                .filter(e -> e.get("type").asText().equals("content_block_delta"))
                .map(e -> e.get("delta"))
                .filter(d -> d.get("type").asText().equals("text_delta"))
                .map(d -> d.get("text").asText())
                .collect(Collectors.toList());
    }

    /** The {@code error} of the fixture's {@code error} event. */
    private static JsonNode errorEvent(String sseFile) {
        return eventData(sseFile).stream().filter(e -> e.get("type").asText().equals("error")).findFirst()
                .orElseThrow().get("error");
    }

    private static String errorBody(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }

    // ---- Reactor ----

    private static Message reactorExample(Brook brook, MessageRequest request) {
        BrookReactor reactor = BrookReactor.of(brook);
        // Text as it arrives: demand reaches the socket, cancelling closes the connection.
        reactor.text(request)
                .doOnNext(System.out::print)
                .blockLast();
        // The final message; each subscription sends one request.
        Message message = reactor.message(request)
                .timeout(Duration.ofSeconds(60))
                .block();
        return message;
    }

    @Test
    void reactorPrintsTheTextThenGivesTheMessage() {
        serve("text-basic.sse");
        serve("text-basic.sse");
        Message message;
        try (Brook brook = client()) {
            message = reactorExample(brook, hello());
        }
        String text = manifest("text-basic").get("text").asText();
        assertThat(String.join("", out.calls())).isEqualTo(text);
        assertThat(message.text()).isEqualTo(text);
        assertThat(server.requestCount()).as("one request per subscription").isEqualTo(2);
    }

    // ---- observing calls: the call listener, Micrometer, OpenTelemetry ----

    private Brook callListenerExample(String apiKey) {
        Brook brook = Brook.builder()
                .apiKey(apiKey)
                .addCallListener(call -> new CallListener() {
                    private final long start = System.nanoTime();

                    @Override
                    public void responseHeaders(CallInfo c, int status, Optional<String> requestId) {
                        System.err.println("call " + c.id() + ": HTTP " + status + ", request-id " + requestId.orElse("none"));
                    }

                    @Override
                    public void firstToken(CallInfo c, ContentBlockDeltaEvent delta) {
                        System.err.println("call " + c.id() + ": first token after "
                                + (System.nanoTime() - start) / 1_000_000 + " ms");
                    }

                    @Override
                    public void streamEnd(CallInfo c, Message message) {
                        System.err.println("call " + c.id() + ": " + message.usage().outputTokens() + " output tokens");
                    }
                })
                .build();
        return brook;
    }

    @Test
    void aCallListenerPrintsTheRequestIdTheFirstTokenAndTheUsage() {
        server.enqueue(ScriptedResponse.sse(read(FIXTURES.resolve("text-basic.sse"))).newBuilder()
                .header("request-id", "req_readme_1").build());
        Message message;
        try (Brook example = callListenerExample("test-key");
                Brook brook = example.newBuilder().baseUrl(server.baseUri().toString()).build();
                MessageStream stream = brook.messages().stream(hello())) {
            message = stream.finalMessage();
        }
        // Only the example's lines: the transport selection may log to stderr too.
        String printed = err.text().lines().filter(l -> l.startsWith("call ")).collect(Collectors.joining("\n"));
        assertThat(printed).matches("call (\\d+): HTTP 200, request-id req_readme_1\n"
                + "call \\1: first token after \\d+ ms\n"
                + "call \\1: " + message.usage().outputTokens() + " output tokens");
    }

    private static Brook micrometerExample(MeterRegistry meterRegistry, ObservationRegistry observationRegistry,
            String apiKey) {
        MicrometerCallListener metrics = MicrometerCallListener.builder(meterRegistry)
                .observationRegistry(observationRegistry) // optional: one Observation per call
                .build();
        Brook brook = Brook.builder()
                .apiKey(apiKey)
                .addCallListener(metrics)
                .build();
        return brook;
    }

    @Test
    void micrometerRecordsTheFixturesUsageAndOneObservation() {
        server.enqueue(ScriptedResponse.sse(read(FIXTURES.resolve("text-basic.sse"))));
        SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
        TestObservationRegistry observationRegistry = TestObservationRegistry.create();
        Message message;
        try (Brook example = micrometerExample(meterRegistry, observationRegistry, "test-key");
                Brook brook = example.newBuilder().baseUrl(server.baseUri().toString()).build();
                MessageStream stream = brook.messages().stream(hello())) {
            message = stream.finalMessage();
        }
        assertThat(meterRegistry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").summary()
                .totalAmount()).isEqualTo(message.usage().outputTokens());
        assertThat(meterRegistry.get("gen_ai.client.operation.duration").tag("outcome", "success").timer().count())
                .isEqualTo(1);
        TestObservationRegistryAssert.assertThat(observationRegistry).hasNumberOfObservationsEqualTo(1)
                .hasObservationWithNameEqualTo("gen_ai.client.operation").that().hasBeenStarted().hasBeenStopped();
    }

    private static Brook openTelemetryClient(OpenTelemetry openTelemetry, String apiKey) {
        Brook brook = Brook.builder()
                .apiKey(apiKey)
                .addCallListener(OpenTelemetryCallListener.create(openTelemetry))
                .build();
        return brook;
    }

    private static void tellAStory(OpenTelemetry openTelemetry, Brook brook, MessageRequest request) {
        Span story = openTelemetry.getTracer("my-app").spanBuilder("tell a story").startSpan();
        try (Scope scope = story.makeCurrent()) {
            // One "chat claude-opus-4-6" span, a child of story, whose traceparent the request carries; the
            // listener below runs on the transport's thread with story as Span.current().
            brook.messages().streamAsync(request, new StreamListener() {
                @Override
                public void onText(String delta, CharSequence textSoFar) {
                    System.out.print(delta);
                }
            }).finalMessage().join();
        } finally {
            story.end();
        }
    }

    @Test
    void openTelemetryMakesAChildSpanWhoseTraceparentTheServerGot() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        server.enqueue(ScriptedResponse.sse(read(FIXTURES.resolve("text-basic.sse"))));
        try (Brook example = openTelemetryClient(openTelemetry, "test-key");
                Brook brook = example.newBuilder().baseUrl(server.baseUri().toString()).build()) {
            tellAStory(openTelemetry, brook, hello());
        }
        assertThat(out.text()).as("the listener printed the reply's text")
                .isEqualTo(manifest("text-basic").get("text").asText());
        SpanData story = spans.getFinishedSpanItems().stream().filter(d -> d.getName().equals("tell a story"))
                .findFirst().orElseThrow();
        SpanData chat = spans.getFinishedSpanItems().stream().filter(d -> d.getName().equals("chat claude-opus-4-6"))
                .findFirst().orElseThrow();
        assertThat(chat.getParentSpanId()).isEqualTo(story.getSpanId());
        assertThat(chat.getTraceId()).isEqualTo(story.getTraceId());
        assertThat(server.requests().get(0).header("traceparent"))
                .contains("00-" + chat.getTraceId() + "-" + chat.getSpanId() + "-" + chat.getSpanContext().getTraceFlags().asHex());
        openTelemetry.close();
    }

    /**
     * Stands in for System.out or System.err and keeps each {@code print(String)} and
     * {@code println(String)} call as one entry, in order (a {@code println} entry ends in {@code "\n"}),
     * so a test sees the pieces an example printed and their order, not only their concatenation. The
     * examples print only through those two. Bytes written otherwise are not kept: that is how a logger's
     * console handler writes (one created while a test runs holds on to that test's System.err), and a
     * log line, such as discovery's choice of transport, is not what an example printed.
     */
    private static final class Capture extends PrintStream {
        private final List<String> calls = new ArrayList<>();

        Capture() {
            super(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        }

        @Override
        public synchronized void print(String s) {
            calls.add(String.valueOf(s));
            notifyAll();
        }

        @Override
        public synchronized void println(String s) {
            calls.add(s + "\n");
            notifyAll();
        }

        synchronized List<String> calls() {
            return List.copyOf(calls);
        }

        String text() {
            return String.join("", calls());
        }

        /** Waits, up to {@code timeout}, until what was printed so far satisfies {@code until}. */
        synchronized List<String> awaitCalls(Predicate<List<String>> until, Duration timeout)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!until.test(calls)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("not printed within " + timeout + "; printed: " + calls);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return calls();
        }
    }

    /** A proxy selector that sends everything direct and records which URIs it was asked about. */
    private static final class RecordingProxySelector extends ProxySelector {
        private final List<URI> asked = new CopyOnWriteArrayList<>();

        @Override
        public List<Proxy> select(URI uri) {
            asked.add(uri);
            return List.of(Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {
        }

        List<URI> asked() {
            return List.copyOf(asked);
        }
    }
}
