package dev.brook.foundry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.TokenCount;
import dev.brook.core.error.AuthenticationException;
import dev.brook.core.error.CredentialsException;
import dev.brook.core.event.Message;
import dev.brook.core.json.JsonValue;
import dev.brook.testkit.FoundryRequestCheck;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FoundryBackendTest extends FoundryLoopback {
    private static ScriptedResponse overloaded() {
        return ScriptedResponse.builder().status(529).header("content-type", "application/json")
                .header("retry-after-ms", "10")
                .body("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")
                .fixedLength().build();
    }

    @Test
    void aStreamIsTheMessagesApiOnTheResourceWithTheApiKeyHeader() throws Exception {
        server.checkRequests(FoundryRequestCheck.builder().acceptApiKey(API_KEY).build());
        ConformanceFixtures.Fixture fixture = ConformanceFixtures.named("text-basic");
        server.enqueue(ScriptedResponse.sse(fixture.stream()));
        Brook brook = Brook.builder().backend(keyed()).transport(transport).maxRetries(0)
                .addBeta("interleaved-thinking-2025-05-14").build();
        try (brook; MessageStream stream = brook.messages().stream(request())) {
            assertThat(stream.finalText()).isEqualTo(fixture.text());
        }

        RecordedRequest sent = server.takeRequest(WAIT).orElseThrow();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/anthropic/v1/messages");
        assertThat(sent.header("api-key")).hasValue(API_KEY);
        assertThat(sent.header("authorization")).isEmpty();
        assertThat(sent.header("x-api-key")).isEmpty();
        assertThat(sent.header("anthropic-version")).hasValue("2023-06-01");
        assertThat(sent.header("anthropic-beta")).hasValue("interleaved-thinking-2025-05-14");
        JsonValue body = JsonValue.parse(sent.bodyAsString());
        assertThat(body.get("model").flatMap(JsonValue::asString)).hasValue(DEPLOYMENT);
        assertThat(body.get("stream")).hasValue(JsonValue.TRUE);
        assertThat(body.get("anthropic_version")).isEmpty();
    }

    @Test
    void createReturnsTheMessage() throws Exception {
        server.checkRequests(FoundryRequestCheck.builder().acceptApiKey(API_KEY).build());
        ConformanceFixtures.Fixture fixture = ConformanceFixtures.named("tool-use");
        server.enqueue(ScriptedResponse.json(200, fixture.finalMessage().toJson()));

        Message message = client(keyed()).messages().create(request());

        assertThat(JsonValue.parse(message.toJson())).isEqualTo(fixture.finalMessage());
        assertThat(server.takeRequest(WAIT).orElseThrow().path()).isEqualTo("/anthropic/v1/messages");
    }

    @Test
    void countTokensPassesThrough() throws Exception {
        server.checkRequests(FoundryRequestCheck.builder().acceptApiKey(API_KEY).build());
        server.enqueue(ScriptedResponse.json(200, "{\"input_tokens\":9}"));

        TokenCount count = client(keyed()).messages().countTokens(request());

        assertThat(count.inputTokens()).isEqualTo(9);
        RecordedRequest sent = server.takeRequest(WAIT).orElseThrow();
        assertThat(sent.path()).isEqualTo("/anthropic/v1/messages/count_tokens");
        assertThat(JsonValue.parse(sent.bodyAsString()).get("model").flatMap(JsonValue::asString)).hasValue(DEPLOYMENT);
    }

    @Test
    void theTokenSupplierIsCalledForEveryAttemptAcrossARetry() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FoundryBackend backend = FoundryBackend.builder().baseUrl(resourceUrl())
                .tokenSupplier(() -> "entra-token-" + calls.incrementAndGet()).build();
        server.checkRequests(FoundryRequestCheck.builder().acceptBearerToken("entra-token-1")
                .acceptBearerToken("entra-token-2").build());
        server.enqueue(overloaded());
        server.enqueue(ScriptedResponse.sse(ConformanceFixtures.named("text-basic").stream()));

        try (MessageStream stream = client(backend, 1).messages().stream(request())) {
            stream.finalMessage();
        }

        assertThat(calls).hasValue(2);
        assertThat(server.requests()).extracting(r -> r.header("authorization").orElseThrow())
                .containsExactly("Bearer entra-token-1", "Bearer entra-token-2");
        assertThat(server.requests()).allSatisfy(r -> assertThat(r.header("api-key")).isEmpty());
        assertThat(backend.secrets()).containsExactly("entra-token-2");
    }

    @Test
    void aWrongKeyIsAnAuthenticationErrorThatIsNotRetried() {
        server.checkRequests(FoundryRequestCheck.builder().acceptApiKey("another-key").build());

        AuthenticationException e = catchThrowableOfType(() -> client(keyed(), 3).messages().create(request()),
                AuthenticationException.class);

        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.errorMessage()).startsWith("Access denied due to invalid subscription key or wrong API endpoint.");
        assertThat(e.retryable()).isFalse();
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(e.getMessage()).doesNotContain(API_KEY);
    }

    @Test
    void aFailingTokenSupplierIsAConnectionErrorAndNothingIsSent() {
        FoundryBackend backend = FoundryBackend.builder().baseUrl(resourceUrl())
                .tokenSupplier(() -> {
                    throw new IllegalStateException("DefaultAzureCredential failed to retrieve a token");
                }).build();

        assertThatThrownBy(() -> client(backend).messages().create(request()))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("The Foundry token supplier failed")
                .hasMessageContaining("DefaultAzureCredential failed to retrieve a token")
                .hasMessageContaining("https://ai.azure.com/.default");
        FoundryBackend blank = FoundryBackend.builder().baseUrl(resourceUrl()).tokenSupplier(() -> " ").build();
        assertThatThrownBy(() -> client(blank).messages().create(request()))
                .isInstanceOf(CredentialsException.class)
                .hasMessageStartingWith("The Foundry token supplier returned a blank token");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void batchesAndModelsAreUnsupportedAndSayWhy() {
        Brook brook = client(keyed());

        assertThatThrownBy(() -> brook.messages().batches().list())
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Message Batches API (GET /v1/messages/batches")
                .hasMessageContaining("not served by Claude on Microsoft Foundry");
        assertThatThrownBy(() -> brook.models().list())
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Models API (GET /v1/models")
                .hasMessageContaining("not served by Claude on Microsoft Foundry");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void toStringNeverShowsTheKeyOrToken() {
        FoundryBackend keyed = keyed();
        FoundryBackend entra = FoundryBackend.builder().resource("my-resource").tokenSupplier(() -> "entra-SECRET").build();

        assertThat(keyed.toString()).isEqualTo("FoundryBackend{baseUrl=" + resourceUrl() + ", auth=api-key}");
        assertThat(entra.toString())
                .isEqualTo("FoundryBackend{baseUrl=https://my-resource.services.ai.azure.com/anthropic, auth=bearer token}");
        assertThat(keyed.secrets()).containsExactly(API_KEY);
        assertThat(entra.secrets()).as("no token has been taken yet").isEmpty();
        assertThat(client(keyed).toString()).doesNotContain(API_KEY);
    }
}
