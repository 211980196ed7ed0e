package dev.brook.bedrock;

import static dev.brook.bedrock.BedrockFixtureTest.ACCESS_KEY_ID;
import static dev.brook.bedrock.BedrockFixtureTest.MODEL;
import static dev.brook.bedrock.BedrockFixtureTest.REGION;
import static dev.brook.bedrock.BedrockFixtureTest.SECRET;
import static dev.brook.bedrock.BedrockFixtureTest.backend;
import static dev.brook.bedrock.BedrockFixtureTest.client;
import static dev.brook.bedrock.BedrockFixtureTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.RequestOptions;
import dev.brook.core.client.StreamListener;
import dev.brook.core.error.CredentialsException;
import dev.brook.core.error.PermissionDeniedException;
import dev.brook.core.error.RateLimitException;
import dev.brook.core.event.Message;
import dev.brook.core.json.JsonValue;
import dev.brook.core.request.MessageRequest;
import dev.brook.testkit.BedrockResponses;
import dev.brook.testkit.BedrockSignatureCheck;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** What Brook sends to Bedrock: the operation, the body, the headers, the signature or the API key. */
class BedrockRequestTest {
    private static final String TEXT_SSE = "text-basic.sse";
    private static final String SESSION_TOKEN = "brook-test-session-token";

    private FakeMessagesServer server;

    @BeforeEach
    void start() {
        server = new FakeMessagesServer().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String finalText() {
        return ConformanceFixtures.json("text-basic.final.json").get("content").flatMap(c -> c.get(0))
                .flatMap(b -> b.get("text")).flatMap(JsonValue::asString).orElseThrow();
    }

    private RecordedRequest onlyRequest() {
        assertThat(server.requests()).hasSize(1);
        return server.requests().get(0);
    }

    @Test
    void streamGoesToInvokeWithResponseStreamWithTheBodyBedrockTakes() {
        server.checkRequests(BedrockSignatureCheck.sigV4(ACCESS_KEY_ID, SECRET, REGION));
        server.enqueue(BedrockResponses.stream(ConformanceFixtures.bytes(TEXT_SSE)));
        try (Brook brook = Brook.builder().backend(backend(server)).transport("jdk").addBeta("beta-one").build();
                MessageStream stream = brook.messages().stream(request(),
                        RequestOptions.builder().addBeta("beta-two").build())) {
            assertThat(stream.finalMessage().text()).isEqualTo(finalText());
        }
        RecordedRequest r = onlyRequest();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream");
        JsonValue body = JsonValue.parse(r.bodyAsString());
        assertThat(body.get("model")).isEmpty();
        assertThat(body.get("stream")).isEmpty();
        assertThat(body.get("anthropic_version")).contains(JsonValue.of("bedrock-2023-05-31"));
        assertThat(body.get("anthropic_beta")).contains(new JsonValue.JsonArray(
                List.of(JsonValue.of("beta-one"), JsonValue.of("beta-two"))));
        assertThat(body.get("max_tokens")).contains(JsonValue.of(256));
        assertThat(body.get("messages")).isPresent();
        assertThat(r.header("anthropic-version")).isEmpty();
        assertThat(r.header("anthropic-beta")).isEmpty();
        assertThat(r.header("x-api-key")).isEmpty();
        assertThat(r.header("accept")).contains("application/vnd.amazon.eventstream");
        assertThat(r.header("content-type")).contains("application/json");
        assertThat(r.header("x-amz-date")).isPresent();
        assertThat(r.header("x-amz-security-token")).isEmpty();
        assertThat(r.header("authorization")).hasValueSatisfying(a -> assertThat(a)
                .startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + "/")
                .contains("/" + REGION + "/bedrock/aws4_request, SignedHeaders=")
                .contains("host").contains("x-amz-date").contains("content-type"));
        assertThat(r.header("host")).contains("127.0.0.1:" + server.port());
    }

    @Test
    void createGoesToInvokeAndReadsTheJsonReply() {
        server.checkRequests(BedrockSignatureCheck.sigV4(ACCESS_KEY_ID, SECRET, REGION));
        server.enqueue(BedrockResponses.message(ConformanceFixtures.text("text-basic.final.json")));
        try (Brook brook = client(backend(server))) {
            Message message = brook.messages().create(request());
            assertThat(message.text()).isEqualTo(finalText());
        }
        RecordedRequest r = onlyRequest();
        assertThat(r.path()).isEqualTo("/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke");
        assertThat(r.header("accept")).contains("application/json");
        JsonValue body = JsonValue.parse(r.bodyAsString());
        assertThat(body.get("stream")).isEmpty();
        assertThat(body.get("anthropic_beta")).isEmpty();
    }

    @Test
    void arnModelIdIsOnePathSegmentAndTheSignatureCoversItAsSent() {
        server.checkRequests(BedrockSignatureCheck.sigV4(ACCESS_KEY_ID, SECRET, REGION));
        server.enqueue(BedrockResponses.message(ConformanceFixtures.text("text-basic.final.json")));
        String arn = "arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0";
        try (Brook brook = client(backend(server))) {
            brook.messages().create(MessageRequest.builder().model(arn).maxTokens(16).addUserMessage("hi").build());
        }
        assertThat(onlyRequest().path()).isEqualTo("/model/arn%3Aaws%3Abedrock%3Aus-west-2%3A123456789012%3A"
                + "inference-profile%2Fus.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke");
    }

    @Test
    void wrongSecretIsRefusedAsPermissionDeniedWithoutRetry() {
        server.checkRequests(BedrockSignatureCheck.sigV4(ACCESS_KEY_ID, "the-real-secret", REGION));
        BedrockBackend backend = backend(server);
        try (Brook brook = Brook.builder().backend(backend).transport("jdk").maxRetries(2).build()) {
            Throwable error = catchThrowable(() -> brook.messages().stream(request()));
            assertThat(error).isInstanceOf(PermissionDeniedException.class);
            PermissionDeniedException e = (PermissionDeniedException) error;
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.errorMessage()).startsWith("The request signature we calculated does not match");
            assertThat(e.requestId()).isPresent();
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("the-real-secret");
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void sessionTokenIsSentAndSigned() {
        server.checkRequests(BedrockSignatureCheck.sigV4(ACCESS_KEY_ID, SECRET, SESSION_TOKEN, REGION));
        server.enqueue(BedrockResponses.stream(ConformanceFixtures.bytes(TEXT_SSE)));
        BedrockBackend backend = sessionBackend();
        try (Brook brook = client(backend); MessageStream stream = brook.messages().stream(request())) {
            assertThat(stream.finalMessage().text()).isEqualTo(finalText());
        }
        RecordedRequest r = onlyRequest();
        assertThat(r.header("x-amz-security-token")).contains(SESSION_TOKEN);
        assertThat(r.header("authorization").orElseThrow()).contains("x-amz-security-token");
        assertThat(backend.secrets()).containsExactlyInAnyOrder(SECRET, SESSION_TOKEN);
        assertThat(backend.toString()).doesNotContain(SECRET).doesNotContain(SESSION_TOKEN);
    }

    @Test
    void requestWithoutTheExpectedSessionTokenIsRefused() {
        server.checkRequests(BedrockSignatureCheck.sigV4(ACCESS_KEY_ID, SECRET, SESSION_TOKEN, REGION));
        try (Brook brook = client(backend(server))) {
            Throwable error = catchThrowable(() -> brook.messages().stream(request()));
            assertThat(error).isInstanceOf(PermissionDeniedException.class);
            assertThat(((PermissionDeniedException) error).errorMessage()).contains("security token");
        }
    }

    @Test
    void expiredSessionTokenSurfacesAsPermissionDenied() {
        server.checkRequests(BedrockSignatureCheck.sigV4(ACCESS_KEY_ID, SECRET, SESSION_TOKEN, REGION)
                .withExpiredSessionToken());
        try (Brook brook = Brook.builder().backend(sessionBackend()).transport("jdk").maxRetries(2).build()) {
            Throwable error = catchThrowable(() -> brook.messages().stream(request()));
            assertThat(error).isInstanceOf(PermissionDeniedException.class);
            PermissionDeniedException e = (PermissionDeniedException) error;
            assertThat(e.errorMessage()).isEqualTo("The security token included in the request is expired");
            assertThat(e.getMessage()).doesNotContain(SESSION_TOKEN).doesNotContain(SECRET);
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void signatureFromTooLongAgoIsRefused() {
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofMinutes(6)), ZoneOffset.UTC);
        server.checkRequests(BedrockSignatureCheck.sigV4(ACCESS_KEY_ID, SECRET, REGION).withClock(later));
        try (Brook brook = client(backend(server))) {
            Throwable error = catchThrowable(() -> brook.messages().stream(request()));
            assertThat(error).isInstanceOf(PermissionDeniedException.class);
            assertThat(((PermissionDeniedException) error).errorMessage()).startsWith("Signature expired");
        }
    }

    @Test
    void throttlingIsRetriedWithAFreshSignatureEachAttemptThenRaisedAsRateLimit() {
        BedrockSignatureCheck check = BedrockSignatureCheck.sigV4(ACCESS_KEY_ID, SECRET, REGION);
        server.checkRequests(check);
        for (int i = 0; i < 3; i++) {
            server.enqueue(BedrockResponses.error(429, "ThrottlingException", "Too many requests, please wait")
                    .newBuilder().header("retry-after-ms", "1100").build());
        }
        try (Brook brook = Brook.builder().backend(backend(server)).transport("jdk").maxRetries(2).build()) {
            Throwable error = catchThrowable(() -> brook.messages().stream(request()));
            assertThat(error).isInstanceOf(RateLimitException.class);
            RateLimitException e = (RateLimitException) error;
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.errorMessage()).isEqualTo("Too many requests, please wait");
            assertThat(e.errorType()).as("from x-amzn-ErrorType").isEqualTo("ThrottlingException");
            assertThat(e.requestId()).isPresent();
        }
        List<RecordedRequest> requests = server.requests();
        assertThat(requests).hasSize(3).allSatisfy(r -> assertThat(check.refusal(r)).isEmpty());
        // More than a second apart, so each x-amz-date differs: every attempt was signed again.
        Set<String> dates = requests.stream().map(r -> r.header("x-amz-date").orElseThrow()).collect(Collectors.toSet());
        assertThat(dates).hasSize(3);
    }

    @Test
    void apiKeyIsSentAsBearerInsteadOfASignature() {
        server.checkRequests(BedrockSignatureCheck.apiKey("bedrock-api-key-123"));
        server.enqueue(BedrockResponses.stream(ConformanceFixtures.bytes(TEXT_SSE)));
        BedrockBackend backend = BedrockBackend.builder().region(REGION).baseUrl(server.baseUri().toString())
                .apiKey("bedrock-api-key-123").build();
        try (Brook brook = client(backend); MessageStream stream = brook.messages().stream(request())) {
            assertThat(stream.finalMessage().text()).isEqualTo(finalText());
        }
        RecordedRequest r = onlyRequest();
        assertThat(r.header("authorization")).contains("Bearer bedrock-api-key-123");
        assertThat(r.header("x-amz-date")).isEmpty();
        assertThat(backend.secrets()).containsExactly("bedrock-api-key-123");
        assertThat(backend.toString()).doesNotContain("bedrock-api-key-123").contains("api-key");
    }

    @Test
    void wrongApiKeyIsRefusedAndTheKeyIsNotInTheException() {
        server.checkRequests(BedrockSignatureCheck.apiKey("the-right-key"));
        BedrockBackend backend = BedrockBackend.builder().region(REGION).baseUrl(server.baseUri().toString())
                .apiKey("a-wrong-key").build();
        try (Brook brook = client(backend)) {
            Throwable error = catchThrowable(() -> brook.messages().stream(request()));
            assertThat(error).isInstanceOf(PermissionDeniedException.class);
            assertThat(error.getMessage()).doesNotContain("a-wrong-key");
        }
    }

    @Test
    void credentialsThatCannotBeHadEndTheCallNamingTheFix() {
        BedrockBackend backend = BedrockBackend.builder().region(REGION).baseUrl(server.baseUri().toString())
                .credentialsProvider(() -> {
                    throw new IllegalStateException("profile 'dev' not found");
                }).build();
        try (Brook brook = client(backend)) {
            Throwable error = catchThrowable(() -> brook.messages().stream(request()));
            assertThat(error).isInstanceOf(CredentialsException.class)
                    .hasMessageContaining("profile 'dev' not found")
                    .hasMessageContaining("AWS_ACCESS_KEY_ID")
                    .hasMessageContaining("credentialsProvider(...)")
                    .hasMessageContaining("AWS_BEARER_TOKEN_BEDROCK");
            // Async calls prepare the first attempt on the caller's thread: the same exception, at once.
            Throwable async = catchThrowable(() -> brook.messages().streamAsync(request(), new StreamListener() { }));
            assertThat(async).isInstanceOf(CredentialsException.class).hasMessageContaining("AWS_ACCESS_KEY_ID");
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void endpointsBedrockDoesNotServeThrowNamingTheEndpoint() {
        try (Brook brook = client(backend(server))) {
            Throwable error = catchThrowable(() -> brook.messages().countTokens(request()));
            assertThat(error).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessage("POST /v1/messages/count_tokens is not served through the bedrock backend: Bedrock "
                            + "serves only the Messages endpoint (stream and create, POST /v1/messages). Use a client "
                            + "on the direct Anthropic API for token counting, batches and models.");
            assertThat(catchThrowable(() -> brook.models().list())).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("/v1/models");
            assertThat(catchThrowable(() -> brook.messages().batches().list()))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("/v1/messages/batches");
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void signatureCheckRefusesOtherPathsAsUnknownOperation() {
        BedrockSignatureCheck check = BedrockSignatureCheck.sigV4(ACCESS_KEY_ID, SECRET, REGION);
        server.checkRequests(check);
        server.enqueue(BedrockResponses.message("{}"));
        try (Brook brook = Brook.builder().apiKey("sk-direct").baseUrl(server.baseUri().toString()).transport("jdk")
                .maxRetries(0).build()) {
            Throwable error = catchThrowable(() -> brook.messages().create(request()));
            assertThat(error).isInstanceOf(dev.brook.core.error.NotFoundException.class)
                    .hasMessageContaining("Unknown operation: POST /v1/messages");
        }
        assertThat(check.toString()).contains(ACCESS_KEY_ID).doesNotContain(SECRET);
        assertThat(BedrockSignatureCheck.sigV4(ACCESS_KEY_ID, SECRET, SESSION_TOKEN, REGION).toString())
                .doesNotContain(SESSION_TOKEN);
        assertThat(BedrockSignatureCheck.apiKey("k-123").toString()).doesNotContain("k-123");
        assertThat(Optional.of(check)).isPresent();
    }

    private BedrockBackend sessionBackend() {
        return BedrockBackend.builder().region(REGION).baseUrl(server.baseUri().toString())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(ACCESS_KEY_ID, SECRET, SESSION_TOKEN)))
                .build();
    }

    static StaticCredentialsProvider basic() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET));
    }
}
