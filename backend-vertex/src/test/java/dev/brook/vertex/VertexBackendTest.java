package dev.brook.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.RequestOptions;
import dev.brook.core.client.TokenCount;
import dev.brook.core.error.ApiException;
import dev.brook.core.error.AuthenticationException;
import dev.brook.core.error.CredentialsException;
import dev.brook.core.event.Message;
import dev.brook.core.json.JsonValue;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VertexBackendTest extends VertexLoopback {
    private static final String TOKEN = "ya29.current-token";

    private static CountingCredentials validFor(Duration lifetime) {
        return CountingCredentials.startingWith(CountingCredentials.token(TOKEN, lifetime), Duration.ofHours(1));
    }

    private static JsonValue body(RecordedRequest request) {
        return JsonValue.parse(request.bodyAsString());
    }

    @Test
    void streamGoesToStreamRawPredictWithTheModelInThePathAndTheVersionInTheBody() throws Exception {
        server.checkRequests(check(TOKEN).build());
        ConformanceFixtures.Fixture fixture = ConformanceFixtures.named("text-basic");
        server.enqueue(ScriptedResponse.sse(fixture.stream()));
        Brook brook = Brook.builder().backend(backend(validFor(Duration.ofHours(1)))).transport(transport).maxRetries(0)
                .addBeta("interleaved-thinking-2025-05-14").build();
        try (brook; MessageStream stream = brook.messages().stream(request())) {
            assertThat(stream.finalText()).isEqualTo(fixture.text());
        }

        RecordedRequest sent = server.takeRequest(WAIT).orElseThrow();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/projects/brook-test-project/locations/us-east5/publishers/anthropic/models/"
                + "claude-sonnet-4@20250514:streamRawPredict");
        assertThat(sent.header("authorization")).hasValue("Bearer " + TOKEN);
        assertThat(sent.header("anthropic-version")).as("Vertex AI takes the version in the body").isEmpty();
        assertThat(sent.header("anthropic-beta")).hasValue("interleaved-thinking-2025-05-14");
        assertThat(sent.header("accept")).hasValue("text/event-stream");
        assertThat(sent.header("content-type")).hasValue("application/json");
        JsonValue body = body(sent);
        assertThat(body.get("model")).isEmpty();
        assertThat(body.get("anthropic_version").flatMap(JsonValue::asString)).hasValue("vertex-2023-10-16");
        assertThat(body.get("stream")).hasValue(JsonValue.TRUE);
        assertThat(body.get("max_tokens").map(JsonValue::toJson)).hasValue("256");
        assertThat(body.get("messages").flatMap(m -> m.get(0)).flatMap(m -> m.get("content"))
                .flatMap(JsonValue::asString)).hasValue("Tell me a story.");
    }

    @Test
    void createGoesToRawPredictAndParsesTheMessage() throws Exception {
        server.checkRequests(check(TOKEN).build());
        ConformanceFixtures.Fixture fixture = ConformanceFixtures.named("text-basic");
        server.enqueue(ScriptedResponse.json(200, fixture.finalMessage().toJson()));

        Message message = client(backend(validFor(Duration.ofHours(1)))).messages().create(request());

        assertThat(JsonValue.parse(message.toJson())).isEqualTo(fixture.finalMessage());
        RecordedRequest sent = server.takeRequest(WAIT).orElseThrow();
        assertThat(sent.path()).endsWith("/publishers/anthropic/models/claude-sonnet-4@20250514:rawPredict");
        assertThat(body(sent).get("model")).isEmpty();
        assertThat(body(sent).get("stream").orElse(JsonValue.FALSE)).isEqualTo(JsonValue.FALSE);
        assertThat(body(sent).get("anthropic_version").flatMap(JsonValue::asString)).hasValue("vertex-2023-10-16");
    }

    @Test
    void countTokensGoesToCountTokensRawPredictWithTheModelInTheBody() throws Exception {
        server.checkRequests(check(TOKEN).build());
        server.enqueue(ScriptedResponse.json(200, "{\"input_tokens\":14}"));

        TokenCount count = client(backend(validFor(Duration.ofHours(1)))).messages().countTokens(request());

        assertThat(count.inputTokens()).isEqualTo(14);
        RecordedRequest sent = server.takeRequest(WAIT).orElseThrow();
        assertThat(sent.path()).isEqualTo("/v1/projects/brook-test-project/locations/us-east5/publishers/anthropic/models/"
                + "count-tokens:rawPredict");
        assertThat(body(sent).get("model").flatMap(JsonValue::asString)).hasValue(MODEL);
        assertThat(body(sent).get("anthropic_version").flatMap(JsonValue::asString)).hasValue("vertex-2023-10-16");
    }

    @Test
    void wrongTokenIsAnAuthenticationErrorThatIsNotRetried() {
        server.checkRequests(check("ya29.some-other-token").build());
        Brook brook = client(backend(validFor(Duration.ofHours(1))), 3);

        AuthenticationException e = catchThrowableOfType(() -> brook.messages().create(request()),
                AuthenticationException.class);

        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.errorType()).isEqualTo("UNAUTHENTICATED");
        assertThat(e.errorMessage()).startsWith("Request had invalid authentication credentials.");
        assertThat(e.retryable()).isFalse();
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(e.getMessage()).doesNotContain(TOKEN);
        assertThat(e.rawBody()).doesNotContain(TOKEN);
    }

    @Test
    void aTokenAboutToExpireIsRefreshedBeforeTheRequest() throws Exception {
        // 60 s left is inside the library's 3-minute expiry margin: the old token must not be sent.
        CountingCredentials credentials = validFor(Duration.ofSeconds(60));
        server.checkRequests(check(CountingCredentials.fresh(1)).expiredToken(TOKEN).build());
        server.enqueue(ScriptedResponse.json(200, ConformanceFixtures.named("text-basic").finalMessage().toJson()));

        client(backend(credentials)).messages().create(request());

        assertThat(credentials.refreshes()).isEqualTo(1);
        assertThat(server.takeRequest(WAIT).orElseThrow().header("authorization"))
                .hasValue("Bearer " + CountingCredentials.fresh(1));
    }

    @Test
    void anExpiredTokenIsNeverSentAndAFreshOneIsReused() throws Exception {
        CountingCredentials credentials = validFor(Duration.ofHours(-1));
        server.checkRequests(check(TOKEN, CountingCredentials.fresh(1)).expiredToken(TOKEN).build());
        String reply = ConformanceFixtures.named("text-basic").finalMessage().toJson();
        server.enqueue(ScriptedResponse.json(200, reply));
        server.enqueue(ScriptedResponse.json(200, reply));
        Brook brook = client(backend(credentials));

        brook.messages().create(request());
        brook.messages().create(request());

        assertThat(credentials.refreshes()).as("the fresh token is valid for an hour").isEqualTo(1);
        assertThat(server.requests()).hasSize(2).allSatisfy(r ->
                assertThat(r.header("authorization")).hasValue("Bearer " + CountingCredentials.fresh(1)));
    }

    @Test
    void everyAttemptTakesItsTokenAgainSoARetryCarriesAFreshOne() throws Exception {
        // Each token lives 2 minutes, inside the 3-minute margin: every attempt needs a new one.
        CountingCredentials credentials = CountingCredentials.startingWith(null, Duration.ofMinutes(2));
        server.checkRequests(check(CountingCredentials.fresh(1), CountingCredentials.fresh(2)).build());
        server.enqueue(ScriptedResponse.builder().status(529).header("content-type", "application/json")
                .header("retry-after-ms", "10")
                .body("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")
                .fixedLength().build());
        server.enqueue(ScriptedResponse.sse(ConformanceFixtures.named("text-basic").stream()));

        try (MessageStream stream = client(backend(credentials), 1).messages().stream(request())) {
            stream.finalMessage();
        }

        assertThat(credentials.refreshes()).isEqualTo(2);
        assertThat(server.requests()).extracting(r -> r.header("authorization").orElseThrow())
                .containsExactly("Bearer " + CountingCredentials.fresh(1), "Bearer " + CountingCredentials.fresh(2));
    }

    @Test
    void aRefreshFailureSaysHowToFixItAndSendsNothing() {
        Brook brook = client(backend(CountingCredentials.failing("invalid_grant: Token has been expired or revoked.")), 2);

        assertThatThrownBy(() -> brook.messages().create(request()))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("Could not get a Google access token for Vertex AI")
                .hasMessageContaining("invalid_grant")
                .hasMessageContaining("gcloud auth application-default login")
                .hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS")
                .hasMessageContaining("VertexBackend.builder().credentials(...)");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void theTokenIsMaskedWhereAnErrorBodyEchoesIt() {
        server.checkRequests(check(TOKEN).build());
        server.enqueue(ScriptedResponse.json(400, "{\"error\":{\"code\":400,\"message\":\"Bad header: Bearer " + TOKEN
                + "\",\"status\":\"INVALID_ARGUMENT\"}}"));

        ApiException e = catchThrowableOfType(() -> client(backend(validFor(Duration.ofHours(1)))).messages()
                .create(request()), ApiException.class);

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).doesNotContain(TOKEN);
        assertThat(e.rawBody()).doesNotContain(TOKEN).contains("Bad header");
    }

    @Test
    void batchesAndModelsAreUnsupportedAndSayWhy() {
        Brook brook = client(backend(validFor(Duration.ofHours(1))));

        assertThatThrownBy(() -> brook.messages().batches().list())
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Message Batches API (GET /v1/messages/batches")
                .hasMessageContaining("not served by Claude on Vertex AI");
        assertThatThrownBy(() -> brook.models().list())
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Models API (GET /v1/models")
                .hasMessageContaining("not served by Claude on Vertex AI");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void toStringNeverShowsTheToken() {
        CountingCredentials credentials = validFor(Duration.ofHours(1));
        server.checkRequests(check(TOKEN).build());
        server.enqueue(ScriptedResponse.json(200, "{\"input_tokens\":1}"));
        VertexBackend backend = backend(credentials);
        Brook brook = client(backend);
        brook.messages().countTokens(request());

        assertThat(backend.secrets()).containsExactly(TOKEN);
        assertThat(backend.toString())
                .isEqualTo("VertexBackend{region=us-east5, projectId=brook-test-project, baseUrl=" + server.baseUri()
                        + ", credentials=CountingCredentials}")
                .doesNotContain(TOKEN);
        assertThat(brook.toString()).doesNotContain(TOKEN);
    }

    @Test
    void requestOptionsBetasReachTheHeader() throws Exception {
        server.checkRequests(check(TOKEN).build());
        server.enqueue(ScriptedResponse.json(200, ConformanceFixtures.named("text-basic").finalMessage().toJson()));

        client(backend(validFor(Duration.ofHours(1)))).messages().create(request(),
                RequestOptions.builder().addBeta("context-1m-2025-08-07").build());

        assertThat(server.takeRequest(WAIT).orElseThrow().header("anthropic-beta")).hasValue("context-1m-2025-08-07");
    }
}
