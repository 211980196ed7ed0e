package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.transport.jdk.JdkTransport;
import java.net.http.HttpClient;

/** The conformance kit on the {@code jdk} transport around a user's own {@link HttpClient}. */
class JdkUserClientConformanceTest extends BrookConformanceKit {
    @Override
    public Transport newTransport() {
        return JdkTransport.of(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }
}
