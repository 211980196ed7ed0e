package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.transport.Transport;
import dev.brook.tck.VertxUserClientConformanceTest.BlockedThreadWarnings;
import dev.brook.tck.VertxUserClientConformanceTest.UserVertx;
import dev.brook.testkit.SelfSignedTls;
import dev.brook.transport.vertx.VertxTransport;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance kit on the {@code vertx} transport around a user's ready core {@code HttpClient}, shared
 * by every transport the suites create and close: Brook must never close it, and the user's
 * {@code Vertx} must never see a blocked event loop.
 */
class VertxUserHttpClientConformanceTest extends BrookConformanceKit {
    private static Vertx vertx;
    private static HttpClientAgent client;
    private static HttpClientAgent trustingClient;
    private static BlockedThreadWarnings warnings;

    @BeforeAll
    static void startUserVertxAndClient() throws Exception {
        vertx = UserVertx.start();
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(10_000),
                new PoolOptions().setHttp1MaxSize(600)); // the async suite holds 500 streams open at once
        trustingClient = vertx.createHttpClient(new HttpClientOptions()
                .setTrustOptions(VertxUserClientConformanceTest.pemTrust(SelfSignedTls.get())));
        warnings = BlockedThreadWarnings.capture();
    }

    @AfterAll
    static void userClientAndVertxAreStillUsableAndWereNeverBlocked() throws Exception {
        try {
            warnings.close();
            assertThat(warnings.seen()).as("Vert.x blocked-thread warnings during the suites").isEmpty();
            UserVertx.assertClientWorks(client);
            UserVertx.assertUsable(vertx);
        } finally {
            client.close().await(10, TimeUnit.SECONDS);
            trustingClient.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC);
    }

    @Override
    public Optional<Transport> newTransportTrusting(SelfSignedTls tls) {
        return Optional.of(VertxTransport.of(vertx, trustingClient));
    }

    @Override
    public Transport newTransport() {
        return VertxTransport.of(vertx, client);
    }
}
