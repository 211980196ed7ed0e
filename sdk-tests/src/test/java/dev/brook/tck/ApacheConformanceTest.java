package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.transport.apache.ApacheTransportProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * The conformance kit on the {@code apache} transport as discovery creates it: an async client Brook
 * owns, with its timeouts from {@link TransportConfig}, closed with the transport.
 */
class ApacheConformanceTest extends BrookConformanceKit {
    @Override
    public Transport newTransport() {
        return new ApacheTransportProvider().create(TransportConfig.defaults());
    }

    /** Native: the async client's I/O threads drive every exchange, with no thread per stream. */
    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC);
    }
}
