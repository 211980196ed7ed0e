package dev.brook.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.json.JsonValue;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.testkit.VertexRequestCheck;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake Vertex AI refuses what the real one refuses, in Google's error shape; raw HTTP, so any mistake shows. */
class VertexRequestCheckTest {
    private static final String TOKEN = "ya29.check-token";
    private static final String BASE = "/v1/projects/p1/locations/us-east5/publishers/anthropic/models/";
    private static final String GOOD = "{\"anthropic_version\":\"vertex-2023-10-16\",\"max_tokens\":5,"
            + "\"tools\":[{\"name\":\"t\",\"input_schema\":{\"properties\":{\"model\":{\"type\":\"string\"}}}}],"
            + "\"stream\":true}";

    private FakeMessagesServer server;

    @BeforeEach
    void start() {
        server = new FakeMessagesServer().start();
        server.checkRequests(VertexRequestCheck.builder().projectId("p1").region("us-east5").acceptToken(TOKEN)
                .acceptToken("ya29.old").expiredToken("ya29.old").build());
        server.setDefaultResponse(ScriptedResponse.json(200, "{\"ok\":true}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawPost.Response post(String path, String token, String body) throws Exception {
        return RawPost.send(server.baseUri(), path, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token),
                body);
    }

    private static String status(RawPost.Response response) {
        return JsonValue.parse(response.body()).get("error").flatMap(e -> e.get("status")).flatMap(JsonValue::asString)
                .orElseThrow();
    }

    @Test
    void aGoodRequestTakesItsScriptedResponse() throws Exception {
        assertThat(post(BASE + "claude-x@1:streamRawPredict", TOKEN, GOOD).statusCode()).isEqualTo(200);
        assertThat(post(BASE + "count-tokens:rawPredict", TOKEN,
                "{\"anthropic_version\":\"vertex-2023-10-16\",\"model\":\"claude-x@1\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void missingUnknownAndExpiredTokensAre401Unauthenticated() throws Exception {
        for (String token : new String[] {null, "ya29.unknown", "ya29.old"}) {
            RawPost.Response response = post(BASE + "claude-x@1:streamRawPredict", token, GOOD);
            assertThat(response.statusCode()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(status(response)).isEqualTo("UNAUTHENTICATED");
            assertThat(response.body()).contains("\"code\":401", "Request had invalid authentication credentials.")
                    .doesNotContain("ya29");
        }
    }

    @Test
    void anotherProjectRegionOrMethodIs404NotFound() throws Exception {
        for (String path : new String[] {
                "/v1/projects/p2/locations/us-east5/publishers/anthropic/models/claude-x@1:streamRawPredict",
                "/v1/projects/p1/locations/europe-west1/publishers/anthropic/models/claude-x@1:streamRawPredict",
                BASE + "claude-x@1:predict", BASE + "count-tokens:streamRawPredict", "/v1/messages"}) {
            RawPost.Response response = post(path, TOKEN, GOOD);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(status(response)).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void aBodyWithModelOrWithoutTheVersionIs400InvalidArgument() throws Exception {
        String[] bodies = {
            "{\"anthropic_version\":\"vertex-2023-10-16\",\"model\":\"claude-x@1\",\"stream\":true}",
            "{\"stream\":true}",
            "{\"anthropic_version\":\"2023-06-01\",\"stream\":true}",
            "{\"anthropic_version\":\"vertex-2023-10-16\"}",
            "[1,2]",
            "{\"anthropic_version\":\"vertex-2023-10-16\",",
        };
        for (String body : bodies) {
            RawPost.Response response = post(BASE + "claude-x@1:streamRawPredict", TOKEN, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(status(response)).as(body).isEqualTo("INVALID_ARGUMENT");
        }
        RawPost.Response noModel = post(BASE + "count-tokens:rawPredict", TOKEN,
                "{\"anthropic_version\":\"vertex-2023-10-16\"}");
        assertThat(noModel.statusCode()).isEqualTo(400);
    }

    @Test
    void aModelPropertyInsideAToolSchemaIsNotTheBodysModel() throws Exception {
        // GOOD holds "model" only inside a tool's input schema.
        assertThat(post(BASE + "claude-x@1:streamRawPredict", TOKEN, GOOD).statusCode()).isEqualTo(200);
    }

    @Test
    void toStringShowsNoToken() {
        assertThat(VertexRequestCheck.builder().projectId("p1").region("global").acceptToken(TOKEN).build().toString())
                .isEqualTo("VertexRequestCheck{projectId=p1, region=global, accepted=1 tokens, expired=0 tokens}");
    }
}
