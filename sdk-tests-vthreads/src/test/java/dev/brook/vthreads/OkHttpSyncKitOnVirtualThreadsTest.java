package dev.brook.vthreads;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.tck.TransportCapability;
import dev.brook.transport.okhttp.OkHttpTransportProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kit's sync suites on virtual threads, on the {@code okhttp} transport as discovery creates it. A
 * sync call runs on the caller's thread, so OkHttp's dispatcher limits do not apply and its connection
 * pool has no limit on connections in use: 1,000 streams open 1,000 connections.
 */
class OkHttpSyncKitOnVirtualThreadsTest extends SyncKitOnVirtualThreads {
    @Override
    public Transport newTransport() {
        return new OkHttpTransportProvider().create(TransportConfig.defaults());
    }

    /** None: OkHttp reads bodies with blocking I/O. */
    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.noneOf(TransportCapability.class);
    }
}
