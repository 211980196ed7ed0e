package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.transport.okhttp.OkHttpTransportProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Every backend through the {@code okhttp} transport as discovery creates it. */
class OkHttpBackendsConformanceTest implements BackendSuite {
    @Override
    public Transport newTransport() {
        return new OkHttpTransportProvider().create(TransportConfig.defaults());
    }

    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.noneOf(TransportCapability.class);
    }

    @Override
    public List<KitBackend> kitBackends() {
        return CloudKitBackends.all();
    }
}
