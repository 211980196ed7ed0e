package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.testkit.SelfSignedTls;
import dev.brook.transport.apache.ApacheTransport;
import dev.brook.transport.apache.ApacheTransportProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterAll;

/**
 * The conformance kit on the {@code apache} transport as discovery creates it: an async client Brook
 * owns, with its timeouts from {@link TransportConfig}, closed with the transport.
 */
class ApacheConformanceTest extends BrookConformanceKit {
    @Override
    public Transport newTransport() {
        return new ApacheTransportProvider().create(TransportConfig.defaults());
    }

    /** Native: the async client's I/O threads drive every exchange, with no thread per stream. */
    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC);
    }

    /** Clients made for the TLS suite, closed after the class: Brook does not close a user's client. */
    private static final List<CloseableHttpAsyncClient> TRUSTING = new CopyOnWriteArrayList<>();

    /** A user's async client trusting the test certificate through its TLS strategy. */
    @Override
    public Optional<Transport> newTransportTrusting(SelfSignedTls tls) {
        CloseableHttpAsyncClient client = ApacheTransport.withAbortSupport(HttpAsyncClients.custom())
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setTlsStrategy(new DefaultClientTlsStrategy(tls.clientContext()))
                        .build())
                .build();
        client.start();
        TRUSTING.add(client);
        return Optional.of(ApacheTransport.of(client));
    }

    @AfterAll
    static void closeTrustingClients() {
        TRUSTING.forEach(c -> c.close(CloseMode.IMMEDIATE));
    }
}
