package dev.brook.transport.apache;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportProvider;

/**
 * Registers the Apache HttpClient 5 transport for {@link java.util.ServiceLoader} under the name
 * {@code apache}, with priority 20: chosen over the JDK transport when both are on the class path.
 * {@link #create} builds and starts an async client that the transport owns and closes.
 */
public final class ApacheTransportProvider implements TransportProvider {
    /** The name users select this transport by. */
    public static final String NAME = "apache";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public ApacheTransportProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Returns 20. */
    @Override
    public int priority() {
        return 20;
    }

    /**
     * A transport over a new, started async client whose own connect and response timeouts are the
     * backstops of {@code config} ({@link TransportConfig#connectBackstop()},
     * {@link TransportConfig#readBackstop()}); the core enforces {@code config}'s timeouts themselves.
     */
    @Override
    public Transport create(TransportConfig config) {
        return ApacheTransport.create(config);
    }
}
