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
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterAll;

/**
 * The conformance kit on the {@code apache} transport around a user's started
 * {@link CloseableHttpAsyncClient}, shared by every test as an application would share it, configured as
 * the module's README advises: built with {@link ApacheTransport#withAbortSupport}, Apache's automatic
 * retries off. A pool lease timeout of 5 s makes a leaked connection fail a test instead of hanging it.
 */
class ApacheAsyncConformanceTest extends BrookConformanceKit {
    private static final CloseableHttpAsyncClient CLIENT = ApacheTransport.withAbortSupport(HttpAsyncClients.custom())
            .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                    .setMaxConnPerRoute(1000) // a stream holds an HTTP/1.1 connection; the kit opens 500 at once
                    .setMaxConnTotal(1000)
                    .build())
            .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofSeconds(5)).build())
            .disableAutomaticRetries()
            .build();

    static {
        CLIENT.start();
    }

    @Override
    public Transport newTransport() {
        return ApacheTransport.of(CLIENT);
    }

    /** Native: the async client's I/O threads drive every exchange, with no thread per stream. */
    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC);
    }

    @AfterAll
    static void closeClient() {
        CLIENT.close(CloseMode.IMMEDIATE);
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
