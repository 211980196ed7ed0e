package dev.brook.opentelemetry;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.transport.vertx.VertxTransportProvider;

/**
 * The tracing suite on the {@code vertx} transport as discovery creates it: its own {@code Vertx}, whose
 * event loop runs the async callbacks.
 */
class VertxTracingTest extends TracingSuite {
    @Override
    Transport newTransport() {
        return new VertxTransportProvider().create(TransportConfig.defaults());
    }
}
