package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.error.ConnectionException;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.testkit.SelfSignedTls;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Certificates are verified by default on every transport; a user's own configured client is how a
 * private CA (here a self-signed certificate) is trusted.
 */
public interface TlsSuite extends TransportSuite {

    /**
     * A server with a self-signed certificate is refused by default, with an error that says how to trust it,
     * and no request gets through.
     */
    @Test
    default void selfSignedServerIsRefusedByDefaultWithAClearTlsError() {
        // Over HTTP/2 newTransport() is set up for the kit's protocol: it trusts the kit's certificate (h2)
        // or speaks cleartext only (h2c), so a refusal there would test the set-up, not the transport.
        Assumptions.assumeTrue(protocol() == KitProtocol.HTTP_1_1, () -> "newTransport() is set up for "
                + protocol() + "; the HTTP/1.1 run of the kit checks the refusal");
        try (FakeMessagesServer server = tlsServer();
                Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.setDefaultResponse(ScriptedResponse.sse(ConformanceData.read("fixtures/text-basic.sse")));
            Throwable thrown = catchThrowable(() -> brook.messages().stream(Tck.request()).close());
            assertThat(thrown).isInstanceOf(ConnectionException.class)
                    .hasMessageStartingWith("TLS handshake with " + server.baseUri() + "/v1/messages failed")
                    .hasMessageContaining("pass your own HTTP client");
            assertThat(server.requestCount()).as("no request got through the handshake").isZero();
        }
    }

    /**
     * A server with a self-signed certificate is reached through a user's client that trusts it
     * ({@link TransportSuite#newTransportTrusting}); skipped when the transport cannot take one.
     */
    @Test
    default void selfSignedServerIsAcceptedThroughAUserClientThatTrustsIt() {
        SelfSignedTls tls = SelfSignedTls.get();
        Optional<Transport> trusting = newTransportTrusting(tls);
        Assumptions.assumeTrue(trusting.isPresent(),
                "the transport under test offers no newTransportTrusting(...) (it takes no user-configured client)");
        try (FakeMessagesServer server = tlsServer();
                Transport transport = trusting.get();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(ScriptedResponse.sse(ConformanceData.read("fixtures/text-basic.sse")));
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                assertThat(stream.finalText()).startsWith("Once upon a time");
            }
            if (protocol().isHttp2()) {
                assertThat(server.requests()).as("ALPN chose HTTP/2 for a client of a transport run over %s",
                        protocol()).allSatisfy(r -> assertThat(r.protocol()).isEqualTo("HTTP/2"));
            }
        }
    }

    /** A started HTTPS server with {@link SelfSignedTls#get()}'s certificate, offering HTTP/2 when the kit runs over it. */
    private FakeMessagesServer tlsServer() {
        return (protocol().isHttp2() ? KitProtocol.HTTP_2_TLS.newServer()
                : new FakeMessagesServer().useTls(SelfSignedTls.get().serverContext())).start();
    }
}
