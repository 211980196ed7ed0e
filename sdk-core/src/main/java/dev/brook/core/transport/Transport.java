package dev.brook.core.transport;

import java.io.IOException;

/**
 * Moves the bytes of one HTTP exchange for Brook. A transport knows nothing of SSE, JSON or retries:
 * it sends a {@link TransportRequest} and hands back a {@link TransportResponse} as soon as the status
 * and headers have arrived, with the body unread.
 *
 * <p>Implementations are thread-safe: one transport serves many concurrent streams.
 */
public interface Transport extends AutoCloseable {

    /** The short name of this transport, such as {@code jdk} or {@code okhttp}; it appears in the user-agent. */
    String name();

    /**
     * Sends {@code request} and blocks until the status and headers have arrived.
     *
     * @throws IOException when the exchange fails before the headers (refused, reset, timed out);
     *     a transport may throw {@code dev.brook.core.error.StreamTimeoutException} directly when it
     *     knows which timeout fired
     */
    TransportResponse execute(TransportRequest request) throws IOException;

    /**
     * Releases what this transport created (pools, threads, clients). A client the user passed in is
     * left open: Brook never closes what it did not create. Idempotent.
     */
    @Override
    void close();
}
