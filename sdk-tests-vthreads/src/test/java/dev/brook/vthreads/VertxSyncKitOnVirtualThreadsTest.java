package dev.brook.vthreads;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.tck.TransportCapability;
import dev.brook.transport.vertx.VertxTransportProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kit's sync suites on virtual threads, on the {@code vertx} transport as discovery creates it: its
 * own {@code Vertx}, and a pool of 1,024 HTTP/1.1 connections, enough for the 1,000 streams. The
 * blocking calls wait on the virtual thread, never on an event loop.
 */
class VertxSyncKitOnVirtualThreadsTest extends SyncKitOnVirtualThreads {
    @Override
    public Transport newTransport() {
        return new VertxTransportProvider().create(TransportConfig.defaults());
    }

    /** Native async: Vert.x's event loops drive every exchange. */
    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC);
    }
}
