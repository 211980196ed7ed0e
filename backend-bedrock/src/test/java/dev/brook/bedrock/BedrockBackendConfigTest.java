package dev.brook.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.core.backend.ApiRequest;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Region, base URL and credentials from the builder and the environment; what toString shows. */
class BedrockBackendConfigTest {
    private static final byte[] BODY = "{\"model\":\"anthropic.claude-3-haiku-20240307-v1:0\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}"
            .getBytes(StandardCharsets.UTF_8);

    private static TransportRequest prepare(BedrockBackend backend) {
        return backend.prepare(ApiRequest.of("POST", "/v1/messages", TransportHeaders.builder()
                .set("anthropic-version", "2023-06-01").set("content-type", "application/json")
                .set("accept", "application/vnd.amazon.eventstream").build(), BODY, true));
    }

    @Test
    void defaultBaseUrlIsTheRegionsRuntimeEndpoint() {
        BedrockBackend backend = BedrockBackend.builder().fromEnv(Map.of("AWS_REGION", "eu-central-1",
                "AWS_ACCESS_KEY_ID", "AKIDENV", "AWS_SECRET_ACCESS_KEY", "env-secret")).build();
        assertThat(backend.region()).isEqualTo("eu-central-1");
        assertThat(backend.baseUrl()).hasToString("https://bedrock-runtime.eu-central-1.amazonaws.com");
        assertThat(backend.endpoint()).isEqualTo(backend.baseUrl());
        TransportRequest request = prepare(backend);
        assertThat(request.uri()).hasToString("https://bedrock-runtime.eu-central-1.amazonaws.com/model/"
                + "anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream");
        assertThat(request.uri().getRawPath()).isEqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream");
        assertThat(request.headers().firstValue("authorization").orElseThrow())
                .contains("Credential=AKIDENV/").contains("/eu-central-1/bedrock/aws4_request");
        assertThat(request.headers().names()).noneMatch(n -> n.equalsIgnoreCase("host"));
        assertThat(request.headers().firstValue("anthropic-version")).isEmpty();
        assertThat(backend.secrets()).containsExactly("env-secret");
        assertThat(backend.toString()).doesNotContain("env-secret");
    }

    @Test
    void awsDefaultRegionIsReadWhenAwsRegionIsNot() {
        assertThat(BedrockBackend.builder().fromEnv(Map.of("AWS_DEFAULT_REGION", "ap-south-1", "AWS_REGION", " "))
                .apiKey("k").build().region()).isEqualTo("ap-south-1");
        assertThat(BedrockBackend.builder().fromEnv(Map.of("AWS_DEFAULT_REGION", "ap-south-1", "AWS_REGION", "us-east-2"))
                .apiKey("k").build().region()).isEqualTo("us-east-2");
    }

    @Test
    void builderRegionWinsOverTheEnvironmentWhicheverComesFirst() {
        assertThat(BedrockBackend.builder().region("us-east-1").fromEnv(Map.of("AWS_REGION", "eu-west-1")).apiKey("k")
                .build().region()).isEqualTo("us-east-1");
    }

    @Test
    void baseUrlPrecedenceIsBuilderThenAnthropicBedrockThenBedrockRuntimeThenGeneric() {
        Map<String, String> all = Map.of("AWS_REGION", "us-east-1",
                "ANTHROPIC_BEDROCK_BASE_URL", "https://anthropic-bedrock.example",
                "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "https://runtime.example",
                "AWS_ENDPOINT_URL", "https://generic.example",
                "AWS_BEARER_TOKEN_BEDROCK", "tok");
        assertThat(BedrockBackend.builder().baseUrl("https://builder.example/").fromEnv(all).build().baseUrl())
                .hasToString("https://builder.example");
        assertThat(BedrockBackend.builder().fromEnv(all).build().baseUrl()).hasToString("https://anthropic-bedrock.example");
        Map<String, String> noAnthropic = new java.util.HashMap<>(all);
        noAnthropic.remove("ANTHROPIC_BEDROCK_BASE_URL");
        assertThat(BedrockBackend.builder().fromEnv(noAnthropic).build().baseUrl()).hasToString("https://runtime.example");
        noAnthropic.remove("AWS_ENDPOINT_URL_BEDROCK_RUNTIME");
        assertThat(BedrockBackend.builder().fromEnv(noAnthropic).build().baseUrl()).hasToString("https://generic.example");
    }

    @Test
    void signatureScopeIsTheRegionEvenBehindAnotherHost() {
        BedrockBackend backend = BedrockBackend.builder().region("us-west-2").baseUrl("https://vpce-123.example.com/proxy")
                .credentialsProvider(BedrockRequestTest.basic()).build();
        TransportRequest request = prepare(backend);
        assertThat(request.uri().getRawPath()).startsWith("/proxy/model/");
        assertThat(request.headers().firstValue("authorization").orElseThrow()).contains("/us-west-2/bedrock/aws4_request");
    }

    @Test
    void bearerTokenFromTheEnvironmentReplacesSigV4() {
        BedrockBackend backend = BedrockBackend.builder().fromEnv(Map.of("AWS_REGION", "us-east-1",
                "AWS_BEARER_TOKEN_BEDROCK", "env-bearer", "AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s")).build();
        assertThat(prepare(backend).headers().firstValue("authorization")).contains("Bearer env-bearer");
        assertThat(backend.toString()).doesNotContain("env-bearer");
    }

    @Test
    void explicitCredentialsProviderWinsOverAnEnvironmentBearerToken() {
        BedrockBackend backend = BedrockBackend.builder().fromEnv(Map.of("AWS_REGION", "us-east-1",
                "AWS_BEARER_TOKEN_BEDROCK", "env-bearer")).credentialsProvider(BedrockRequestTest.basic()).build();
        assertThat(prepare(backend).headers().firstValue("authorization").orElseThrow()).startsWith("AWS4-HMAC-SHA256");
    }

    @Test
    void sessionTokenFromTheEnvironmentIsSentAndMasked() {
        BedrockBackend backend = BedrockBackend.builder().fromEnv(Map.of("AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "env-secret", "AWS_SESSION_TOKEN", "env-token"))
                .build();
        assertThat(prepare(backend).headers().firstValue("x-amz-security-token")).contains("env-token");
        assertThat(backend.secrets()).containsExactlyInAnyOrder("env-secret", "env-token");
        assertThat(backend.toString()).doesNotContain("env-secret").doesNotContain("env-token");
    }

    @Test
    void apiKeyAndCredentialsProviderTogetherAreRefused() {
        assertThatThrownBy(() -> BedrockBackend.builder().region("us-east-1").apiKey("k")
                .credentialsProvider(BedrockRequestTest.basic()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
    }

    @Test
    void badRegionAndUrlVariablesAreNamed() {
        assertThatThrownBy(() -> BedrockBackend.builder().fromEnv(Map.of("AWS_REGION", "us-east-1.evil.com/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS_REGION");
        assertThatThrownBy(() -> BedrockBackend.builder().fromEnv(Map.of("AWS_ENDPOINT_URL", "ftp://x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS_ENDPOINT_URL");
    }

    @Test
    void requestWithoutModelIsRefusedNamingTheFix() {
        BedrockBackend backend = BedrockBackend.builder().region("us-east-1").apiKey("k").build();
        assertThatThrownBy(() -> backend.prepare(ApiRequest.of("POST", "/v1/messages", TransportHeaders.empty(),
                "{\"max_tokens\":1}".getBytes(StandardCharsets.UTF_8), false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model(...)");
    }

    @Test
    void betasInTheBodyAndTheHeaderAreMergedOnce() {
        BedrockBackend backend = BedrockBackend.builder().region("us-east-1").apiKey("k").build();
        TransportRequest request = backend.prepare(ApiRequest.of("POST", "/v1/messages", TransportHeaders.builder()
                .set("anthropic-beta", "a, b,,a").build(),
                "{\"model\":\"m\",\"anthropic_beta\":[\"b\",\"c\"]}".getBytes(StandardCharsets.UTF_8), false));
        assertThat(new String(request.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"anthropic_beta\":[\"b\",\"c\",\"a\"],\"anthropic_version\":\"bedrock-2023-05-31\"}");
        assertThat(request.uri()).hasToString("https://bedrock-runtime.us-east-1.amazonaws.com/model/m/invoke");
    }
}
