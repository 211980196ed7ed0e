package dev.brook.vthreads;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.tck.TransportCapability;
import dev.brook.transport.jdk.JdkTransportProvider;
import java.util.EnumSet;
import java.util.Set;

/** The kit's sync suites on virtual threads, on the {@code jdk} transport as discovery creates it. */
class JdkSyncKitOnVirtualThreadsTest extends SyncKitOnVirtualThreads {
    @Override
    public Transport newTransport() {
        return new JdkTransportProvider().create(TransportConfig.defaults());
    }

    /** Native async: {@code java.net.http} drives exchanges on its own selector. */
    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC);
    }
}
