package dev.brook.transport.vertx;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportProvider;

/**
 * Registers the Vert.x 5 transport for {@link java.util.ServiceLoader} under the name {@code vertx}, with
 * priority 10: it wins over the JDK transport (priority 0) when both are on the class path.
 *
 * <p>A transport created here owns its own {@code Vertx} instance and HTTP client and closes both with
 * {@link Transport#close()}. Thread-safe and stateless.
 */
public final class VertxTransportProvider implements TransportProvider {
    /** The name users select this transport by. */
    public static final String NAME = "vertx";

    /** Used by {@link java.util.ServiceLoader}. */
    public VertxTransportProvider() {
    }

    /** Returns {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }

    /** Returns 10. */
    @Override
    public int priority() {
        return 10;
    }

    /** A transport owning a new {@code Vertx} and HTTP client configured from {@code config}. */
    @Override
    public Transport create(TransportConfig config) {
        return VertxTransport.create(config);
    }
}
