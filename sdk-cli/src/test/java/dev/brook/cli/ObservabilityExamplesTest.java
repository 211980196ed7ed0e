package dev.brook.cli;

import static dev.brook.cli.CliRunner.conformanceDir;
import static dev.brook.cli.CliRunner.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.Brook;
import dev.brook.core.client.CallInfo;
import dev.brook.core.client.CallListener;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.StreamListener;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Message;
import dev.brook.core.request.MessageRequest;
import dev.brook.micrometer.MicrometerCallListener;
import dev.brook.opentelemetry.OpenTelemetryCallListener;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
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
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
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
        PrintStream savedOut = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try (Brook example = openTelemetryClient(openTelemetry, "test-key");
                Brook brook = example.newBuilder().baseUrl(server.baseUri().toString()).build()) {
            tellAStory(openTelemetry, brook, hello());
        } finally {
            System.setOut(savedOut);
        }
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
}
