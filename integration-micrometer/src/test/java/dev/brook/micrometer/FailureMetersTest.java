package dev.brook.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.error.BadRequestException;
import dev.brook.core.error.ConnectionException;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.InternalServerException;
import dev.brook.core.error.OverloadedException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.json.JsonValue;
import dev.brook.tck.ConformanceData;
import dev.brook.tck.Fixture;
import dev.brook.testkit.ScriptedResponse;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A call that fails records one duration with outcome {@code error} (or {@code cancelled}) and its
 * {@code error.type}, and the usage the stream had reached; a retried call counts its retries.
 */
class FailureMetersTest extends LoopbackTest {

    static Stream<Fixture> streamErrorFixtures() {
        return ConformanceData.fixtures().stream().filter(f -> f.outcome() == Fixture.Outcome.STREAM_ERROR);
    }

    static Stream<Fixture> incompleteFixtures() {
        return ConformanceData.fixtures().stream().filter(f -> f.outcome() == Fixture.Outcome.INCOMPLETE);
    }

    static Stream<Fixture> protocolFixtures() {
        return ConformanceData.fixtures().stream().filter(f -> f.outcome() == Fixture.Outcome.PROTOCOL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamErrorFixtures")
    void errorEventRecordsItsTypeAndTheUsageSoFar(Fixture f) {
        server.enqueue(ScriptedResponse.sseInChunks(f.stream(), 7, Duration.ZERO));
        Throwable thrown = readToTheEnd(build(client()));

        assertThat(thrown).isInstanceOf(StreamErrorException.class);
        assertThat(tags(duration())).contains("outcome=error", "error.type=" + f.errorType(),
                "gen_ai.response.finish_reasons=none");
        assertThat(duration().count()).isEqualTo(1);
        assertSnapshotUsage(f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompleteFixtures")
    void bodyEndingBeforeMessageStopRecordsIncompleteStreamAndTheUsageSoFar(Fixture f) {
        server.enqueue(ScriptedResponse.sseInChunks(f.stream(), 7, Duration.ZERO));
        Throwable thrown = readToTheEnd(build(client()));

        assertThat(thrown).isInstanceOf(IncompleteStreamException.class);
        assertThat(tags(duration())).contains("outcome=error", "error.type=IncompleteStreamException");
        assertSnapshotUsage(f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocolFixtures")
    void protocolErrorRecordsStreamProtocolException(Fixture f) {
        server.enqueue(ScriptedResponse.sse(f.stream()));
        Throwable thrown = readToTheEnd(build(client()));

        assertThat(thrown).isInstanceOf(StreamProtocolException.class);
        assertThat(tags(duration())).contains("outcome=error", "error.type=StreamProtocolException");
        assertThat(activeStreams()).isZero();
    }

    @Test
    void connectionDroppedMidEventRecordsIncompleteStreamWithTheHeadsUsage() {
        server.enqueue(head()
                .chunk("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"ind")
                .closeMidBody()
                .build());
        Throwable thrown = readToTheEnd(build(client()));

        assertThat(thrown).isInstanceOf(IncompleteStreamException.class);
        assertThat(tags(duration())).contains("outcome=error", "error.type=IncompleteStreamException");
        assertThat(tokens("input")).isEqualTo(11);
        assertThat(tokens("output")).isEqualTo(1);
        assertThat(timeToFirstChunkCount()).as("the head's delta came before the drop").isEqualTo(1);
        assertThat(activeStreams()).isZero();
    }

    @Test
    void errorStatusRecordsTheApiErrorTypeAndNoUsage() {
        server.enqueue(ScriptedResponse.builder().status(400).header("content-type", "application/json")
                .header("request-id", "req_mm_400").body(errorBody("invalid_request_error")).build());
        Throwable thrown = catchThrowable(() -> build(client()).messages().stream(request()).close());

        assertThat(thrown).isInstanceOf(BadRequestException.class);
        assertThat(duration().count()).isEqualTo(1);
        assertThat(tags(duration())).contains("outcome=error", "error.type=invalid_request_error",
                "gen_ai.response.finish_reasons=none");
        assertThat(tags(duration())).noneMatch(tag -> tag.contains("req_mm_400"));
        assertThat(meters.find("gen_ai.client.token.usage").meters()).isEmpty();
        assertThat(timeToFirstChunkCount()).isZero();
        assertThat(activeStreams()).isZero();
    }

    @Test
    void errorStatusWithoutAnErrorTypeRecordsTheStatus() {
        server.enqueue(ScriptedResponse.builder().status(502).header("content-type", "text/html")
                .body("<html>Bad gateway</html>").build());
        Throwable thrown = catchThrowable(() -> build(client()).messages().stream(request()));

        assertThat(thrown).isExactlyInstanceOf(InternalServerException.class);
        assertThat(tags(duration())).contains("outcome=error", "error.type=502");
    }

    @Test
    void refusedConnectionRecordsConnectionException() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Brook brook = build(client().baseUrl("http://127.0.0.1:" + port));
        Throwable thrown = catchThrowable(() -> brook.messages().stream(request()));

        assertThat(thrown).isInstanceOf(ConnectionException.class);
        assertThat(tags(duration())).contains("outcome=error", "error.type=ConnectionException",
                "server.port=" + port);
        assertThat(activeStreams()).isZero();
    }

    @Test
    void idleTimeoutRecordsStreamTimeoutException() {
        server.enqueue(head().stall(Duration.ofSeconds(30)).build());
        Throwable thrown = readToTheEnd(build(client().idleTimeout(Duration.ofMillis(200))));

        assertThat(thrown).isInstanceOf(StreamTimeoutException.class);
        assertThat(tags(duration())).contains("outcome=error", "error.type=StreamTimeoutException");
        assertThat(tokens("input")).isEqualTo(11);
    }

    @Test
    void streamClosedBeforeItsEndRecordsCancelled() {
        CountDownLatch release = new CountDownLatch(1);
        server.enqueue(head().awaitSignal(release, WAIT).chunk(TAIL).build());
        Brook brook = build(client());
        try {
            try (MessageStream stream = brook.messages().stream(request())) {
                Iterator<StreamEvent> events = stream.iterator();
                events.next(); // message_start: the stream is under way
            }
            assertThat(duration().count()).isEqualTo(1);
            assertThat(tags(duration())).contains("outcome=cancelled", "error.type=CancellationException",
                    "gen_ai.response.finish_reasons=none");
            assertThat(activeStreams()).isZero();
        } finally {
            release.countDown();
        }
    }

    @Test
    void overloadedThenOkCountsOneRetryAndOneSuccess() {
        server.enqueue(ScriptedResponse.builder().status(529).header("content-type", "application/json")
                .header("retry-after-ms", "1").body(errorBody("overloaded_error")).build());
        server.enqueue(ScriptedResponse.sse(FixtureMetersTest.fixture("text-basic").stream()));
        Brook brook = build(client().maxRetries(2));
        try (MessageStream stream = brook.messages().stream(request())) {
            stream.finalMessage();
        }

        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(retries("overloaded_error")).isEqualTo(1);
        assertThat(tags(meters.get("brook.client.retries").counter()))
                .contains("gen_ai.request.model=" + MODEL, "gen_ai.provider.name=anthropic");
        assertThat(duration().count()).as("one call, however many attempts").isEqualTo(1);
        assertThat(tags(duration())).contains("outcome=success", "error.type=none");
        assertThat(tokens("input")).isEqualTo(25);
    }

    @Test
    void overloadedOnEveryAttemptCountsEachRetryAndRecordsTheLastError() {
        server.respondAlways(ScriptedResponse.builder().status(529).header("content-type", "application/json")
                .header("retry-after-ms", "1").body(errorBody("overloaded_error")).build());
        Throwable thrown = catchThrowable(() -> build(client().maxRetries(2)).messages().stream(request()));

        assertThat(thrown).isInstanceOf(OverloadedException.class);
        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(retries("overloaded_error")).isEqualTo(2);
        assertThat(duration().count()).isEqualTo(1);
        assertThat(tags(duration())).contains("outcome=error", "error.type=overloaded_error");
    }

    /** Reads every event of a stream; returns what it threw. */
    private static Throwable readToTheEnd(Brook brook) {
        return catchThrowable(() -> {
            try (MessageStream stream = brook.messages().stream(request())) {
                stream.forEach(e -> { });
            }
        });
    }

    private void assertSnapshotUsage(Fixture f) {
        JsonValue usage = f.expectedMessage().get("usage").orElseThrow();
        assertThat(tokens("input")).isEqualTo(((JsonValue.JsonNumber) usage.get("input_tokens").orElseThrow()).longValue());
        assertThat(tokens("output")).isEqualTo(((JsonValue.JsonNumber) usage.get("output_tokens").orElseThrow()).longValue());
        assertThat(activeStreams()).isZero();
    }
}
