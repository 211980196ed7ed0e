package dev.brook.transport.okhttp;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportProvider;

/**
 * Registers the OkHttp 5 transport for {@link java.util.ServiceLoader} under the name {@code okhttp}, with
 * priority 30: chosen over the JDK transport (priority 0) when both are on the class path and the user
 * named none. Stateless and thread-safe.
 */
public final class OkHttpTransportProvider implements TransportProvider {
    /** The name users select this transport by. */
    public static final String NAME = "okhttp";

    /** The constructor {@link java.util.ServiceLoader} calls. */
    public OkHttpTransportProvider() {
    }

    /** {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }

    /** 30. */
    @Override
    public int priority() {
        return 30;
    }

    /**
     * A transport owning a new {@code OkHttpClient} built from {@code config} (connect timeout, and the
     * idle timeout as OkHttp's read timeout); closing the transport shuts the client down.
     */
    @Override
    public Transport create(TransportConfig config) {
        return OkHttpTransport.create(config);
    }
}
