package dev.brook.tck;

import dev.brook.core.transport.Transport;
import java.util.Optional;
import dev.brook.testkit.SelfSignedTls;
import dev.brook.transport.okhttp.OkHttpTransport;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import okhttp3.OkHttpClient;

/** The conformance kit on the {@code okhttp} transport around a user's own {@link OkHttpClient}. */
class OkHttpUserClientConformanceTest extends BrookConformanceKit {
    /**
     * One client shared by every test, as an application shares its client. No read timeout at all, as
     * a user who leaves timeouts to Brook would set it: every wait must then be bounded by Brook's clock.
     */
    private static final OkHttpClient USER_CLIENT = new OkHttpClient.Builder()
            .readTimeout(Duration.ZERO)
            .build();

    @Override
    public Transport newTransport() {
        return OkHttpTransport.of(USER_CLIENT);
    }

    /** None: OkHttp reads bodies with blocking I/O, so each open async stream has a thread reading it. */
    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.noneOf(TransportCapability.class);
    }

    @Override
    public Optional<Transport> newTransportTrusting(SelfSignedTls tls) {
        return Optional.of(OkHttpTransport.of(new OkHttpClient.Builder()
                .sslSocketFactory(tls.clientContext().getSocketFactory(), tls.trustManager())
                .build()));
    }
}
