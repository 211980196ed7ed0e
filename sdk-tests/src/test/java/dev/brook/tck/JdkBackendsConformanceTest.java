package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.transport.jdk.JdkTransportProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Every backend through the {@code jdk} transport as discovery creates it. */
class JdkBackendsConformanceTest implements BackendSuite {
    @Override
    public Transport newTransport() {
        return new JdkTransportProvider().create(TransportConfig.defaults());
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
