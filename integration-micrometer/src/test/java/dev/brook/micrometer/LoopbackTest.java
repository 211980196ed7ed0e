package dev.brook.micrometer;

import dev.brook.core.client.Brook;
import dev.brook.core.request.MessageRequest;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.transport.jdk.JdkTransportProvider;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real loopback Messages server, the {@code jdk} transport, a {@link SimpleMeterRegistry} and a
 * {@link TestObservationRegistry} per test; clients made here are closed after it.
 */
abstract class LoopbackTest {
    static final String MODEL = "claude-micrometer-test";
    static final Duration WAIT = Duration.ofSeconds(10);

    /** {@code message_start}, a text block and its first delta ({@code "first"}). */
    static final String HEAD = "event: message_start\n"
            + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_mm_1\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-served\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}}\n\n"
            + "event: content_block_start\n"
            + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"first\"}}\n\n";
    /** The rest of the reply after {@link #HEAD}: block stop, {@code end_turn} with 5 output tokens, stop. */
    static final String TAIL = "event: content_block_stop\n"
            + "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\n"
            + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
            + "\"usage\":{\"output_tokens\":5}}\n\n"
            + "event: message_stop\n"
            + "data: {\"type\":\"message_stop\"}\n\n";

    FakeMessagesServer server;
    Transport transport;
    SimpleMeterRegistry meters;
    TestObservationRegistry observations;
    private final List<Brook> clients = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = new FakeMessagesServer().start();
        transport = new JdkTransportProvider().create(TransportConfig.defaults());
        meters = new SimpleMeterRegistry();
        observations = TestObservationRegistry.create();
    }

    @AfterEach
    void stopServer() {
        clients.forEach(Brook::close);
        transport.close();
        server.close();
    }

    /** A client on the loopback server, without retries, recording on {@link #meters} only. */
    Brook.Builder client() {
        return client(MicrometerCallListener.builder(meters).build());
    }

    /** A client on the loopback server, without retries, recording on {@link #meters} and {@link #observations}. */
    Brook.Builder observedClient() {
        return client(MicrometerCallListener.builder(meters).observationRegistry(observations).build());
    }

    Brook.Builder client(MicrometerCallListener listener) {
        return Brook.builder()
                .apiKey("sk-ant-micrometer-test-SECRET")
                .baseUrl(server.baseUri().toString())
                .transport(transport)
                .maxRetries(0)
                .idleTimeout(WAIT)
                .addCallListener(listener);
    }

    /** Builds {@code builder} and closes the client after the test. */
    Brook build(Brook.Builder builder) {
        Brook brook = builder.build();
        clients.add(brook);
        return brook;
    }

    static MessageRequest request() {
        return MessageRequest.builder().model(MODEL).maxTokens(256).addUserMessage("Tell me a story.").build();
    }

    /** {@link #HEAD}, then {@code rest}: a 200 event stream whose head is flushed first. */
    static ScriptedResponse.Builder head() {
        return ScriptedResponse.builder()
                .status(200)
                .header("content-type", "text/event-stream")
                .header("request-id", "req_mm_1")
                .chunk(HEAD.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    static String errorBody(String type) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + type + " from the test\"}}";
    }

    /** The one duration timer; fails if the duration was recorded under more than one set of tags. */
    Timer duration() {
        List<Timer> timers = new ArrayList<>(meters.get("gen_ai.client.operation.duration").timers());
        if (timers.size() != 1) {
            throw new AssertionError("expected one duration series, got " + describe(timers));
        }
        return timers.get(0);
    }

    /** The tags of {@code meter} as {@code key=value} strings. */
    static List<String> tags(Meter meter) {
        return meter.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.toList());
    }

    private static String describe(List<? extends Meter> meters) {
        return meters.stream().map(m -> m.getId().toString()).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The total recorded on {@code gen_ai.client.token.usage} for a token type; 0 when never recorded. */
    double tokens(String type) {
        return meters.find("gen_ai.client.token.usage").tag("gen_ai.token.type", type).summaries().stream()
                .mapToDouble(s -> s.totalAmount()).sum();
    }

    /** How many times a token usage of {@code type} was recorded. */
    long tokenRecordings(String type) {
        return meters.find("gen_ai.client.token.usage").tag("gen_ai.token.type", type).summaries().stream()
                .mapToLong(s -> s.count()).sum();
    }

    /** How many times the time to first chunk was recorded, over every series. */
    long timeToFirstChunkCount() {
        return meters.find("gen_ai.client.operation.time_to_first_chunk").timers().stream().mapToLong(Timer::count).sum();
    }

    /** The streams open now, over every series; 0 when none was ever opened. */
    int activeStreams() {
        return meters.find("brook.client.active_streams").longTaskTimers().stream()
                .mapToInt(t -> t.activeTasks()).sum();
    }

    /** The retries counted with this error type. */
    double retries(String errorType) {
        return meters.find("brook.client.retries").tag("error.type", errorType).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
