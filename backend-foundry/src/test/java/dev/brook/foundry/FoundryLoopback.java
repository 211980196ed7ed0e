package dev.brook.foundry;

import dev.brook.core.client.Brook;
import dev.brook.core.request.MessageRequest;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.transport.jdk.JdkTransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A loopback server standing in for a Foundry resource, the {@code jdk} transport, and clients closed after each test. */
abstract class FoundryLoopback {
    static final String API_KEY = "foundry-test-key-SECRET";
    static final String DEPLOYMENT = "claude-sonnet-4-5";
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

    /** The loopback server's {@code /anthropic}, where a resource serves Claude. */
    String resourceUrl() {
        return server.baseUri() + "/anthropic";
    }

    /** A backend on the loopback resource with {@link #API_KEY}. */
    FoundryBackend keyed() {
        return FoundryBackend.builder().baseUrl(resourceUrl()).apiKey(API_KEY).build();
    }

    Brook client(FoundryBackend backend) {
        return client(backend, 0);
    }

    /** A client on {@code backend}; closed after the test. */
    Brook client(FoundryBackend backend, int maxRetries) {
        Brook brook = Brook.builder().backend(backend).transport(transport).maxRetries(maxRetries).idleTimeout(WAIT)
                .build();
        clients.add(brook);
        return brook;
    }

    static MessageRequest request() {
        return MessageRequest.builder().model(DEPLOYMENT).maxTokens(256).addUserMessage("Tell me a story.").build();
    }
}
