package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.BatchRequest;
import dev.brook.core.client.BatchResult;
import dev.brook.core.client.BatchResults;
import dev.brook.core.client.Batches;
import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageBatch;
import dev.brook.core.client.ModelInfo;
import dev.brook.core.client.Page;
import dev.brook.core.client.PageRequest;
import dev.brook.core.client.TokenCount;
import dev.brook.core.error.ApiException;
import dev.brook.core.error.AuthenticationException;
import dev.brook.core.error.BadRequestException;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.InternalServerException;
import dev.brook.core.error.NotFoundException;
import dev.brook.core.error.OverloadedException;
import dev.brook.core.error.RateLimitException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.Message;
import dev.brook.core.json.JsonValue;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The endpoints beside streaming, on the transport under test: {@code create} returns the non-streaming
 * message of every fixture and fails, retries and identifies itself as streaming does;
 * {@code countTokens}; models listed page by page and retrieved; Message Batches created, retrieved,
 * listed, canceled, deleted, and their JSONL results read line by line, typed.
 */
public interface EndpointSuite extends TransportSuite {

    /**
     * For every complete fixture, {@code create()} returns the message whose JSON the server sent (the
     * fixture's expected final message), sent as {@code POST /v1/messages} without {@code stream}, with
     * the request id on the way.
     */
    @Test
    default void createReturnsTheNonStreamingMessageOfEveryFixture() {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            int served = 0;
            for (Fixture f : ConformanceData.fixtures()) {
                if (f.outcome() != Fixture.Outcome.COMPLETE) {
                    continue;
                }
                server.enqueue(json(200, f.expectedMessage().toJson(), "req_create_" + f.name()));
                Message message = brook.messages().create(Tck.request());
                assertThat(JsonValue.parse(message.toJson())).as(f.name()).isEqualTo(f.expectedMessage());
                assertThat(message.text()).as(f.name()).isEqualTo(f.text());
                served++;
            }
            assertThat(served).as("complete fixtures").isGreaterThan(0);
            RecordedRequest sent = server.requests().get(0);
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.path()).isEqualTo("/v1/messages");
            assertThat(sent.header("accept")).hasValue("application/json");
            JsonValue body = JsonValue.parse(sent.bodyAsString());
            assertThat(member(body, "stream")).isNull();
            assertThat(member(body, "max_tokens")).isEqualTo(JsonValue.of(256));
        }
    }

    /**
     * {@code create()} turns each error status into the exception {@code stream()} throws for it, with the
     * same message, error type, request id and raw body.
     */
    @Test
    default void createMapsErrorStatusesToTheSameExceptionsAsStreaming() {
        Map<Integer, Class<? extends ApiException>> expected = Map.of(400, BadRequestException.class,
                401, AuthenticationException.class, 404, NotFoundException.class, 429, RateLimitException.class,
                500, InternalServerException.class, 529, OverloadedException.class, 418, ApiException.class);
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            for (Map.Entry<Integer, Class<? extends ApiException>> entry : expected.entrySet()) {
                int status = entry.getKey();
                ScriptedResponse error = error(status, "tck_error_" + status, "req_err_" + status);
                server.enqueue(error);
                Throwable streamed = catchThrowable(() -> brook.messages().stream(Tck.request()).close());
                server.enqueue(error);
                Throwable created = catchThrowable(() -> brook.messages().create(Tck.request()));
                assertThat(created).as("HTTP %d", status).isExactlyInstanceOf(entry.getValue());
                assertThat(created.getClass()).isEqualTo(streamed.getClass());
                assertThat(created.getMessage()).isEqualTo(streamed.getMessage());
                ApiException e = (ApiException) created;
                assertThat(e.statusCode()).isEqualTo(status);
                assertThat(e.errorType()).isEqualTo("tck_error_" + status);
                assertThat(e.requestId()).hasValue("req_err_" + status);
                assertThat(e.rawBody()).isEqualTo(((ApiException) streamed).rawBody());
            }
        }
    }

    /**
     * {@code create()} retries a 529 and a 500 as streaming does and then returns the message; a 400 is not
     * retried; a 200 that is not a message is a protocol error carrying the request id.
     */
    @Test
    default void createRetriesRetryableStatusesAndIdentifiesItsFailures() {
        String message = new String(ConformanceData.read("fixtures/text-basic.final.json"), StandardCharsets.UTF_8);
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).maxRetries(2).build()) {
            server.enqueue(error(529, "overloaded_error", "req_1").newBuilder().header("retry-after-ms", "10").build());
            server.enqueue(error(500, "api_error", "req_2").newBuilder().header("retry-after-ms", "10").build());
            server.enqueue(json(200, message, "req_3"));
            assertThat(brook.messages().create(Tck.request()).text()).startsWith("Once upon a time");
            assertThat(server.requestCount()).isEqualTo(3);

            server.enqueue(error(400, "invalid_request_error", "req_4"));
            Throwable bad = catchThrowable(() -> brook.messages().create(Tck.request()));
            assertThat(bad).isExactlyInstanceOf(BadRequestException.class);
            assertThat(((BrookException) bad).attempts()).isEqualTo(1);
            assertThat(server.requestCount()).isEqualTo(4);

            server.enqueue(json(200, "[\"not a message\"]", "req_5"));
            Throwable notAMessage = catchThrowable(() -> brook.messages().create(Tck.request()));
            assertThat(notAMessage).isInstanceOf(StreamProtocolException.class)
                    .hasMessageContaining("POST /v1/messages");
            assertThat(((BrookException) notAMessage).requestId()).hasValue("req_5");
        }
    }

    /**
     * {@code countTokens()} posts the request to {@code /v1/messages/count_tokens} without {@code max_tokens}
     * or {@code stream} and returns {@code input_tokens}, keeping unknown fields.
     */
    @Test
    default void countTokensPostsTheRequestWithoutMaxTokens() {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(json(200, "{\"input_tokens\":42,\"future_field\":{\"a\":1}}", "req_count"));
            TokenCount count = brook.messages().countTokens(Tck.request());
            assertThat(count.inputTokens()).isEqualTo(42);
            assertThat(count.unknownFields()).containsEntry("future_field", JsonValue.parse("{\"a\":1}"));
            RecordedRequest sent = server.requests().get(0);
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.path()).isEqualTo("/v1/messages/count_tokens");
            JsonValue body = JsonValue.parse(sent.bodyAsString());
            assertThat(member(body, "max_tokens")).isNull();
            assertThat(member(body, "stream")).isNull();
            assertThat(member(body, "model")).isEqualTo(JsonValue.of("claude-tck"));
            assertThat(member(body, "messages")).isNotNull();
        }
    }

    /**
     * {@code models().listAll()} fetches the first page only when its first item is asked for and the next
     * one (with {@code after_id} = the page's {@code last_id}) only when the first is used up;
     * {@code retrieve(id)} gets {@code /v1/models/{id}}; a 404 is {@code NotFoundException} with the
     * request id.
     */
    @Test
    default void modelsAreListedPageByPageLazilyAndRetrieved() {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(json(200, "{\"data\":[" + model("m1") + "," + model("m2")
                    + "],\"has_more\":true,\"first_id\":\"m1\",\"last_id\":\"m2\"}", "req_p1"));
            server.enqueue(json(200, "{\"data\":[" + model("m3") + "],\"has_more\":false,\"first_id\":\"m3\","
                    + "\"last_id\":\"m3\"}", "req_p2"));
            Iterator<ModelInfo> all = brook.models().listAll(PageRequest.ofLimit(2)).iterator();
            assertThat(server.requestCount()).as("nothing fetched before the first item is asked for").isZero();
            ModelInfo first = all.next();
            assertThat(first.id()).isEqualTo("m1");
            assertThat(first.displayName()).isEqualTo("Model m1");
            assertThat(first.createdAt()).isEqualTo("2025-02-19T00:00:00Z");
            assertThat(first.type()).isEqualTo("model");
            assertThat(first.unknownFields()).containsEntry("future", JsonValue.TRUE);
            assertThat(all.next().id()).isEqualTo("m2");
            assertThat(server.requestCount()).as("the second page waits until the first is used up").isEqualTo(1);
            assertThat(all.next().id()).isEqualTo("m3");
            assertThat(all.hasNext()).isFalse();
            List<RecordedRequest> requests = server.requests();
            assertThat(requests).extracting(RecordedRequest::method).containsExactly("GET", "GET");
            assertThat(requests).extracting(RecordedRequest::path)
                    .containsExactly("/v1/models?limit=2", "/v1/models?limit=2&after_id=m2");
            assertThat(requests.get(0).header("content-type")).as("a GET has no body").isEmpty();

            server.enqueue(json(200, "{\"data\":[],\"has_more\":false,\"first_id\":null,\"last_id\":null}", "req_p3"));
            Page<ModelInfo> empty = brook.models().list(PageRequest.first().withBeforeId("m1"));
            assertThat(empty.data()).isEmpty();
            assertThat(empty.lastId()).isEmpty();
            assertThat(server.requests().get(2).path()).isEqualTo("/v1/models?before_id=m1");

            server.enqueue(json(200, model("claude-tck-1"), "req_model"));
            assertThat(brook.models().retrieve("claude-tck-1").id()).isEqualTo("claude-tck-1");
            assertThat(server.requests().get(3).path()).isEqualTo("/v1/models/claude-tck-1");

            server.enqueue(error(404, "not_found_error", "req_missing"));
            Throwable missing = catchThrowable(() -> brook.models().retrieve("nope"));
            assertThat(missing).isExactlyInstanceOf(NotFoundException.class);
            assertThat(((NotFoundException) missing).requestId()).hasValue("req_missing");
        }
    }

    /**
     * {@code awaitEnded} polls until the batch has ended, and gives the batch as last seen, not ended,
     * once its timeout has passed; negative durations are refused.
     *
     * @throws Exception if the thread is interrupted
     */
    @Test
    default void awaitEndedPollsUntilTheBatchEndsOrTheTimeoutPasses() throws Exception {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            Batches batches = brook.messages().batches();
            server.enqueue(json(200, batch("msgbatch_1", "in_progress", null), "req_p1"));
            server.enqueue(json(200, batch("msgbatch_1", "in_progress", null), "req_p2"));
            server.enqueue(json(200, batch("msgbatch_1", "ended", null), "req_p3"));
            MessageBatch ended = batches.awaitEnded("msgbatch_1", Duration.ZERO, Duration.ofMinutes(1));
            assertThat(ended.isEnded()).isTrue();
            assertThat(server.requests()).extracting(r -> r.method() + " " + r.path())
                    .containsOnly("GET /v1/messages/batches/msgbatch_1").hasSize(3);

            // Never ends: after the timeout, the batch as last seen, still processing, and no error.
            server.respondAlways(json(200, batch("msgbatch_1", "in_progress", null), "req_p4"));
            MessageBatch waiting = batches.awaitEnded("msgbatch_1", Duration.ofMillis(20), Duration.ofMillis(300));
            assertThat(waiting.isEnded()).isFalse();
            assertThat(server.requestCount()).as("polled more than once before giving up").isGreaterThan(4);
            assertThatThrownBy(() -> batches.awaitEnded("msgbatch_1", Duration.ofSeconds(-1), Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        }
    }

    /**
     * A batch is created from {@code custom_id} and non-streaming params, retrieved, listed, canceled and
     * deleted, each with its documented method and path.
     */
    @Test
    default void batchesAreCreatedRetrievedListedCanceledAndDeleted() {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            Batches batches = brook.messages().batches();
            server.enqueue(json(200, batch("msgbatch_1", "in_progress", null), "req_b1"));
            MessageBatch created = batches.create(List.of(BatchRequest.of("first", Tck.request()),
                    BatchRequest.of("second", Tck.request())));
            assertThat(created.id()).isEqualTo("msgbatch_1");
            assertThat(created.processingStatus()).isEqualTo("in_progress");
            assertThat(created.requestCounts().processing()).isEqualTo(2);
            assertThat(created.isEnded()).isFalse();
            assertThat(created.resultsUrl()).isEmpty();
            RecordedRequest sent = server.requests().get(0);
            assertThat(sent.method() + " " + sent.path()).isEqualTo("POST /v1/messages/batches");
            JsonValue body = JsonValue.parse(sent.bodyAsString());
            JsonValue.JsonArray requests = (JsonValue.JsonArray) member(body, "requests");
            assertThat(requests.elements()).hasSize(2);
            assertThat(member(requests.elements().get(0), "custom_id")).isEqualTo(JsonValue.of("first"));
            JsonValue params = member(requests.elements().get(0), "params");
            assertThat(params).isEqualTo(JsonValue.parse(new String(Tck.request().toJson(false), StandardCharsets.UTF_8)));
            assertThat(member(params, "stream")).isNull();

            server.enqueue(json(200, batch("msgbatch_1", "ended", server.url("/v1/messages/batches/msgbatch_1/results")
                    .toString()), "req_b2"));
            MessageBatch ended = batches.retrieve("msgbatch_1");
            assertThat(ended.isEnded()).isTrue();
            assertThat(ended.endedAt()).hasValue("2025-01-01T01:00:00Z");

            server.enqueue(json(200, "{\"data\":[" + batch("msgbatch_2", "ended", null) + "],\"has_more\":false,"
                    + "\"first_id\":\"msgbatch_2\",\"last_id\":\"msgbatch_2\"}", "req_b3"));
            Page<MessageBatch> page = batches.list(PageRequest.ofLimit(5).withAfterId("msgbatch_1"));
            assertThat(page.data()).extracting(MessageBatch::id).containsExactly("msgbatch_2");
            assertThat(page.hasMore()).isFalse();

            server.enqueue(json(200, batch("msgbatch_1", "canceling", null), "req_b4"));
            assertThat(batches.cancel("msgbatch_1").processingStatus()).isEqualTo("canceling");

            server.enqueue(json(200, "{\"id\":\"msgbatch_1\",\"type\":\"message_batch_deleted\"}", "req_b5"));
            assertThat(batches.delete("msgbatch_1")).isEqualTo("msgbatch_1");

            assertThat(server.requests().stream().skip(1).map(r -> r.method() + " " + r.path()).collect(Collectors.toList()))
                    .containsExactly("GET /v1/messages/batches/msgbatch_1",
                            "GET /v1/messages/batches?limit=5&after_id=msgbatch_1",
                            "POST /v1/messages/batches/msgbatch_1/cancel",
                            "DELETE /v1/messages/batches/msgbatch_1");
        }
    }

    /**
     * Batch results sent in 7-byte chunks are read line by line and typed: succeeded with its message,
     * errored with the inner error, canceled, expired, and an unknown type kept raw; blank lines are skipped,
     * CRLF and a last line without a terminator are read; the same through the batch's {@code results_url}.
     */
    @Test
    default void batchResultsAreReadLineByLineAndTyped() {
        String message = JsonValue.parse(new String(ConformanceData.read("fixtures/text-basic.final.json"),
                StandardCharsets.UTF_8)).toJson();
        String jsonl = "{\"custom_id\":\"a\",\"result\":{\"type\":\"succeeded\",\"message\":" + message + "}}\n"
                + "{\"custom_id\":\"b\",\"result\":{\"type\":\"errored\",\"error\":{\"type\":\"error\",\"error\":"
                + "{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: too large\"}}}}\r\n"
                + "\n"
                + "{\"custom_id\":\"c\",\"result\":{\"type\":\"canceled\"}}\n"
                + "{\"custom_id\":\"d\",\"result\":{\"type\":\"expired\"}}\n"
                + "{\"custom_id\":\"e\",\"result\":{\"type\":\"future_kind\",\"detail\":[1,2]}}";
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            for (int pass = 0; pass < 2; pass++) {
                MessageBatch ended = pass == 0 ? null
                        : batchOf(brook, server, server.url("/v1/messages/batches/msgbatch_9/results").toString());
                server.enqueue(ScriptedResponse.sseInChunks(jsonl.getBytes(StandardCharsets.UTF_8), 7, Duration.ZERO)
                        .newBuilder().header("request-id", "req_results").build());
                List<BatchResult> results = new ArrayList<>();
                try (BatchResults read = ended == null ? brook.messages().batches().results("msgbatch_9")
                        : brook.messages().batches().results(ended)) {
                    assertThat(read.requestId()).hasValue("req_results");
                    read.forEachRemaining(results::add);
                }
                RecordedRequest sent = server.requests().get(server.requests().size() - 1);
                assertThat(sent.method() + " " + sent.path()).isEqualTo("GET /v1/messages/batches/msgbatch_9/results");
                assertThat(results).extracting(BatchResult::customId).containsExactly("a", "b", "c", "d", "e");
                assertThat(results).extracting(BatchResult::type)
                        .containsExactly("succeeded", "errored", "canceled", "expired", "future_kind");
                Message succeeded = ((BatchResult.Succeeded) results.get(0)).message();
                assertThat(JsonValue.parse(succeeded.toJson())).isEqualTo(JsonValue.parse(message));
                BatchResult.Errored errored = (BatchResult.Errored) results.get(1);
                assertThat(errored.errorType()).isEqualTo("invalid_request_error");
                assertThat(errored.errorMessage()).isEqualTo("max_tokens: too large");
                assertThat(results.get(2)).isEqualTo(new BatchResult.Canceled("c"));
                assertThat(results.get(3)).isEqualTo(new BatchResult.Expired("d"));
                assertThat(((BatchResult.Unknown) results.get(4)).result())
                        .isEqualTo(JsonValue.parse("{\"type\":\"future_kind\",\"detail\":[1,2]}"));
            }
        }
    }

    /**
     * A results line that is not a result is a protocol error naming the line and carrying the request id;
     * a results read closed early releases its connection while the server is still sending.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void badResultLinesFailNamedAndClosingEarlyReleasesTheConnection() throws Exception {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(json(200, "{\"custom_id\":\"a\",\"result\":{\"type\":\"canceled\"}}\n{oops}\n", "req_bad"));
            Throwable bad;
            try (BatchResults read = brook.messages().batches().results("msgbatch_bad")) {
                assertThat(read.next().customId()).isEqualTo("a");
                bad = catchThrowable(read::next);
            }
            assertThat(bad).isInstanceOf(StreamProtocolException.class).hasMessageContaining("Line 2 ");
            assertThat(((BrookException) bad).requestId()).hasValue("req_bad");

            byte[] line = "{\"custom_id\":\"x\",\"result\":{\"type\":\"expired\"}}\n".getBytes(StandardCharsets.UTF_8);
            server.enqueue(ScriptedResponse.builder().header("content-type", "application/binary")
                    .repeat(line, 10_000_000).build());
            try (BatchResults read = brook.messages().batches().results("msgbatch_big")) {
                assertThat(read.next().customId()).isEqualTo("x");
            }
            assertThat(Tck.awaitReleased(protocol(), server, Tck.TIMEOUT))
                    .as("closing the results mid-body aborts the connection").isTrue();
        }
    }

    private static MessageBatch batchOf(Brook brook, FakeMessagesServer server, String resultsUrl) {
        server.enqueue(json(200, batch("msgbatch_9", "ended", resultsUrl), "req_batch"));
        return brook.messages().batches().retrieve("msgbatch_9");
    }

    private static String model(String id) {
        return "{\"type\":\"model\",\"id\":\"" + id + "\",\"display_name\":\"Model " + id
                + "\",\"created_at\":\"2025-02-19T00:00:00Z\",\"future\":true}";
    }

    private static String batch(String id, String status, String resultsUrl) {
        boolean ended = status.equals("ended");
        return "{\"id\":\"" + id + "\",\"type\":\"message_batch\",\"processing_status\":\"" + status + "\","
                + "\"request_counts\":{\"processing\":" + (ended ? 0 : 2) + ",\"succeeded\":" + (ended ? 2 : 0)
                + ",\"errored\":0,\"canceled\":0,\"expired\":0},"
                + "\"ended_at\":" + (ended ? "\"2025-01-01T01:00:00Z\"" : "null") + ","
                + "\"created_at\":\"2025-01-01T00:00:00Z\",\"expires_at\":\"2025-01-02T00:00:00Z\","
                + "\"archived_at\":null,\"cancel_initiated_at\":null,"
                + "\"results_url\":" + (resultsUrl == null ? "null" : "\"" + resultsUrl + "\"") + "}";
    }

    private static ScriptedResponse json(int status, String body, String requestId) {
        return ScriptedResponse.json(status, body).newBuilder().header("request-id", requestId).build();
    }

    private static ScriptedResponse error(int status, String type, String requestId) {
        return json(status, "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"status " + status
                + " from the TCK\"}}", requestId);
    }

    /** The member {@code name} of a JSON object, or null when absent. */
    private static JsonValue member(JsonValue object, String name) {
        return ((JsonValue.JsonObject) object).get(name).orElse(null);
    }
}
