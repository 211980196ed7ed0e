package dev.brook.tck;

import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The servers each test's {@link TransportSuite#newServer()} started, so that after the test the kit can
 * check every request was answered over {@link TransportSuite#protocol()}: a transport configured for
 * HTTP/2 that quietly fell back to HTTP/1.1 would otherwise pass the HTTP/2 run without testing it.
 * Keyed by the test instance (weakly: an instance whose test never ended is not kept alive).
 */
final class ServedProtocolCheck {
    private static final Map<TransportSuite, List<FakeMessagesServer>> SERVERS = new WeakHashMap<>();

    private ServedProtocolCheck() {
    }

    static FakeMessagesServer track(TransportSuite suite, FakeMessagesServer server) {
        synchronized (SERVERS) {
            SERVERS.computeIfAbsent(suite, s -> new ArrayList<>()).add(server);
        }
        return server;
    }

    /** Forgets {@code suite}'s servers and fails if one of them answered a request over another protocol. */
    static void verify(TransportSuite suite) {
        List<FakeMessagesServer> servers;
        synchronized (SERVERS) {
            servers = SERVERS.remove(suite);
        }
        if (servers == null) {
            return;
        }
        KitProtocol expected = suite.protocol();
        for (FakeMessagesServer server : servers) {
            for (RecordedRequest request : server.requests()) {
                if (!request.protocol().equals(expected.recordedProtocol())) {
                    throw new AssertionError(request.method() + " " + request.path() + " was answered over "
                            + request.protocol() + ", but the kit's protocol for this transport is " + expected
                            + " (" + expected.recordedProtocol() + "): configure the client under test for it,"
                            + " or change protocol()");
                }
            }
        }
    }
}
