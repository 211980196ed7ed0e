package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.testkit.SelfSignedTls;
import java.util.Optional;
import java.util.Set;
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
     * Skips the calling test, with the reason shown, unless the transport declares {@code capability}.
     *
     * @param capability what the calling test needs
     */
    default void requireCapability(TransportCapability capability) {
        Assumptions.assumeTrue(capabilities().contains(capability),
                () -> "the transport under test does not declare " + capability + " (see capabilities())");
    }
}
