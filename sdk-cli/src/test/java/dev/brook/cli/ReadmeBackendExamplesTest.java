package dev.brook.cli;

import static dev.brook.cli.CliRunner.conformanceDir;
import static dev.brook.cli.CliRunner.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.brook.bedrock.BedrockBackend;
import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.event.Message;
import dev.brook.core.request.MessageRequest;
import dev.brook.foundry.FoundryBackend;
import dev.brook.testkit.BedrockResponses;
import dev.brook.testkit.BedrockSignatureCheck;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.FoundryRequestCheck;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.testkit.VertexRequestCheck;
import dev.brook.vertex.VertexBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The README's cloud examples (Bedrock, Vertex AI, Foundry), each run against the testkit's fake of that
 * cloud, which checks the request as the cloud would (signature, token and path, key). The lines of each
 * example appear here verbatim (ReadmeExamplesTest checks it); what the README leaves to the reader
 * (credentials, the private endpoint) is set up before them.
 */
class ReadmeBackendExamplesTest {
    private static final Path FIXTURES = conformanceDir().resolve("fixtures");

    private FakeMessagesServer server;

    @BeforeEach
    void startServer() {
        server = new FakeMessagesServer().start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void bedrock() throws Exception {
        server.checkRequests(BedrockSignatureCheck.sigV4("AKIDREADME", "readme-secret", "us-east-1"));
        server.enqueue(BedrockResponses.stream(read(FIXTURES.resolve("text-basic.sse")).getBytes(StandardCharsets.UTF_8)));
        AwsCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDREADME", "readme-secret"));
        String vpcEndpoint = server.baseUri().toString();
        String text;

        BedrockBackend bedrock = BedrockBackend.builder()
                .region("us-east-1")
                .credentialsProvider(credentials) // default: AWS's chain (environment, profiles, roles)
                .baseUrl(vpcEndpoint)             // default: https://bedrock-runtime.us-east-1.amazonaws.com
                .build();
        try (Brook brook = Brook.builder().backend(bedrock).build();
             MessageStream stream = brook.messages().stream(MessageRequest.builder()
                     .model("anthropic.claude-sonnet-4-5-20250929-v1:0")
                     .maxTokens(1024)
                     .addUserMessage("Hello from Bedrock")
                     .build())) {
            text = stream.finalText();
        }

        assertThat(text).isNotEmpty();
        RecordedRequest sent = server.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        assertThat(sent.path()).isEqualTo("/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream");
    }

    @Test
    void vertex() throws Exception {
        server.checkRequests(VertexRequestCheck.builder()
                .projectId("my-project").region("us-east5").acceptToken("ya29.readme").build());
        server.enqueue(ScriptedResponse.sse(read(FIXTURES.resolve("text-basic.sse"))));
        GoogleCredentials googleCredentials = GoogleCredentials.create(
                new AccessToken("ya29.readme", Date.from(Instant.now().plus(Duration.ofHours(1)))));
        String privateEndpoint = server.baseUri().toString();
        MessageRequest request = MessageRequest.builder()
                .model("claude-sonnet-4-5@20250929").maxTokens(1024).addUserMessage("Hello from Vertex AI").build();
        server.enqueue(ScriptedResponse.json(200, messageJson()));
        Message reply;

        VertexBackend vertex = VertexBackend.builder()
                .projectId("my-project")
                .region("us-east5")               // or "global"
                .credentials(googleCredentials)   // default: application default credentials
                .baseUrl(privateEndpoint)         // default: https://us-east5-aiplatform.googleapis.com
                .build();
        try (Brook brook = Brook.builder().backend(vertex).build()) {
            try (MessageStream stream = brook.messages().stream(request)) {
                stream.textStream().forEach(System.out::print);
            }
            reply = brook.messages().create(request);
        }

        assertThat(reply.text()).isEqualTo("Hi!");
        assertThat(server.takeRequest(Duration.ofSeconds(5)).orElseThrow().path()).isEqualTo(
                "/v1/projects/my-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict");
    }

    @Test
    void foundry() throws Exception {
        server.checkRequests(FoundryRequestCheck.builder().acceptApiKey("readme-foundry-key").build());
        server.enqueue(ScriptedResponse.json(200, messageJson()));
        String foundryEndpoint = server.baseUri() + "/anthropic";
        String foundryKey = "readme-foundry-key";
        MessageRequest request = MessageRequest.builder()
                .model("claude-sonnet-4-5").maxTokens(1024).addUserMessage("Hello from Foundry").build();
        Message reply;

        FoundryBackend foundry = FoundryBackend.builder()
                .baseUrl(foundryEndpoint)         // or .resource("my-resource"): its services.ai.azure.com/anthropic
                .apiKey(foundryKey)               // or .tokenSupplier(...) for an Entra ID bearer token
                .build();
        try (Brook brook = Brook.builder().backend(foundry).build()) {
            reply = brook.messages().create(request);
        }

        assertThat(reply.text()).isEqualTo("Hi!");
        assertThat(server.takeRequest(Duration.ofSeconds(5)).orElseThrow().header("api-key")).contains(foundryKey);
    }

    private static String messageJson() {
        return "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Hi!\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":5,\"output_tokens\":2}}";
    }

    // ---- examples that read the process environment: compiled only ----

    @SuppressWarnings("unused")
    private static void fromTheEnvironment() {
        Brook bedrock = Brook.builder().backend(BedrockBackend.fromEnv()).build();
        Brook vertex = Brook.builder().backend(VertexBackend.builder().fromEnv().build()).build();
        Brook foundry = Brook.builder().backend(FoundryBackend.builder().fromEnv().build()).build();
    }
}
