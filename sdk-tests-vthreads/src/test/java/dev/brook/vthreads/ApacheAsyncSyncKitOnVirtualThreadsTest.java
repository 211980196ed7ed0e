package dev.brook.vthreads;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.tck.TransportCapability;
import dev.brook.transport.apache.ApacheTransportProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kit's sync suites on virtual threads, on the {@code apache} transport as discovery creates it:
 * over an async client of Brook's own, whose pool allows 1,024 connections per route, enough for the
 * 1,000 streams.
 */
class ApacheAsyncSyncKitOnVirtualThreadsTest extends SyncKitOnVirtualThreads {
    @Override
    public Transport newTransport() {
        return new ApacheTransportProvider().create(TransportConfig.defaults());
    }

    /** Native async: the client's I/O reactor drives every exchange. */
    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC);
    }
}
