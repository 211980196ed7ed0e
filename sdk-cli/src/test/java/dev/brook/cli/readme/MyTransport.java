package dev.brook.cli.readme;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.transport.jdk.JdkTransport;
import java.net.http.HttpClient;

/**
 * Stands in for a reader's own transport in the README examples, so they compile: it hands out the jdk
 * transport.
 */
final class MyTransport {
    /** The README's "your configured client". */
    static final HttpClient myConfiguredClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private MyTransport() {
    }

    static Transport create(TransportConfig config) {
        return JdkTransport.of(HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build());
    }

    static Transport of(HttpClient client) {
        return JdkTransport.of(client);
    }
}
