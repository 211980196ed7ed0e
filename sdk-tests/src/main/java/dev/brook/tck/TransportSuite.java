package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.SelfSignedTls;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;

/**
 * What every conformance suite needs from the transport under test. Implement it once, by extending
 * {@link BrookConformanceKit}.
 */
public interface TransportSuite {

    /**
     * A new transport to test, configured as a user would (or as discovery creates it). Each test or
     * test factory calls this once and closes the transport when it is done.
     *
     * @return a new transport, owned by the caller
     */
    Transport newTransport();

    /**
     * A transport around a client configured the way a user trusts a private CA: trusting
     * {@code tls}'s certificate. Empty when the transport cannot take a user's client, which skips the
     * TLS trust test with that reason.
     *
     * @param tls the self-signed certificate the test server presents
     * @return a new transport trusting it; empty (the default) when the transport cannot take a user's
     *     client
     */
    default Optional<Transport> newTransportTrusting(SelfSignedTls tls) {
        return Optional.empty();
    }

    /**
     * What the transport under test can do; suites needing anything else are skipped with the reason.
     *
     * @return the capabilities declared; empty for none
     */
    Set<TransportCapability> capabilities();

    /**
     * The protocol the kit's servers speak to {@link #newTransport()}'s transports. Override it to run the
     * whole kit again over HTTP/2, with {@code newTransport()} returning a transport configured for it (for
     * {@link KitProtocol#HTTP_2_TLS}, one that also trusts {@link SelfSignedTls#get()}); after each test the
     * kit checks that every request was answered over this protocol, so a silent fallback fails.
     *
     * @return the protocol; {@link KitProtocol#HTTP_1_1} unless overridden
     */
    default KitProtocol protocol() {
        return KitProtocol.HTTP_1_1;
    }

    /**
     * A started server on 127.0.0.1 speaking {@link #protocol()}, as every suite gets its servers. The
     * caller closes it.
     *
     * @return the started server
     */
    default FakeMessagesServer newServer() {
        return ServedProtocolCheck.track(this, protocol().newServer().start());
    }

    /**
     * Fails the test that just ran if a server from {@link #newServer()} answered a request over another
     * protocol than {@link #protocol()}.
     */
    @AfterEach
    default void everyRequestWasAnsweredOverTheKitProtocol() {
        ServedProtocolCheck.verify(this);
    }

    /**
     * Skips the calling test, with the reason shown, unless the transport declares {@code capability}.
     *
     * @param capability what the calling test needs
     */
    default void requireCapability(TransportCapability capability) {
        Assumptions.assumeTrue(capabilities().contains(capability),
                () -> "the transport under test does not declare " + capability + " (see capabilities())");
    }
}
