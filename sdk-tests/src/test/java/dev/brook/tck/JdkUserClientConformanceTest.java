package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.testkit.SelfSignedTls;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import dev.brook.transport.jdk.JdkTransport;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The conformance kit on the {@code jdk} transport around a user's own {@link HttpClient}. */
class JdkUserClientConformanceTest extends BrookConformanceKit {
    /** The user's own executor, as a service would configure it: bounded, shared by all its clients. */
    private static final ExecutorService USER_EXECUTOR = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "user-http-client");
        t.setDaemon(true);
        return t;
    });

    @Override
    public Transport newTransport() {
        return JdkTransport.of(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(USER_EXECUTOR)
                .build());
    }

    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC);
    }

    @Override
    public Optional<Transport> newTransportTrusting(SelfSignedTls tls) {
        return Optional.of(JdkTransport.of(HttpClient.newBuilder().sslContext(tls.clientContext()).build()));
    }
}
