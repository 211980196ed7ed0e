package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.testkit.SelfSignedTls;
import dev.brook.transport.jdk.JdkTransport;
import java.net.http.HttpClient;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The conformance kit on the {@code jdk} transport over HTTP/2 with TLS, as the API is reached: a user's
 * {@link HttpClient} (HTTP/2 is its default) trusting the kit's certificate, shared by every test as an
 * application shares its client, so the streams of a test multiplex over its connections.
 */
class JdkHttp2ConformanceTest extends BrookConformanceKit {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .sslContext(SelfSignedTls.get().clientContext())
            .build();

    @Override
    public KitProtocol protocol() {
        return KitProtocol.HTTP_2_TLS;
    }

    @Override
    public Transport newTransport() {
        return JdkTransport.of(CLIENT);
    }

    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC, TransportCapability.HTTP2_TLS,
                TransportCapability.HTTP2_CLEARTEXT);
    }

    @Override
    public Optional<Transport> newTransportTrusting(SelfSignedTls tls) {
        return Optional.of(JdkTransport.of(HttpClient.newBuilder().sslContext(tls.clientContext()).build()));
    }
}
