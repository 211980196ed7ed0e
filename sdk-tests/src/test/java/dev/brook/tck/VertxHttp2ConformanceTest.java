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
import io.vertx.core.http.HttpVersion;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance kit on the {@code vertx} transport over cleartext HTTP/2 by prior knowledge: a user's
 * core {@code HttpClient} set to {@link HttpVersion#HTTP_2} without the {@code h2c} upgrade, shared by
 * every test, so a test's streams multiplex over its connections; the user's {@code Vertx} must never
 * see a blocked event loop.
 */
class VertxHttp2ConformanceTest extends BrookConformanceKit {
    private static Vertx vertx;
    private static HttpClientAgent client;
    private static HttpClientAgent trustingClient;
    private static BlockedThreadWarnings warnings;

    @BeforeAll
    static void startUserVertxAndClient() throws Exception {
        vertx = UserVertx.start();
        client = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false)
                .setConnectTimeout(10_000));
        trustingClient = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setUseAlpn(true)
                .setSsl(true)
                .setTrustOptions(VertxUserClientConformanceTest.pemTrust(SelfSignedTls.get())));
        warnings = BlockedThreadWarnings.capture();
    }

    @AfterAll
    static void userClientAndVertxAreStillUsableAndWereNeverBlocked() throws Exception {
        try {
            warnings.close();
            assertThat(warnings.seen()).as("Vert.x blocked-thread warnings during the suites").isEmpty();
            UserVertx.assertUsable(vertx);
        } finally {
            client.close().await(10, TimeUnit.SECONDS);
            trustingClient.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public KitProtocol protocol() {
        return KitProtocol.HTTP_2_CLEARTEXT;
    }

    @Override
    public Transport newTransport() {
        return VertxTransport.of(vertx, client);
    }

    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC, TransportCapability.HTTP2_TLS,
                TransportCapability.HTTP2_CLEARTEXT);
    }

    @Override
    public Optional<Transport> newTransportTrusting(SelfSignedTls tls) {
        return Optional.of(VertxTransport.of(vertx, trustingClient));
    }
}
