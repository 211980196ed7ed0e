package dev.brook.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.testkit.ScriptedResponse;
import dev.brook.testkit.VertexRequestCheck;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VertexEnvTest extends VertexLoopback {
    @Test
    void regionAndProjectComeFromTheEnvironment() {
        VertexBackend backend = VertexBackend.builder()
                .fromEnv(Map.of("CLOUD_ML_REGION", "europe-west1", "ANTHROPIC_VERTEX_PROJECT_ID", "my-project"))
                .build();

        assertThat(backend.region()).isEqualTo("europe-west1");
        assertThat(backend.projectId()).isEqualTo("my-project");
        assertThat(backend.baseUrl()).isEqualTo(URI.create("https://europe-west1-aiplatform.googleapis.com"));
        assertThat(backend.endpoint()).isEqualTo(backend.baseUrl());
        assertThat(backend.name()).isEqualTo("vertex");
    }

    @Test
    void theGlobalRegionUsesTheGlobalEndpoint() {
        VertexBackend backend = VertexBackend.builder()
                .fromEnv(Map.of("CLOUD_ML_REGION", "global", "ANTHROPIC_VERTEX_PROJECT_ID", "my-project"))
                .build();

        assertThat(backend.baseUrl()).isEqualTo(URI.create("https://aiplatform.googleapis.com"));
    }

    @Test
    void buildingWithoutCredentialsDoesNotLoadThem() {
        // Application default credentials are loaded at the first call; building must not need them.
        VertexBackend backend = VertexBackend.builder().region("us-east5").projectId("p").build();

        assertThat(backend.toString()).contains("credentials=application default");
        assertThat(backend.secrets()).isEmpty();
    }

    @Test
    void theBaseUrlOverrideCarriesCallsToAProxyWithOrWithoutV1() throws Exception {
        String token = "ya29.env-token";
        server.checkRequests(VertexRequestCheck.builder().projectId("env-project").region("global").acceptToken(token)
                .build());
        for (String base : new String[] {server.baseUri().toString(), server.baseUri() + "/v1/"}) {
            server.enqueue(ScriptedResponse.json(200, ConformanceFixtures.named("text-basic").finalMessage().toJson()));
            VertexBackend backend = VertexBackend.builder()
                    .fromEnv(Map.of("CLOUD_ML_REGION", "global", "ANTHROPIC_VERTEX_PROJECT_ID", "env-project",
                            "ANTHROPIC_VERTEX_BASE_URL", base))
                    .credentials(CountingCredentials.startingWith(CountingCredentials.token(token, Duration.ofHours(1)),
                            Duration.ofHours(1)))
                    .build();

            assertThat(backend.baseUrl()).as(base).isEqualTo(server.baseUri());
            client(backend).messages().create(request());
            assertThat(server.takeRequest(WAIT).orElseThrow().path()).as(base).isEqualTo(
                    "/v1/projects/env-project/locations/global/publishers/anthropic/models/" + MODEL + ":rawPredict");
        }
    }

    @Test
    void blankVariablesAreIgnoredAndLaterSettingsWin() {
        VertexBackend backend = VertexBackend.builder().region("us-east5").projectId("explicit")
                .fromEnv(Map.of("CLOUD_ML_REGION", " ", "ANTHROPIC_VERTEX_PROJECT_ID", ""))
                .build();

        assertThat(backend.region()).isEqualTo("us-east5");
        assertThat(backend.projectId()).isEqualTo("explicit");
    }

    @Test
    void aMissingRegionOrProjectNamesTheVariableAndTheSetter() {
        assertThatThrownBy(() -> VertexBackend.builder().fromEnv(Map.of()).projectId("p").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No Vertex AI region: set CLOUD_ML_REGION (read by fromEnv()) or call "
                        + "VertexBackend.builder().region(...), such as us-east5, or global for the global endpoint.");
        assertThatThrownBy(() -> VertexBackend.builder().region("us-east5").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No Google Cloud project: set ANTHROPIC_VERTEX_PROJECT_ID (read by fromEnv()) or call "
                        + "VertexBackend.builder().projectId(...).");
    }

    @Test
    void badValuesAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> VertexBackend.builder().fromEnv(Map.of("CLOUD_ML_REGION", "us-east5/../x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CLOUD_ML_REGION: region must be a Google Cloud region such as us-east5, or global: "
                        + "\"us-east5/../x\"");
        assertThatThrownBy(() -> VertexBackend.builder().projectId("my project"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("projectId must be a Google Cloud project ID");
        assertThatThrownBy(() -> VertexBackend.builder().fromEnv(Map.of("ANTHROPIC_VERTEX_BASE_URL", "ftp://proxy")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ANTHROPIC_VERTEX_BASE_URL: baseUrl must be an absolute http or https URL");
    }
}
