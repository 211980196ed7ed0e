package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.transport.apache.ApacheTransportProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Every backend through the {@code apache} transport as discovery creates it (its async client). */
class ApacheAsyncBackendsConformanceTest implements BackendSuite {
    @Override
    public Transport newTransport() {
        return new ApacheTransportProvider().create(TransportConfig.defaults());
    }

    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC);
    }

    @Override
    public List<KitBackend> kitBackends() {
        return CloudKitBackends.all();
    }
}
