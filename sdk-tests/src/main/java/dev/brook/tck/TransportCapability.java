package dev.brook.tck;

/**
 * Something a transport may or may not do. A suite that needs a capability the transport does not
 * declare is skipped, with the reason shown; every other suite runs.
 */
public enum TransportCapability {
    /**
     * Asynchronous exchanges driven by the stack's own I/O ({@code Transport.executeAsync} overridden, a
     * publisher body): no thread waits per stream, so hundreds of streams need no more threads.
     */
    NATIVE_ASYNC,
    /**
     * HTTP/2 over TLS, chosen by ALPN, with the stack's default client or a user's configured for it.
     * Run the kit over it with {@link KitProtocol#HTTP_2_TLS}.
     */
    HTTP2_TLS,
    /**
     * HTTP/2 in cleartext ({@code h2c}: by prior knowledge, or by {@code Upgrade: h2c}) with a client
     * configured for it. Run the kit over it with {@link KitProtocol#HTTP_2_CLEARTEXT}.
     */
    HTTP2_CLEARTEXT
}
