package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.transport.vertx.VertxTransportProvider;

/** The conformance kit on the {@code vertx} transport as discovery creates it: its own {@code Vertx} and client. */
class VertxConformanceTest extends BrookConformanceKit {
    @Override
    public Transport newTransport() {
        return new VertxTransportProvider().create(TransportConfig.defaults());
    }
}
