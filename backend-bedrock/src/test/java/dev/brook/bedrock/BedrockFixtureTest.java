package dev.brook.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.StreamListener;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.Message;
import dev.brook.core.json.JsonValue;
import dev.brook.core.request.MessageRequest;
import dev.brook.testkit.BedrockResponses;
import dev.brook.testkit.BedrockSignatureCheck;
import dev.brook.testkit.FakeMessagesServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Every stream fixture of {@code conformance/fixtures}, streamed by a signature-checking fake Bedrock as
 * event-stream frames, through the jdk transport, sync and async: the same outcome as the SSE original.
 */
class BedrockFixtureTest {
    static final String ACCESS_KEY_ID = "AKIDBROOKTEST";
    static final String SECRET = "brook-test-secret-key";
    static final String REGION = "us-west-2";
    static final String MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0";

    @TestFactory
    Stream<DynamicTest> everyFixtureThroughBedrockFrames() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonValue entry : ConformanceFixtures.entries()) {
            String name = ConformanceFixtures.field(entry, "name");
            tests.add(DynamicTest.dynamicTest(name + " (stream)", () -> run(entry, false)));
            tests.add(DynamicTest.dynamicTest(name + " (streamAsync)", () -> run(entry, true)));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(2 * 20);
        return tests.stream();
    }

    static BedrockBackend backend(FakeMessagesServer server) {
        return BedrockBackend.builder()
                .region(REGION)
                .baseUrl(server.baseUri().toString())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET)))
                .build();
    }

    static Brook client(BedrockBackend backend) {
        return Brook.builder().backend(backend).transport("jdk").maxRetries(0).build();
    }

    static MessageRequest request() {
        return MessageRequest.builder().model(MODEL).maxTokens(256).addUserMessage("Tell me a story.").build();
    }

    private static void run(JsonValue entry, boolean async) throws Exception {
        String name = ConformanceFixtures.field(entry, "name");
        try (FakeMessagesServer server = new FakeMessagesServer().start(); Brook brook = client(backend(server))) {
            server.checkRequests(BedrockSignatureCheck.sigV4(ACCESS_KEY_ID, SECRET, REGION));
            server.enqueue(BedrockResponses.stream(ConformanceFixtures.bytes(ConformanceFixtures.field(entry, "stream"))));
            Message[] out = new Message[1];
            Throwable error = catchThrowable(() -> {
                if (async) {
                    try {
                        out[0] = brook.messages().streamAsync(request(), new StreamListener() { }).finalMessage().get(10, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        throw e.getCause();
                    }
                } else {
                    try (MessageStream stream = brook.messages().stream(request())) {
                        out[0] = stream.finalMessage();
                    }
                }
            });
            Message message = out[0];
            if (error instanceof CompletionException && error.getCause() != null) {
                error = error.getCause();
            }
            assertThat(server.requests()).as(name + ": every request passed the signature check").hasSizeGreaterThan(0)
                    .allSatisfy(r -> assertThat(BedrockSignatureCheck.sigV4(ACCESS_KEY_ID, SECRET, REGION).refusal(r))
                            .isEmpty());
            String outcome = ConformanceFixtures.field(entry, "outcome");
            switch (outcome) {
                case "complete":
                    assertThat(error).as(name).isNull();
                    assertThat(JsonValue.parse(message.toJson())).as(name + ": final message")
                            .isEqualTo(ConformanceFixtures.json(ConformanceFixtures.field(entry, "final")));
                    assertThat(message.text()).as(name + ": text").isEqualTo(ConformanceFixtures.field(entry, "text"));
                    break;
                case "stream_error": {
                    assertThat(error).as(name).isInstanceOf(StreamErrorException.class);
                    StreamErrorException e = (StreamErrorException) error;
                    assertThat(e.errorType()).isEqualTo(ConformanceFixtures.field(entry, "error_type"));
                    assertThat(JsonValue.parse(e.snapshot().orElseThrow().toJson())).as(name + ": snapshot")
                            .isEqualTo(ConformanceFixtures.json(ConformanceFixtures.field(entry, "snapshot")));
                    assertThat(e.requestId()).as(name + ": x-amzn-requestid").isPresent();
                    break;
                }
                case "incomplete": {
                    assertThat(error).as(name).isInstanceOf(IncompleteStreamException.class);
                    IncompleteStreamException e = (IncompleteStreamException) error;
                    assertThat(JsonValue.parse(e.snapshot().orElseThrow().toJson())).as(name + ": snapshot")
                            .isEqualTo(ConformanceFixtures.json(ConformanceFixtures.field(entry, "snapshot")));
                    break;
                }
                case "protocol":
                    assertThat(error).as(name).isInstanceOf(StreamProtocolException.class);
                    assertThat(((StreamProtocolException) error).snapshot()).as(name + ": snapshot").isPresent();
                    break;
                default:
                    fail("Unknown outcome " + outcome + " in manifest entry " + name);
            }
        }
    }
}
