package dev.brook.tck;

import dev.brook.core.transport.Transport;
import java.net.http.HttpClient;
import dev.brook.testkit.SelfSignedTls;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import dev.brook.core.transport.TransportConfig;
import dev.brook.transport.jdk.JdkTransport;
import dev.brook.transport.jdk.JdkTransportProvider;

/** The conformance kit on the {@code jdk} transport as discovery creates it. */
class JdkConformanceTest extends BrookConformanceKit {
    @Override
    public Transport newTransport() {
        return new JdkTransportProvider().create(TransportConfig.defaults());
    }

    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC);
    }

    @Override
    public Optional<Transport> newTransportTrusting(SelfSignedTls tls) {
        return Optional.of(JdkTransport.of(HttpClient.newBuilder().sslContext(tls.clientContext()).build()));
    }
}
