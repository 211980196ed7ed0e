package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.transport.apache.ApacheTransport;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterAll;

/**
 * Every backend through the {@code apache} transport around a user's classic client, configured as in
 * {@link ApacheClassicConformanceTest} (Apache's own retries off: Brook retries).
 */
class ApacheClassicBackendsConformanceTest implements BackendSuite {
    private static final CloseableHttpClient CLIENT = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().build())
            .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofSeconds(5)).build())
            .disableAutomaticRetries()
            .build();

    @AfterAll
    static void closeClient() {
        CLIENT.close(CloseMode.IMMEDIATE);
    }

    @Override
    public Transport newTransport() {
        return ApacheTransport.of(CLIENT);
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
