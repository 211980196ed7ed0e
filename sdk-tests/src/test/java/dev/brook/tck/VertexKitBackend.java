package dev.brook.tck;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.brook.core.backend.Backend;
import dev.brook.testkit.RequestCheck;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.testkit.VertexRequestCheck;
import dev.brook.vertex.VertexBackend;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Google Vertex AI as the kit tests it: a bearer token from Google credentials, checked with the path and
 * body shape by the fake; replies as SSE; errors shaped as Google's. A second token is refused as expired
 * (the server's verdict: the credentials still think it valid, as after a clock skew or a revocation).
 */
final class VertexKitBackend implements KitBackend {
    private static final String PROJECT = "tck-project";
    private static final String REGION = "us-east5";
    private static final String TOKEN = "ya29.tck-access-token";
    private static final String EXPIRED_TOKEN = "ya29.tck-expired-token";

    private final RequestCheck check = VertexRequestCheck.builder()
            .projectId(PROJECT).region(REGION).acceptToken(TOKEN).expiredToken(EXPIRED_TOKEN).build();

    @Override
    public String name() {
        return "vertex";
    }

    @Override
    public Backend newBackend(URI baseUrl) {
        return backend(baseUrl, TOKEN);
    }

    @Override
    public Optional<Backend> newBackendWithExpiredCredentials(URI baseUrl) {
        return Optional.of(backend(baseUrl, EXPIRED_TOKEN));
    }

    private static Backend backend(URI baseUrl, String token) {
        Date inAnHour = Date.from(Instant.now().plus(Duration.ofHours(1)));
        return VertexBackend.builder()
                .region(REGION)
                .projectId(PROJECT)
                .baseUrl(baseUrl.toString())
                .credentials(GoogleCredentials.create(new AccessToken(token, inAnHour)))
                .build();
    }

    @Override
    public Optional<RequestCheck> check() {
        return Optional.of(check);
    }

    @Override
    public ScriptedResponse stream(byte[] sse, int chunkSize) {
        return KitBackend.direct().stream(sse, chunkSize);
    }

    @Override
    public ScriptedResponse error(int status, String message) {
        String googleStatus = switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> "INTERNAL";
        };
        return ScriptedResponse.json(status, "{\"error\":{\"code\":" + status + ",\"message\":\"" + message
                + "\",\"status\":\"" + googleStatus + "\"}}");
    }

    @Override
    public String toString() {
        return name();
    }
}
