package dev.brook.tck;

import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.SelfSignedTls;

/**
 * The protocol the kit's servers speak to the transport under test ({@link TransportSuite#protocol()}).
 * Every suite runs the same way on each; what only exists on one protocol (HTTP/1.1 chunk framing, an
 * HTTP/2 {@code RST_STREAM}) is tested only there, and says so.
 */
public enum KitProtocol {
    /** Plain HTTP/1.1 on 127.0.0.1: the kit's default. */
    HTTP_1_1(false, false),
    /**
     * HTTP/2 in cleartext ({@code h2c}): by prior knowledge, or by {@code Upgrade: h2c} on the first
     * request for a client that asks (the JDK {@code HttpClient} set to {@code HTTP_2}).
     */
    HTTP_2_CLEARTEXT(true, false),
    /**
     * HTTP/2 over TLS, chosen by ALPN, with {@link SelfSignedTls#get()}'s certificate: the transport
     * under test must trust it ({@link TransportSuite#newTransport()} returns one that does).
     */
    HTTP_2_TLS(true, true);

    private final boolean http2;
    private final boolean tls;

    KitProtocol(boolean http2, boolean tls) {
        this.http2 = http2;
        this.tls = tls;
    }

    /** @return whether this is one of the HTTP/2 protocols */
    public boolean isHttp2() {
        return http2;
    }

    /** @return whether the kit's servers speak TLS with {@link SelfSignedTls#get()}'s certificate */
    public boolean isTls() {
        return tls;
    }

    /** @return the value of {@link RecordedRequest#protocol()} for a request answered over this protocol */
    public String recordedProtocol() {
        return http2 ? "HTTP/2" : "HTTP/1.1";
    }

    /**
     * A new server speaking this protocol, not started, so a test can configure it further.
     *
     * @return the server
     */
    public FakeMessagesServer newServer() {
        FakeMessagesServer server = new FakeMessagesServer();
        if (tls) {
            server.useTls(SelfSignedTls.get().serverContext());
        }
        return http2 ? server.http2() : server;
    }
}
