package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.testkit.SelfSignedTls;
import dev.brook.transport.okhttp.OkHttpTransport;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * The conformance kit on the {@code okhttp} transport over cleartext HTTP/2 by prior knowledge: a user's
 * {@link OkHttpClient} with {@link Protocol#H2_PRIOR_KNOWLEDGE}, shared by every test, so a test's
 * streams multiplex over one connection. No read timeout, as with the HTTP/1.1 user client: every wait
 * must be bounded by Brook's clock. Nagle off, as the transport advises for HTTP/2.
 */
class OkHttpHttp2ConformanceTest extends BrookConformanceKit {
    private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
            .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
            .readTimeout(Duration.ZERO)
            .socketFactory(OkHttpTransport.noDelaySockets())
            .build();

    @Override
    public KitProtocol protocol() {
        return KitProtocol.HTTP_2_CLEARTEXT;
    }

    @Override
    public Transport newTransport() {
        return OkHttpTransport.of(CLIENT);
    }

    /** HTTP/2 both ways; not natively async: OkHttp reads each body with a blocking thread. */
    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.HTTP2_TLS, TransportCapability.HTTP2_CLEARTEXT);
    }

    @Override
    public Optional<Transport> newTransportTrusting(SelfSignedTls tls) {
        return Optional.of(OkHttpTransport.of(new OkHttpClient.Builder()
                .sslSocketFactory(tls.clientContext().getSocketFactory(), tls.trustManager())
                .build()));
    }
}
