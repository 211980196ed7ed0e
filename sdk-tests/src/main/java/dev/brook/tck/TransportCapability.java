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
    NATIVE_ASYNC
}
