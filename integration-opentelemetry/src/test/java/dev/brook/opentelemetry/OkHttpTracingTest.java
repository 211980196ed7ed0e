package dev.brook.opentelemetry;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.transport.okhttp.OkHttpTransportProvider;

/**
 * The tracing suite on the {@code okhttp} transport as discovery creates it. OkHttp reads with blocking
 * I/O, so async callbacks run on Brook's blocking threads: still not the caller's.
 */
class OkHttpTracingTest extends TracingSuite {
    @Override
    Transport newTransport() {
        return new OkHttpTransportProvider().create(TransportConfig.defaults());
    }
}
