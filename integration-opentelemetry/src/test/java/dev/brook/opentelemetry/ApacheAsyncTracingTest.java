package dev.brook.opentelemetry;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.transport.apache.ApacheTransportProvider;

/**
 * The tracing suite on the {@code apache} transport as discovery creates it: an async client Brook owns,
 * whose I/O reactor threads run the async callbacks.
 */
class ApacheAsyncTracingTest extends TracingSuite {
    @Override
    Transport newTransport() {
        return new ApacheTransportProvider().create(TransportConfig.defaults());
    }
}
