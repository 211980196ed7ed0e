package dev.brook.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.StreamListener;
import dev.brook.core.event.Message;
import dev.brook.core.json.JsonValue;
import dev.brook.tck.ConformanceData;
import dev.brook.tck.Fixture;
import dev.brook.testkit.ScriptedResponse;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture that completes, streamed from the loopback server, records the fixture's usage, one
 * successful duration with its stop reason, and a time to first chunk exactly when the stream has content.
 */
class FixtureMetersTest extends LoopbackTest {
    /** A content delta as Brook's first-token report counts it: text, thinking or tool input. */
    private static final Pattern CONTENT_DELTA =
            Pattern.compile("\"type\"\\s*:\\s*\"(text_delta|thinking_delta|input_json_delta)\"");

    static Stream<Fixture> completeFixtures() {
        return ConformanceData.fixtures().stream().filter(f -> f.outcome() == Fixture.Outcome.COMPLETE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("completeFixtures")
    void syncFinalMessageRecordsTheFixturesUsageOneSuccessAndTheFirstChunk(Fixture f) {
        server.enqueue(ScriptedResponse.sseInChunks(f.stream(), 7, Duration.ZERO));
        Brook brook = build(client());
        try (MessageStream stream = brook.messages().stream(request())) {
            stream.finalMessage();
        }
        assertFixtureMeters(f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("completeFixtures")
    void asyncFinalMessageRecordsTheSameMeters(Fixture f) throws Exception {
        server.enqueue(ScriptedResponse.sseInChunks(f.stream(), 7, Duration.ZERO));
        Brook brook = build(client());
        Message message = brook.messages().streamAsync(request(), new StreamListener() { })
                .finalMessage().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(message.stopReason()).isPresent();
        assertFixtureMeters(f);
    }

    @Test
    void syncAndAsyncCallsOfOneFixtureShareTheirMeters() throws Exception {
        Fixture f = fixture("text-basic");
        server.enqueue(ScriptedResponse.sse(f.stream()));
        server.enqueue(ScriptedResponse.sse(f.stream()));
        Brook brook = build(client());
        try (MessageStream stream = brook.messages().stream(request())) {
            stream.finalMessage();
        }
        int metersAfterOne = meters.getMeters().size();
        Timer timer = duration();
        brook.messages().streamAsync(request(), new StreamListener() { }).finalMessage()
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(meters.getMeters()).as("a second call registers no meter").hasSize(metersAfterOne);
        assertThat(duration()).as("the same timer, reused").isSameAs(timer);
        assertThat(timer.count()).isEqualTo(2);
        assertThat(tokens("input")).isEqualTo(2.0 * 25);
        assertThat(tokens("output")).isEqualTo(2.0 * 57);
        assertThat(timeToFirstChunkCount()).isEqualTo(2);
    }

    @Test
    void createRecordsDurationAndUsageButNoFirstChunkNorOpenStream() {
        Fixture f = fixture("text-basic");
        server.enqueue(ScriptedResponse.json(200, f.expectedMessage().toJson()));
        Brook brook = build(client());
        brook.messages().create(request());

        assertThat(duration().count()).isEqualTo(1);
        assertThat(tags(duration())).contains("outcome=success", "error.type=none",
                "gen_ai.response.finish_reasons=end_turn");
        assertThat(tokens("input")).isEqualTo(25);
        assertThat(tokens("output")).isEqualTo(57);
        assertThat(meters.find("gen_ai.client.operation.time_to_first_chunk").meters())
                .as("the conventions report the first chunk for streams only").isEmpty();
        assertThat(meters.find("brook.client.active_streams").meters()).isEmpty();
    }

    private void assertFixtureMeters(Fixture f) {
        JsonValue usage = f.expectedMessage().get("usage").orElseThrow();
        // The GenAI conventions count Anthropic's cache reads and writes as input tokens.
        long input = count(usage, "input_tokens") + count(usage, "cache_creation_input_tokens")
                + count(usage, "cache_read_input_tokens");
        assertThat(tokens("input")).as("input tokens").isEqualTo(input);
        assertThat(tokens("output")).as("output tokens").isEqualTo(count(usage, "output_tokens"));
        assertThat(tokenRecordings("input")).isEqualTo(1);
        assertThat(tokenRecordings("output")).isEqualTo(1);

        Timer duration = duration();
        assertThat(duration.count()).isEqualTo(1);
        String stopReason = f.expectedMessage().get("stop_reason").flatMap(JsonValue::asString).orElseThrow();
        assertThat(tags(duration)).containsExactlyInAnyOrder(
                "gen_ai.operation.name=chat",
                "gen_ai.provider.name=anthropic",
                "gen_ai.request.model=" + MODEL,
                "server.address=" + server.baseUri().getHost(),
                "server.port=" + server.port(),
                "brook.transport=jdk",
                "outcome=success",
                "error.type=none",
                "gen_ai.response.finish_reasons=" + stopReason);

        boolean hasContent = CONTENT_DELTA.matcher(new String(f.stream(), StandardCharsets.UTF_8)).find();
        assertThat(timeToFirstChunkCount()).as("time to first chunk recordings").isEqualTo(hasContent ? 1 : 0);
        if (hasContent) {
            Timer ttfc = meters.get("gen_ai.client.operation.time_to_first_chunk").timer();
            assertThat(ttfc.totalTime(TimeUnit.NANOSECONDS)).as("the first chunk comes within the call")
                    .isLessThanOrEqualTo(duration.totalTime(TimeUnit.NANOSECONDS));
            assertThat(tags(ttfc)).doesNotContain("outcome=success").contains("gen_ai.request.model=" + MODEL);
        }
        assertThat(activeStreams()).as("no stream open after the end").isZero();
        assertThat(meters.find("brook.client.retries").meters()).isEmpty();
    }

    private static long count(JsonValue usage, String field) {
        return usage.get(field).map(v -> ((JsonValue.JsonNumber) v).longValue()).orElse(0L);
    }

    static Fixture fixture(String name) {
        return ConformanceData.fixtures().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
}
