package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import org.junit.jupiter.api.Test;

/** The request a transport puts on the wire: method, path, every header Brook sets, and the body. */
public interface RequestHeaderSuite extends TransportSuite {

    /**
     * A streaming request is a {@code POST} to {@code /v1/messages} with every header Brook sets and
     * {@code "stream":true} in the body.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void streamingRequestCarriesEveryHeaderAndTheStreamFlag() throws Exception {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).addBeta("beta-one").addBeta("beta-two").build()) {
            server.enqueue(ScriptedResponse.sse(ConformanceData.read("fixtures/text-basic.sse")));
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                stream.finalMessage();
            }
            RecordedRequest request = server.takeRequest(Tck.TIMEOUT).orElseThrow();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v1/messages");
            assertThat(request.header("x-api-key")).contains(Tck.API_KEY);
            assertThat(request.header("authorization")).isEmpty();
            assertThat(request.header("anthropic-version")).contains("2023-06-01");
            assertThat(request.header("anthropic-beta")).contains("beta-one,beta-two");
            assertThat(request.header("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            assertThat(request.header("accept")).contains("text/event-stream");
            assertThat(request.header("user-agent")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("brook-java/" + Brook.VERSION)
                    .contains("transport " + transport.name()));
            JsonNode body = new ObjectMapper().readTree(request.body());
            assertThat(body.path("stream").asBoolean()).isTrue();
            assertThat(body.path("model").asText()).isEqualTo("claude-tck");
            assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
            assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        }
    }

    /**
     * An auth token is sent as {@code Authorization: Bearer}, with no {@code x-api-key}.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void authTokenIsSentAsBearerInsteadOfApiKey() throws Exception {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Brook.builder().authToken("tck-bearer-token").baseUrl(server.baseUri().toString())
                        .transport(transport).maxRetries(0).build()) {
            server.enqueue(ScriptedResponse.sse(ConformanceData.read("fixtures/text-basic.sse")));
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                stream.finalMessage();
            }
            RecordedRequest request = server.takeRequest(Tck.TIMEOUT).orElseThrow();
            assertThat(request.header("authorization")).contains("Bearer tck-bearer-token");
            assertThat(request.header("x-api-key")).isEmpty();
            assertThat(request.header("anthropic-beta")).isEmpty();
        }
    }
}
