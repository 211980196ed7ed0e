package dev.brook.vertex;

import com.google.auth.oauth2.GoogleCredentials;
import dev.brook.core.client.Brook;
import dev.brook.core.request.MessageRequest;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.VertexRequestCheck;
import dev.brook.transport.jdk.JdkTransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A loopback server standing in for Vertex AI, the {@code jdk} transport, and clients closed after each test. */
abstract class VertexLoopback {
    static final String PROJECT = "brook-test-project";
    static final String REGION = "us-east5";
    static final String MODEL = "claude-sonnet-4@20250514";
    static final Duration WAIT = Duration.ofSeconds(10);

    FakeMessagesServer server;
    Transport transport;
    private final List<Brook> clients = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = new FakeMessagesServer().start();
        transport = new JdkTransportProvider().create(TransportConfig.defaults());
    }

    @AfterEach
    void stopServer() {
        clients.forEach(Brook::close);
        transport.close();
        server.close();
    }

    /** A backend for {@link #PROJECT} in {@link #REGION} on the loopback server. */
    VertexBackend backend(GoogleCredentials credentials) {
        return VertexBackend.builder().region(REGION).projectId(PROJECT).baseUrl(server.baseUri().toString())
                .credentials(credentials).build();
    }

    /** A client on {@code backend} without retries; closed after the test. */
    Brook client(VertexBackend backend) {
        return client(backend, 0);
    }

    Brook client(VertexBackend backend, int maxRetries) {
        Brook brook = Brook.builder().backend(backend).transport(transport).maxRetries(maxRetries).idleTimeout(WAIT)
                .build();
        clients.add(brook);
        return brook;
    }

    /** Accepts {@code tokens} for {@link #PROJECT} in {@link #REGION}. */
    static VertexRequestCheck.Builder check(String... tokens) {
        return VertexRequestCheck.builder().projectId(PROJECT).region(REGION).acceptTokens(List.of(tokens));
    }

    static MessageRequest request() {
        return MessageRequest.builder().model(MODEL).maxTokens(256).addUserMessage("Tell me a story.").build();
    }

    static String streamPath() {
        return "/v1/projects/" + PROJECT + "/locations/" + REGION + "/publishers/anthropic/models/" + MODEL
                + ":streamRawPredict";
    }
}
