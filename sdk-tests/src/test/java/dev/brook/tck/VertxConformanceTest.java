package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.transport.vertx.VertxTransportProvider;
import java.util.EnumSet;
import java.util.Set;

/** The conformance kit on the {@code vertx} transport as discovery creates it: its own {@code Vertx} and client. */
class VertxConformanceTest extends BrookConformanceKit {
    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC);
    }

    @Override
    public Transport newTransport() {
        return new VertxTransportProvider().create(TransportConfig.defaults());
    }
}
