package dev.brook.transport.jdk;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportProvider;

/**
 * Registers the {@code java.net.http} transport for {@link java.util.ServiceLoader} under the name
 * {@code jdk}, with priority 0: the default when no other transport is on the class path.
 */
public final class JdkTransportProvider implements TransportProvider {
    /** The name users select this transport by. */
    public static final String NAME = "jdk";

    /** The constructor {@link java.util.ServiceLoader} calls. */
    public JdkTransportProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Transport create(TransportConfig config) {
        return JdkTransport.create(config);
    }
}
