package dev.brook.cli;

import static dev.brook.cli.CliRunner.conformanceDir;
import static dev.brook.cli.CliRunner.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.Brook;
import dev.brook.core.client.CallInfo;
import dev.brook.core.client.CallListener;
import dev.brook.core.client.MessageStream;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Message;
import dev.brook.core.request.MessageRequest;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's "Observing calls" examples, run against the loopback server with what they print checked
 * ({@link ReadmeExamplesTest#everyJavaBlockOfTheReadmeIsInTheseSources()} finds them here).
 */
class ObservabilityExamplesTest {
    private static final Path FIXTURES = conformanceDir().resolve("fixtures");

    private FakeMessagesServer server;
    private PrintStream savedErr;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        server = new FakeMessagesServer().start();
        savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        try {
            server.close();
        } finally {
            System.setErr(savedErr);
        }
    }

    private static MessageRequest hello() {
        return MessageRequest.builder().model("claude-opus-4-6").maxTokens(256).addUserMessage("Hello").build();
    }

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
        String printed = err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("call "))
                .collect(Collectors.joining("\n"));
        assertThat(printed).matches("call (\\d+): HTTP 200, request-id req_readme_1\n"
                + "call \\1: first token after \\d+ ms\n"
                + "call \\1: " + message.usage().outputTokens() + " output tokens");
    }
}
