package dev.brook.opentelemetry;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.transport.jdk.JdkTransportProvider;

/** The tracing suite on the {@code jdk} transport as discovery creates it. */
class JdkTracingTest extends TracingSuite {
    @Override
    Transport newTransport() {
        return new JdkTransportProvider().create(TransportConfig.defaults());
    }
}
