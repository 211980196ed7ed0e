package dev.brook.cli;

import static dev.brook.cli.CliRunner.conformanceDir;
import static dev.brook.cli.CliRunner.read;
import static dev.brook.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.brook.cli.CliRunner.Result;
import dev.brook.testkit.BedrockResponses;
import dev.brook.testkit.BedrockSignatureCheck;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.FoundryRequestCheck;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@code brook --backend NAME}: each cloud's replay demo, a configured cloud against its fake, and usage. */
class BackendCommandTest {
    private static final Path FIXTURES = conformanceDir().resolve("fixtures");
    private static final String SECRET = "cli-test-aws-secret-0123456789";

    private FakeMessagesServer server;

    @BeforeEach
    void startServer() {
        server = new FakeMessagesServer().start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> withoutItsVariablesEachCloudIsReplayedFromItsFakeOnEveryTransport() {
        return Stream.of("bedrock", "vertex", "foundry").flatMap(backend -> Stream.of("jdk", "okhttp", "apache", "vertx")
                .map(transport -> dynamicTest(backend + " on " + transport, () -> {
                    Result r = run(Map.of(), "--backend", backend, "--transport", transport, "Tell me a story");
                    assertThat(r.exitCode()).as(r.toString()).isZero();
                    assertThat(r.out()).isEqualTo(ReplayScript.STORY + "\n");
                    assertThat(r.err()).contains("replaying a scripted reply from an embedded " + backend + " fake")
                            .contains("transport " + transport);
                })));
    }

    @Test
    void aConfiguredBedrockIsCalledSignedWithTheEnvironmentsCredentials() throws Exception {
        server.checkRequests(BedrockSignatureCheck.sigV4("AKIDCLITEST", SECRET, "eu-west-1"));
        server.enqueue(BedrockResponses.stream(fixture("text-basic.sse")));
        Result r = run(bedrockEnv(), "--backend", "bedrock", "--model", "anthropic.claude-test-v1:0", "Hello");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isNotBlank();
        RecordedRequest request = server.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        assertThat(request.path()).isEqualTo("/model/anthropic.claude-test-v1%3A0/invoke-with-response-stream");
        assertThat(request.header("authorization").orElseThrow()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDCLITEST/");
    }

    @Test
    void aConfiguredBedrockNeedsAModelIdAndSaysWhich() {
        Result r = run(bedrockEnv(), "--backend", "bedrock", "Hello");
        assertThat(r.exitCode()).isEqualTo(BrookCli.USAGE);
        assertThat(r.err()).contains("--model").contains("anthropic.claude-");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void aBedrockRefusalIsAnApiErrorThatNamesNoSecret() {
        server.checkRequests(BedrockSignatureCheck.sigV4("AKIDCLITEST", "another-secret", "eu-west-1"));
        Result r = run(bedrockEnv(), "--backend", "bedrock", "--model", "anthropic.claude-test-v1:0", "Hello");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(BrookCli.API_ERROR);
        assertThat(r.err()).contains("403").doesNotContain(SECRET);
        assertThat(r.out()).doesNotContain(SECRET);
    }

    @Test
    void aConfiguredFoundryIsCalledWithItsKey() throws Exception {
        server.checkRequests(FoundryRequestCheck.builder().acceptApiKey("cli-foundry-key").build());
        server.enqueue(ScriptedResponse.sse(fixture("text-basic.sse")));
        Result r = run(Map.of("ANTHROPIC_FOUNDRY_BASE_URL", server.baseUri() + "/anthropic",
                "ANTHROPIC_FOUNDRY_API_KEY", "cli-foundry-key"), "--backend", "foundry", "Hello");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(server.takeRequest(Duration.ofSeconds(5)).orElseThrow().path()).isEqualTo("/anthropic/v1/messages");
        assertThat(r.err()).doesNotContain("cli-foundry-key");
    }

    @Test
    void anUnknownBackendIsAUsageError() {
        Result r = run(Map.of(), "--backend", "azure", "Hello");
        assertThat(r.exitCode()).isEqualTo(BrookCli.USAGE);
        assertThat(r.err()).contains("unknown backend 'azure'").contains(String.join(", ",
                List.of("anthropic", "bedrock", "vertex")));
    }

    private Map<String, String> bedrockEnv() {
        return Map.of("AWS_REGION", "eu-west-1", "ANTHROPIC_BEDROCK_BASE_URL", server.baseUri().toString(),
                "AWS_ACCESS_KEY_ID", "AKIDCLITEST", "AWS_SECRET_ACCESS_KEY", SECRET);
    }

    private static byte[] fixture(String name) {
        return read(FIXTURES.resolve(name)).getBytes(StandardCharsets.UTF_8);
    }
}
