package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.testkit.SelfSignedTls;
import dev.brook.transport.apache.ApacheTransport;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterAll;

/**
 * The conformance kit on the {@code apache} transport around a user's classic (blocking)
 * {@link CloseableHttpClient}, shared by every test as an application would share it, configured as
 * the module's README advises: Apache's automatic retries off (Brook retries, and Apache's default
 * strategy would also retry a 429 or 503 to a POST). A pool lease timeout of 5 s makes a leaked
 * connection fail a test instead of hanging it.
 */
class ApacheClassicConformanceTest extends BrookConformanceKit {
    private static final CloseableHttpClient CLIENT = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().build())
            .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofSeconds(5)).build())
            .disableAutomaticRetries()
            .build();

    @Override
    public Transport newTransport() {
        return ApacheTransport.of(CLIENT);
    }

    /** None: the classic client reads bodies with blocking I/O, so each open async stream has a thread reading it. */
    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.noneOf(TransportCapability.class);
    }

    @AfterAll
    static void closeClient() {
        CLIENT.close(CloseMode.IMMEDIATE);
    }

    /** Clients made for the TLS suite, closed after the class: Brook does not close a user's client. */
    private static final List<CloseableHttpClient> TRUSTING = new CopyOnWriteArrayList<>();

    /** A user's classic client trusting the test certificate through its TLS socket strategy. */
    @Override
    public Optional<Transport> newTransportTrusting(SelfSignedTls tls) {
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls.clientContext()))
                        .build())
                .disableAutomaticRetries()
                .build();
        TRUSTING.add(client);
        return Optional.of(ApacheTransport.of(client));
    }

    @AfterAll
    static void closeTrustingClients() {
        TRUSTING.forEach(c -> c.close(CloseMode.IMMEDIATE));
    }
}
