package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.transport.apache.ApacheTransportProvider;

/**
 * The conformance kit on the {@code apache} transport as discovery creates it: an async client Brook
 * owns, with its timeouts from {@link TransportConfig}, closed with the transport.
 */
class ApacheConformanceTest extends BrookConformanceKit {
    @Override
    public Transport newTransport() {
        return new ApacheTransportProvider().create(TransportConfig.defaults());
    }
}
