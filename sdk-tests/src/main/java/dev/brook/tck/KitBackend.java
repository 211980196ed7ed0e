package dev.brook.tck;

import dev.brook.core.backend.AnthropicBackend;
import dev.brook.core.backend.Backend;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RequestCheck;
import dev.brook.testkit.ScriptedResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A backend as {@link BackendSuite} tests it: the backend pointed at a kit server with known test
 * credentials, the check that server applies to every request (as the real endpoint checks signatures,
 * tokens and paths), and how the endpoint frames a stream and an error status. {@link #direct()} is the
 * direct API; the cloud backends' descriptions live beside their modules' tests.
 */
public interface KitBackend {
    /** {@return the backend's name, shown in the test names} */
    String name();

    /**
     * The backend under test, sending to {@code baseUrl} with the credentials {@link #check()} accepts.
     *
     * @param baseUrl the kit server's base URL
     * @return a new backend
     */
    Backend newBackend(URI baseUrl);

    /**
     * A backend whose credentials the check refuses as expired (an expired token or session), to show
     * that the refusal surfaces as the API error it is and is not retried.
     *
     * @param baseUrl the kit server's base URL
     * @return the backend; empty when this backend has no credentials that expire
     */
    Optional<Backend> newBackendWithExpiredCredentials(URI baseUrl);

    /** {@return what the kit server checks in each request, as the real endpoint would; empty for nothing} */
    Optional<RequestCheck> check();

    /**
     * A 2xx streamed reply carrying the events of an SSE body, in this endpoint's framing.
     *
     * @param sse the events, as an SSE body
     * @param chunkSize how many bytes each write carries (0: the whole body at once)
     * @return the scripted reply
     */
    ScriptedResponse stream(byte[] sse, int chunkSize);

    /**
     * An error status as this endpoint answers it.
     *
     * @param status the HTTP status
     * @param message the error message the body carries
     * @return the scripted reply
     */
    ScriptedResponse error(int status, String message);

    /**
     * Streamed replies whose framing breaks after {@code sse}'s first event (a frame with a wrong checksum,
     * say), each of which must end the stream with a protocol error carrying the snapshot.
     *
     * @param sse the events, as an SSE body
     * @return each broken reply by what is wrong with it; empty when the framing has no checksums (SSE)
     */
    default Map<String, ScriptedResponse> corruptStreams(byte[] sse) {
        return Map.of();
    }

    /** {@return the direct Anthropic API, as the rest of the kit uses it} */
    static KitBackend direct() {
        return new KitBackend() {
            @Override
            public String name() {
                return "anthropic";
            }

            @Override
            public Backend newBackend(URI baseUrl) {
                return AnthropicBackend.builder().apiKey(Tck.API_KEY).baseUrl(baseUrl.toString()).build();
            }

            @Override
            public Optional<Backend> newBackendWithExpiredCredentials(URI baseUrl) {
                return Optional.empty();
            }

            @Override
            public Optional<RequestCheck> check() {
                return Optional.of(request -> request.header("x-api-key").filter(Tck.API_KEY::equals).isPresent()
                        ? Optional.empty()
                        : Optional.of(ScriptedResponse.json(401, "{\"type\":\"error\",\"error\":{\"type\":"
                                + "\"authentication_error\",\"message\":\"invalid x-api-key\"}}")));
            }

            @Override
            public ScriptedResponse stream(byte[] sse, int chunkSize) {
                return chunkSize == 0 ? ScriptedResponse.sse(sse) : ScriptedResponse.sseInChunks(sse, chunkSize, Duration.ZERO);
            }

            @Override
            public ScriptedResponse error(int status, String message) {
                return ScriptedResponse.json(status, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\""
                        + message + "\"}}");
            }

            @Override
            public String toString() {
                return name();
            }
        };
    }

    /**
     * A server for this backend: started by {@code suite}, checking requests as {@link #check()} says.
     *
     * @param suite the suite whose protocol the server speaks
     * @return the started server, which the caller closes
     */
    default FakeMessagesServer newServer(TransportSuite suite) {
        FakeMessagesServer server = suite.newServer();
        check().ifPresent(server::checkRequests);
        return server;
    }
}
