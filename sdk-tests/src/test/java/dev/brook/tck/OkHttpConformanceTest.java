package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.transport.okhttp.OkHttpTransportProvider;

/** The conformance kit on the {@code okhttp} transport as discovery creates it. */
class OkHttpConformanceTest extends BrookConformanceKit {
    @Override
    public Transport newTransport() {
        return new OkHttpTransportProvider().create(TransportConfig.defaults());
    }
}
