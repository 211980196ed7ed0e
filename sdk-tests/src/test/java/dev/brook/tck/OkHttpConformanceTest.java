package dev.brook.tck;

import dev.brook.core.transport.Transport;
import okhttp3.OkHttpClient;
import java.util.Optional;
import dev.brook.transport.okhttp.OkHttpTransport;
import dev.brook.testkit.SelfSignedTls;
import dev.brook.core.transport.TransportConfig;
import dev.brook.transport.okhttp.OkHttpTransportProvider;
import java.util.EnumSet;
import java.util.Set;

/** The conformance kit on the {@code okhttp} transport as discovery creates it. */
class OkHttpConformanceTest extends BrookConformanceKit {
    @Override
    public Transport newTransport() {
        return new OkHttpTransportProvider().create(TransportConfig.defaults());
    }

    /** None: OkHttp reads bodies with blocking I/O, so each open async stream has a thread reading it. */
    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.noneOf(TransportCapability.class);
    }

    @Override
    public Optional<Transport> newTransportTrusting(SelfSignedTls tls) {
        return Optional.of(OkHttpTransport.of(new OkHttpClient.Builder()
                .sslSocketFactory(tls.clientContext().getSocketFactory(), tls.trustManager())
                .build()));
    }
}
