package dev.brook.tck;

import dev.brook.core.transport.Transport;

/**
 * What every conformance suite needs from the transport under test. Implement it once, by extending
 * {@link BrookConformanceKit}.
 */
public interface TransportSuite {

    /**
     * A new transport to test, configured as a user would (or as discovery creates it). Each test or
     * test factory calls this once and closes the transport when it is done.
     */
    Transport newTransport();
}
