package dev.brook.core.transport;

/**
 * The seam a transport module implements, found with {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/dev.brook.core.transport.TransportProvider}.
 *
 * <p>Brook picks a transport in this order: one passed to {@code Brook.builder().transport(...)}; the
 * name in system property {@code brook.transport} or environment variable {@code BROOK_TRANSPORT}; the
 * only provider found; the provider with the highest {@link #priority()}. Implementations must have a
 * public no-argument constructor and be thread-safe.
 */
public interface TransportProvider {

    /**
     * {@return the name users select this transport by, such as {@code jdk}, {@code okhttp}, {@code apache},
     * {@code vertx}}
     */
    String name();

    /**
     * Rank among several providers on the class path; the highest wins when the user chose none. The JDK
     * transport, always available, has priority 0; third-party stacks usually rank higher.
     *
     * @return the rank; higher wins
     */
    int priority();

    /**
     * Creates a transport that owns its HTTP client and releases it on {@link Transport#close()}.
     *
     * @param config the timeouts to apply to the client it creates
     * @return a new transport
     */
    Transport create(TransportConfig config);
}
