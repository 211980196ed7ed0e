package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.error.ApiException;
import dev.brook.core.error.AuthenticationException;
import dev.brook.core.error.BadRequestException;
import dev.brook.core.error.ConflictException;
import dev.brook.core.error.InternalServerException;
import dev.brook.core.error.NotFoundException;
import dev.brook.core.error.OverloadedException;
import dev.brook.core.error.PermissionDeniedException;
import dev.brook.core.error.RateLimitException;
import dev.brook.core.error.RequestTooLargeException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.error.UnprocessableEntityException;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every error status becomes its typed exception with the error type, message, request id and raw body;
 * a 200 that is not an event stream is a protocol error.
 */
public interface ErrorStatusSuite extends TransportSuite {

    /**
     * Each error status becomes its exception class (400 {@code BadRequestException} to 529
     * {@code OverloadedException}, an unlisted one {@code ApiException}), with the error type, message,
     * request id and raw body.
     *
     * @return one dynamic test per status
     */
    @TestFactory
    default Stream<DynamicTest> everyErrorStatusBecomesItsTypedException() {
        Map<Integer, Class<? extends ApiException>> expected = Map.ofEntries(
                Map.entry(400, BadRequestException.class),
                Map.entry(401, AuthenticationException.class),
                Map.entry(403, PermissionDeniedException.class),
                Map.entry(404, NotFoundException.class),
                Map.entry(409, ConflictException.class),
                Map.entry(413, RequestTooLargeException.class),
                Map.entry(422, UnprocessableEntityException.class),
                Map.entry(429, RateLimitException.class),
                Map.entry(500, InternalServerException.class),
                Map.entry(503, InternalServerException.class),
                Map.entry(529, OverloadedException.class),
                Map.entry(418, ApiException.class));
        FakeMessagesServer server = newServer();
        Transport transport = newTransport();
        Brook brook = Tck.brook(transport, server).build();
        return expected.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> DynamicTest.dynamicTest("HTTP " + entry.getKey(), () -> {
                    int status = entry.getKey();
                    String body = "{\"type\":\"error\",\"error\":{\"type\":\"tck_error_" + status
                            + "\",\"message\":\"status " + status + " from the TCK\"}}";
                    server.enqueue(ScriptedResponse.builder()
                            .status(status)
                            .header("content-type", "application/json")
                            .header("request-id", "req_tck_" + status)
                            .header("retry-after-ms", "1500")
                            .body(body)
                            .build());
                    Throwable thrown = catchThrowable(() -> brook.messages().stream(Tck.request()).close());
                    assertThat(thrown).isExactlyInstanceOf(entry.getValue());
                    ApiException e = (ApiException) thrown;
                    assertThat(e.statusCode()).isEqualTo(status);
                    assertThat(e.errorType()).isEqualTo("tck_error_" + status);
                    assertThat(e.errorMessage()).isEqualTo("status " + status + " from the TCK");
                    assertThat(e.requestId()).contains("req_tck_" + status);
                    assertThat(e.rawBody()).isEqualTo(body);
                    assertThat(e.getMessage()).isEqualTo("HTTP " + status + " tck_error_" + status
                            + ": status " + status + " from the TCK (request-id req_tck_" + status + ")");
                    if (e instanceof RateLimitException r) {
                        assertThat(r.retryAfter()).contains(Duration.ofMillis(1500));
                    }
                }))
                .onClose(() -> {
                    brook.close();
                    transport.close();
                    server.close();
                });
    }

    /**
     * An error body that is not JSON is kept as received in {@code rawBody()}, with an empty error type and
     * message.
     */
    @Test
    default void errorBodyThatIsNotJsonIsKeptRaw() {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(ScriptedResponse.builder().status(502).header("content-type", "text/html")
                    .body("<html>Bad gateway</html>").build());
            Throwable thrown = catchThrowable(() -> brook.messages().stream(Tck.request()));
            assertThat(thrown).isExactlyInstanceOf(InternalServerException.class);
            ApiException e = (ApiException) thrown;
            assertThat(e.errorType()).isEmpty();
            assertThat(e.rawBody()).isEqualTo("<html>Bad gateway</html>");
            assertThat(e.requestId()).isEmpty();
        }
    }

    /**
     * A 200 whose content type is not {@code text/event-stream} is a protocol error naming the type received.
     */
    @Test
    default void okResponseThatIsNotAnEventStreamIsAProtocolError() {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(ScriptedResponse.builder().status(200).header("content-type", "text/html; charset=utf-8")
                    .body("<html>captive portal</html>").build());
            Throwable thrown = catchThrowable(() -> brook.messages().stream(Tck.request()));
            assertThat(thrown).isInstanceOf(StreamProtocolException.class)
                    .hasMessageContaining("text/event-stream")
                    .hasMessageContaining("text/html; charset=utf-8");
        }
    }

    /**
     * The {@code text/event-stream} media type is recognised whatever its case and parameters.
     */
    @Test
    default void eventStreamMediaTypeIsComparedIgnoringCaseAndParameters() {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            byte[] text = ConformanceData.read("fixtures/text-basic.sse");
            server.enqueue(ScriptedResponse.builder().status(200)
                    .header("content-type", "Text/Event-Stream; charset=UTF-8")
                    .body(new String(text, java.nio.charset.StandardCharsets.UTF_8)).build());
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                assertThat(stream.finalText()).startsWith("Once upon a time");
            }
        }
    }
}
