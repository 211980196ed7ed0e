package dev.brook.cli;

import static dev.brook.cli.CliRunner.conformanceDir;
import static dev.brook.cli.CliRunner.json;
import static dev.brook.cli.CliRunner.read;
import static dev.brook.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.cli.CliRunner.Result;
import dev.brook.core.transport.TransportProvider;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@code brook PROMPT}: replay mode, the API mode against a loopback server, errors and usage. */
class ChatCommandTest {
    private static final Path FIXTURES = conformanceDir().resolve("fixtures");
    private static final String KEY = "sk-ant-test-0123456789-secret";

    private FakeMessagesServer server;

    @BeforeEach
    void startServer() {
        server = new FakeMessagesServer().start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Map<String, String> apiEnv() {
        return Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", server.baseUri().toString());
    }

    // ---- replay mode ----

    /** Every transport on the test class path, by name, as the CLI would find them. */
    private static List<String> transports() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(TransportProvider.class).forEach(p -> names.add(p.name()));
        assertThat(names).contains("jdk");
        return names;
    }

    @TestFactory
    Stream<DynamicTest> replayModePrintsTheScriptedReplyOnEveryTransport() {
        return transports().stream().map(name -> dynamicTest(name, () -> {
            Result r = run(Map.of(), "--transport", name, "Tell me a story");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo(ReplayScript.STORY + "\n");
            assertThat(r.err()).isEqualTo(BrookCli.REPLAY_NOTICE + ", transport " + name + ")\n");
        }));
    }

    @Test
    void replayModeStreamsTheReplyPieceByPieceOverAboutASecond() {
        List<Long> writes = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        long start = System.nanoTime();
        // Records when each flushed piece of text reaches stdout.
        OutputStream recorder = new OutputStream() {
            private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

            @Override
            public void write(int b) {
                pending.write(b);
            }

            @Override
            public void flush() {
                if (pending.size() > 0) {
                    writes.add((System.nanoTime() - start) / 1_000_000);
                    text.append(pending.toString(StandardCharsets.UTF_8));
                    pending.reset();
                }
            }
        };
        PrintStream out = new PrintStream(recorder, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        int code = new BrookCli(false).run(new String[] {"Tell me a story"}, new ByteArrayInputStream(new byte[0]),
                out, err, Map.of());
        out.flush();
        assertThat(code).isZero();
        assertThat(text.toString()).isEqualTo(ReplayScript.STORY + "\n");
        assertThat(writes.size()).as("separate flushed pieces").isGreaterThan(50);
        assertThat(writes.get(writes.size() - 1) - writes.get(0)).as("ms from first to last piece").isBetween(800L, 10_000L);
    }

    @Test
    void replayWithThinkingShowsTheThinkingFirstPlainWhenNotATerminal() {
        Result r = run(Map.of(), "--thinking", "1024", "Tell me a story");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(ReplayScript.THINKING + "\n\n" + ReplayScript.STORY + "\n");
    }

    @Test
    void replayWithThinkingDimsTheThinkingOnATerminal() {
        Result r = CliRunner.run(Map.of(), new byte[0], true, "--thinking", "1024", "Tell me a story");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("\u001b[2m" + ReplayScript.THINKING + "\u001b[0m\n\n" + ReplayScript.STORY + "\n");
    }

    @Test
    void replayEventsPrintsOneJsonLinePerTypedEvent() {
        Result r = run(Map.of(), "--events", "--thinking", "2048", "Tell me a story");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> events = r.outJsonLines();
        assertThat(events.get(0).get("type").asText()).isEqualTo("message_start");
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("message_stop");
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        for (JsonNode e : events) {
            JsonNode delta = e.path("delta");
            switch (delta.path("type").asText()) {
                case "text_delta" -> text.append(delta.get("text").asText());
                case "thinking_delta" -> thinking.append(delta.get("thinking").asText());
                default -> { }
            }
        }
        assertThat(text.toString()).isEqualTo(ReplayScript.STORY);
        assertThat(thinking.toString()).isEqualTo(ReplayScript.THINKING);
    }

    @Test
    void replayJsonPrintsTheFinalMessageWithTheRequestedModel() {
        Result r = run(Map.of(), "--json", "--model", "claude-test-1", "Tell me a story");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).hasSize(1);
        JsonNode message = json(r.out());
        assertThat(message.get("model").asText()).isEqualTo("claude-test-1");
        assertThat(message.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(message.get("content").get(0).get("text").asText()).isEqualTo(ReplayScript.STORY);
    }

    @Test
    void theModelComesFromTheOptionElseBrookModelElseTheBuiltInDefault() {
        assertThat(json(run(Map.of(), "--json", "Hi").out()).get("model").asText()).isEqualTo(BrookCli.DEFAULT_MODEL);
        assertThat(json(run(Map.of("BROOK_MODEL", "claude-env-2"), "--json", "Hi").out()).get("model").asText())
                .isEqualTo("claude-env-2");
        assertThat(json(run(Map.of("BROOK_MODEL", "claude-env-2"), "--json", "--model", "claude-opt-3", "Hi").out())
                .get("model").asText()).isEqualTo("claude-opt-3");
        assertThat(json(run(Map.of("BROOK_MODEL", " "), "--json", "Hi").out()).get("model").asText())
                .as("a blank BROOK_MODEL is not a model").isEqualTo(BrookCli.DEFAULT_MODEL);
        // The help says where the default comes from and how to change it.
        assertThat(run("--help").out()).contains("--model NAME").contains("BROOK_MODEL")
                .contains(BrookCli.DEFAULT_MODEL + ", the default");
    }

    @Test
    void tokensOfTheScriptJoinBackToTheText() {
        assertThat(String.join("", ReplayScript.tokens(ReplayScript.STORY))).isEqualTo(ReplayScript.STORY);
        assertThat(ReplayScript.tokens(ReplayScript.STORY)).allSatisfy(t -> assertThat(t.length()).isBetween(1, 16));
    }

    // ---- API mode (ANTHROPIC_API_KEY set), against a loopback server ----

    @Test
    void withAKeyItStreamsFromAnthropicBaseUrlAndSendsTheOptions() throws Exception {
        server.enqueue(ScriptedResponse.sseByEvent(read(FIXTURES.resolve("text-basic.sse")).getBytes(StandardCharsets.UTF_8),
                Duration.ZERO));
        Result r = run(apiEnv(), "--model", "claude-x", "--max-tokens", "300", "--system", "Be brief.", "Hello", "there");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode manifest = json(read(FIXTURES.resolve("manifest.json")));
        assertThat(r.out()).isEqualTo(manifest.get(0).get("text").asText() + "\n");

        RecordedRequest request = server.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).contains(KEY);
        JsonNode body = json(request.bodyAsString());
        assertThat(body.get("model").asText()).isEqualTo("claude-x");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.get("system").asText()).isEqualTo("Be brief.");
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("messages").get(0).get("content").toString()).contains("Hello there");
        assertThat(body.has("thinking")).isFalse();
    }

    @Test
    void statsFollowTheReplyOnStderrWithTheRequestIdAndTheAttempts() throws Exception {
        server.enqueue(ScriptedResponse.builder().status(529).header("content-type", "application/json")
                .header("retry-after-ms", "10")
                .body("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}")
                .build());
        server.enqueue(ScriptedResponse.sseByEvent(read(FIXTURES.resolve("text-basic.sse")).getBytes(StandardCharsets.UTF_8),
                Duration.ZERO).newBuilder().header("request-id", "req_stats_1").build());
        Result r = run(apiEnv(), "--stats", "Hello");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode manifest = json(read(FIXTURES.resolve("manifest.json")));
        assertThat(r.out()).isEqualTo(manifest.get(0).get("text").asText() + "\n");
        long outputTokens = json(read(FIXTURES.resolve(manifest.get(0).get("final").asText())))
                .get("usage").get("output_tokens").asLong();
        assertThat(r.err()).matches("brook: stats: time to first token \\d+ ms, \\d+\\.\\d tokens/s \\("
                + outputTokens + " output tokens in \\d+\\.\\d\\d s after the first\\), request id req_stats_1,"
                + " 2 attempts\n");
    }

    @Test
    void statsAfterAReplayNameTheReplaysRequestId() {
        Result r = run(Map.of(), "--stats", "Tell me a story");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(ReplayScript.STORY + "\n");
        assertThat(r.err()).endsWith(", request id req_replay_01, 1 attempt\n")
                .contains("brook: stats: time to first token ").contains(" tokens/s (");
    }

    @Test
    void statsAfterAFailureSayWhatIsKnown() throws Exception {
        server.enqueue(ScriptedResponse.builder().status(400).header("content-type", "application/json")
                .header("request-id", "req_stats_400")
                .body("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}")
                .build());
        Result r = run(apiEnv(), "--stats", "Hello");
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.err()).contains("brook: stats: time to first token none (no content), output tokens unknown,"
                + " request id req_stats_400, 1 attempt\n");
    }

    @Test
    void thinkingSetsTheBudgetAndRaisesTheDefaultMaxTokens() throws Exception {
        server.enqueue(ScriptedResponse.sse(read(FIXTURES.resolve("thinking.sse"))));
        Result r = run(apiEnv(), "--thinking", "2000", "What is 27 * 453?");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).endsWith("27 * 453 = 12,231\n");
        JsonNode body = json(server.takeRequest(Duration.ofSeconds(5)).orElseThrow().bodyAsString());
        assertThat(body.get("thinking").get("type").asText()).isEqualTo("enabled");
        assertThat(body.get("thinking").get("budget_tokens").asInt()).isEqualTo(2000);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(2000 + BrookCli.DEFAULT_MAX_TOKENS);
    }

    @Test
    void apiErrorStatusExitsWith3AndOneLineWithoutTheKey() {
        server.enqueue(ScriptedResponse.json(401,
                "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"));
        Result r = run(apiEnv(), "Hello");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(BrookCli.API_ERROR);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("brook: API error: HTTP 401 authentication_error: invalid x-api-key");
        assertThat(r.err()).doesNotContain(KEY);
    }

    @Test
    void theKeyIsRedactedEvenWhenAServerEchoesIt() {
        server.enqueue(ScriptedResponse.json(403,
                "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"key " + KEY + " is not allowed\"}}"));
        Result r = run(apiEnv(), "--debug", "Hello");
        assertThat(r.exitCode()).isEqualTo(BrookCli.API_ERROR);
        assertThat(r.err()).contains("[redacted]").doesNotContain(KEY);
    }

    @Test
    void streamErrorEventExitsWith4AfterPrintingThePartialText() {
        server.enqueue(ScriptedResponse.sse(read(FIXTURES.resolve("error-overloaded.sse"))));
        Result r = run(apiEnv(), "Hello");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(BrookCli.STREAM_ERROR);
        assertThat(r.out()).isEqualTo("Partial answer before the\n");
        assertThat(r.err()).startsWith("brook: stream error: ").contains("overloaded_error");
        assertThat(r.errLines()).hasSize(1);
    }

    @Test
    void connectionDroppedMidStreamExitsWith5() {
        String body = read(FIXTURES.resolve("text-basic.sse"));
        server.enqueue(ScriptedResponse.builder().header("content-type", "text/event-stream")
                .chunk(body.substring(0, body.indexOf("content_block_stop"))).closeMidBody().build());
        Result r = run(apiEnv(), "Hello");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(BrookCli.INCOMPLETE);
        assertThat(r.err()).startsWith("brook: incomplete stream: ");
    }

    @Test
    void connectionRefusedExitsWith7() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again at once: nothing listens there
        }
        Result r = run(Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", "http://127.0.0.1:" + port), "Hello");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(BrookCli.CONNECTION);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("brook: connection failed: ").contains("127.0.0.1:" + port);
        assertThat(r.out()).isEmpty();
    }

    // ---- usage ----

    @TestFactory
    Stream<DynamicTest> usageErrorsExitWith2AndOneLine() {
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put("no prompt", new String[] {});
        cases.put("unknown option", new String[] {"--frobnicate", "hi"});
        cases.put("missing value", new String[] {"hi", "--model"});
        cases.put("bad max tokens", new String[] {"--max-tokens", "lots", "hi"});
        cases.put("zero thinking budget", new String[] {"--thinking=0", "hi"});
        cases.put("flag with a value", new String[] {"--events=yes", "hi"});
        cases.put("events and json", new String[] {"--events", "--json", "hi"});
        cases.put("decode option on chat", new String[] {"--final", "hi"});
        cases.put("chat option on decode", new String[] {"decode", "--model", "x", "f.sse"});
        cases.put("sse and final", new String[] {"decode", "--sse", "--final", "f.sse"});
        cases.put("two files", new String[] {"decode", "a.sse", "b.sse"});
        cases.put("unknown transport", new String[] {"--transport", "carrier-pigeon", "hi"});
        return cases.entrySet().stream().map(c -> dynamicTest(c.getKey(), () -> {
            Result r = run(Map.of(), c.getValue());
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(BrookCli.USAGE);
            assertThat(r.out()).isEmpty();
            assertThat(r.errLines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).startsWith("brook: ");
        }));
    }

    @Test
    void unknownTransportListsTheTransportsFound() {
        Result r = run(Map.of(), "--transport", "carrier-pigeon", "hi");
        assertThat(r.err()).contains("carrier-pigeon").contains("jdk");
    }

    @Test
    void helpAndVersion() {
        Result help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).isEqualTo(BrookCli.USAGE_TEXT).contains("brook decode [--sse | --final] [FILE | -]");
        assertThat(run("decode", "-h").out()).isEqualTo(BrookCli.USAGE_TEXT);
        Result version = run("--version");
        // The project version, which surefire passes from the pom: Brook.VERSION comes from the build.
        String projectVersion = System.getProperty("brook.expectedVersion");
        assertThat(projectVersion).isNotBlank();
        assertThat(version.out()).isEqualTo("brook " + projectVersion + "\n");
    }

    @Test
    void aPromptAfterDoubleDashMayBeTheWordDecode() {
        Result r = run(Map.of(), "--json", "--", "decode");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(json(r.out()).get("type").asText()).isEqualTo("message");
    }
}
