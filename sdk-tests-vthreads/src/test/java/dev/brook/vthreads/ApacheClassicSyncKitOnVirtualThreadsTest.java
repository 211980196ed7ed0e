package dev.brook.vthreads;

import dev.brook.core.transport.Transport;
import dev.brook.tck.TransportCapability;
import dev.brook.transport.apache.ApacheTransport;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterAll;

/**
 * The kit's sync suites on virtual threads, on the {@code apache} transport around a user's classic
 * (blocking) client: the natural stack for thread-per-request code, and the one whose socket reads
 * happen on the virtual thread itself. Shared by every test, as an application shares its client, and
 * closed after the class (Brook never closes a user's client).
 */
class ApacheClassicSyncKitOnVirtualThreadsTest extends SyncKitOnVirtualThreads {
    /**
     * Connections the pool allows per route and in total. An HTTP/1.1 stream holds its connection until it
     * ends, and every stream goes to the one fake server, so the classic pool's default of 5 per route
     * (25 in total) would queue the 6th of the 1,000 concurrent streams until the lease timeout.
     */
    private static final int CONNECTIONS = ThousandSyncStreamsSuite.STREAMS + 24;

    /**
     * As the transport's README advises: Apache's automatic retries off (Brook retries). A 60 s lease
     * timeout bounds a wait for a connection (a leak fails a test rather than hanging it) while leaving
     * room for 1,000 streams opening at once on a busy machine.
     */
    private static final CloseableHttpClient CLIENT = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnPerRoute(CONNECTIONS)
                    .setMaxConnTotal(CONNECTIONS)
                    .build())
            .setDefaultRequestConfig(RequestConfig.custom()
                    .setConnectionRequestTimeout(Timeout.ofSeconds(ThousandSyncStreamsSuite.WAIT.toSeconds())).build())
            .disableAutomaticRetries()
            .build();

    @Override
    public Transport newTransport() {
        return ApacheTransport.of(CLIENT);
    }

    /** None: the classic client reads bodies with blocking I/O. */
    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.noneOf(TransportCapability.class);
    }

    /** Closes the shared client once every test is done with it. */
    @AfterAll
    static void closeClient() {
        CLIENT.close(CloseMode.IMMEDIATE);
    }
}
