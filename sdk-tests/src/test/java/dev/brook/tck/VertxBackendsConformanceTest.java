package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.transport.vertx.VertxTransportProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Every backend through the {@code vertx} transport as discovery creates it. */
class VertxBackendsConformanceTest implements BackendSuite {
    @Override
    public Transport newTransport() {
        return new VertxTransportProvider().create(TransportConfig.defaults());
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
