package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.testkit.SelfSignedTls;
import dev.brook.transport.vertx.VertxTransport;
import dev.brook.transport.vertx.VertxTransportProvider;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;

/**
 * The conformance kit on the {@code vertx} transport as discovery creates it: its own {@code Vertx} and
 * client. Trusting a private CA takes a user's client options, here on a {@code Vertx} of the test's.
 */
class VertxConformanceTest extends BrookConformanceKit {
    private static Vertx tlsVertx;

    @AfterAll
    static void closeTlsVertx() throws Exception {
        if (tlsVertx != null) {
            tlsVertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC);
    }

    @Override
    public Optional<Transport> newTransportTrusting(SelfSignedTls tls) {
        if (tlsVertx == null) {
            tlsVertx = Vertx.vertx();
        }
        return Optional.of(VertxTransport.of(tlsVertx,
                new HttpClientOptions().setTrustOptions(VertxUserClientConformanceTest.pemTrust(tls))));
    }

    @Override
    public Transport newTransport() {
        return new VertxTransportProvider().create(TransportConfig.defaults());
    }
}
