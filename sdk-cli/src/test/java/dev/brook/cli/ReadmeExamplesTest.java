package dev.brook.cli;

import static dev.brook.cli.CliRunner.conformanceDir;
import static dev.brook.cli.CliRunner.json;
import static dev.brook.cli.CliRunner.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageParam;
import dev.brook.core.client.MessageRequest;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.RequestOptions;
import dev.brook.core.client.ThinkingConfig;
import dev.brook.core.client.Tool;
import dev.brook.core.client.StreamListener;
import dev.brook.core.error.ApiException;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.RateLimitException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.Message;
import dev.brook.core.event.MessageDeltaEvent;
import dev.brook.core.event.StopReason;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.event.ToolUseBlock;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.transport.jdk.JdkTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's Java examples, compiled, and run against a {@link FakeMessagesServer} where they can be
 * (those reading the real environment only compile). {@link #everyJavaBlockOfTheReadmeIsInTheseSources()}
 * keeps the README and this file in step: each example's lines appear here verbatim, in order.
 */
class ReadmeExamplesTest {
    private static final Path FIXTURES = conformanceDir().resolve("fixtures");

    private FakeMessagesServer server;

    @BeforeEach
    void startServer() {
        server = new FakeMessagesServer().start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Brook client() {
        return Brook.builder().apiKey("test-key").baseUrl(server.baseUri().toString()).build();
    }

    private static MessageRequest hello() {
        return MessageRequest.builder().model("claude-sonnet-4-5").maxTokens(256).addUserMessage("Hello").build();
    }

    private void serve(String fixture) {
        server.enqueue(ScriptedResponse.sse(read(FIXTURES.resolve(fixture))));
    }

    private JsonNode sentBody() throws InterruptedException {
        RecordedRequest request = server.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        return json(request.bodyAsString());
    }

    private static String runTool(String name, JsonNode input) {
        return name + " at " + input.path("location").asText() + ": sunny, 18°C";
    }

    // ---- the README's sources check ----

    @Test
    void everyJavaBlockOfTheReadmeIsInTheseSources() throws IOException {
        Path readme = conformanceDir().getParent().resolve("README.md");
        List<String> blocks = javaBlocks(read(readme));
        assertThat(blocks).as("java examples in " + readme).hasSizeGreaterThanOrEqualTo(10);
        Path tests = Path.of(System.getProperty("basedir", ".")).resolve("src/test/java/dev/brook/cli");
        List<String> source = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tests)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
                source.addAll(significantLines(read(file)));
            }
        }
        for (String block : blocks) {
            List<String> lines = significantLines(block);
            assertThat(java.util.Collections.indexOfSubList(source, lines))
                    .as("this README example is not in sdk-cli's test sources verbatim, so it is not compiled:\n" + block)
                    .isNotNegative();
        }
    }

    private static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : markdown.split("\n", -1)) {
            if (current == null && line.strip().equals("```java")) {
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
                    .model("claude-sonnet-4-5")
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

    @Test
    void passingYourOwnClient() {
        String apiKey = "test-key";
        HttpClient httpClient = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .proxy(ProxySelector.getDefault())
                .build();
        Brook brook = Brook.builder()
                .apiKey(apiKey)
                .transport(JdkTransport.of(httpClient))
                .build();
        try (brook) {
            assertThat(brook.transportName()).isEqualTo("jdk");
        }
    }

    @Test
    void everyEvent() {
        serve("text-basic.sse");
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
    }

    @Test
    void theManualToolLoop() throws Exception {
        serve("tool-use.sse"); // asks for get_weather
        serve("text-basic.sse"); // then answers
        try (Brook brook = client()) {
            Tool weather = Tool.of("get_weather", "Current weather for a city",
                    "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}");
            MessageRequest request = MessageRequest.builder()
                    .model("claude-sonnet-4-5")
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
                request = request.newBuilder()
                        .addMessage(MessageParam.assistant(reply))
                        .addMessage(MessageParam.toolResult(call.id(), runTool(call.name(), call.input())))
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
        assertThat(result.get("content").toString()).contains("get_weather at San Francisco, CA: sunny");
    }

    @Test
    void thinkingKeptAcrossTurns() throws Exception {
        serve("thinking.sse");
        serve("text-basic.sse");
        try (Brook brook = client()) {
            MessageRequest first = MessageRequest.builder()
                    .model("claude-sonnet-4-5")
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
        sentBody();
        JsonNode thinking = sentBody().get("messages").get(1).get("content").get(0);
        JsonNode expected = json(read(FIXTURES.resolve("thinking.final.json"))).get("content").get(0);
        assertThat(thinking.get("type").asText()).isEqualTo("thinking");
        assertThat(thinking.get("signature")).isEqualTo(expected.get("signature"));
        assertThat(thinking.get("thinking")).isEqualTo(expected.get("thinking"));
    }

    @Test
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
            assertThat(reply.text()).startsWith("Once upon a time");
        }
    }

    @Test
    void asyncWithAFlowSubscriber() {
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
            assertThat(stream.finalMessage().join().text()).startsWith("Once upon a time");
        }
    }

    @Test
    void errors() {
        serve("error-overloaded.sse");
        MessageRequest request = hello();
        try (Brook brook = client()) {
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
        assertThat(server.requestCount()).isEqualTo(1); // the stream error was caught, not retried
    }

    @Test
    void timeouts() {
        String apiKey = "test-key";
        Brook brook = Brook.builder()
                .apiKey(apiKey)
                .connectTimeout(Duration.ofSeconds(5))
                .idleTimeout(Duration.ofSeconds(30))
                .totalTimeout(Duration.ofMinutes(10))
                .maxRetries(3)
                .build();
        brook.close();
    }

    @Test
    void perCallOptions() throws Exception {
        serve("text-basic.sse");
        MessageRequest request = hello();
        String traceId = "trace-7";
        try (Brook brook = client()) {
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
        RecordedRequest sent = server.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        assertThat(sent.header("x-trace-id")).hasValue("trace-7");
        assertThat(sent.header("anthropic-beta")).hasValue("interleaved-thinking-2025-05-14");
    }

    @Test
    void everyFailureSaysWhichCallItWas() {
        server.enqueue(ScriptedResponse.sse(read(FIXTURES.resolve("truncated.sse"))).newBuilder()
                .header("request-id", "req_readme").build());
        MessageRequest request = hello();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (Brook brook = client()) {
            try (MessageStream stream = brook.messages().stream(request)) {
                stream.textStream().forEach(System.out::print);
            } catch (BrookException e) {
                System.err.println(e.getMessage() + " [request-id " + e.requestId().orElse("none") + ", "
                        + e.attempts() + " attempts, retryable " + e.retryable() + "]");
            }
        } finally {
            System.setErr(saved);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("[request-id req_readme, 1 attempts, retryable true]");
    }

    @Test
    void testingYourApplication() throws Exception {
        MessageRequest request = hello();
        String sse = """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}}

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
    }
}
