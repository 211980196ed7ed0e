package dev.brook.tck;

import dev.brook.core.transport.Transport;
import java.util.EnumSet;
import java.util.Set;
import dev.brook.transport.jdk.JdkTransport;
import java.net.http.HttpClient;

/** The conformance kit on the {@code jdk} transport around a user's own {@link HttpClient}. */
class JdkUserClientConformanceTest extends BrookConformanceKit {
    @Override
    public Transport newTransport() {
        return JdkTransport.of(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }

    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC);
    }
}
