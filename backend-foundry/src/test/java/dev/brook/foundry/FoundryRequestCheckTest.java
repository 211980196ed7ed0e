package dev.brook.foundry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.FoundryRequestCheck;
import dev.brook.testkit.ScriptedResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake Foundry resource refuses what the real one refuses; raw HTTP, so any mistake shows. */
class FoundryRequestCheckTest {
    private FakeMessagesServer server;

    @BeforeEach
    void start() {
        server = new FakeMessagesServer().start();
        server.checkRequests(FoundryRequestCheck.builder().acceptApiKey("key-1").acceptBearerToken("entra-1").build());
        server.setDefaultResponse(ScriptedResponse.json(200, "{\"ok\":true}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawPost.Response post(String path, String header, String value, boolean version) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        if (header != null) {
            headers.put(header, value);
        }
        if (version) {
            headers.put("anthropic-version", "2023-06-01");
        }
        return RawPost.send(server.baseUri(), path, headers, "{\"model\":\"m\"}");
    }

    @Test
    void aKnownKeyOrTokenPasses() throws Exception {
        assertThat(post("/anthropic/v1/messages", "api-key", "key-1", true).statusCode()).isEqualTo(200);
        assertThat(post("/anthropic/v1/messages/count_tokens", "authorization", "Bearer entra-1", true).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anUnknownOrMissingCredentialIs401AccessDenied() throws Exception {
        String[][] credentials = {{null, null}, {"api-key", "key-2"}, {"x-api-key", "key-1"}, {"authorization", "Bearer key-1"}};
        for (String[] credential : credentials) {
            RawPost.Response response = post("/anthropic/v1/messages", credential[0], credential[1], true);
            assertThat(response.statusCode()).as(String.join("=", String.valueOf(credential[0]))).isEqualTo(401);
            assertThat(response.body()).startsWith("{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to "
                    + "invalid subscription key or wrong API endpoint.").doesNotContain("key-");
        }
    }

    @Test
    void anotherPathIs404AndAMissingVersionIs400() throws Exception {
        assertThat(post("/v1/messages", "api-key", "key-1", true).statusCode()).isEqualTo(404);
        assertThat(post("/anthropic/v1/models", "api-key", "key-1", true).statusCode()).isEqualTo(404);
        RawPost.Response noVersion = post("/anthropic/v1/messages", "api-key", "key-1", false);
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(noVersion.body()).contains("invalid_request_error", "anthropic-version");
    }
}
