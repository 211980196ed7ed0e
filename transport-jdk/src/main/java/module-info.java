/**
 * Brook's transport over the JDK's {@code java.net.http} client, registered as the {@code jdk}
 * transport: requiring this module is all an application needs to stream with Brook.
 */
module brook.transport.jdk {
    requires transitive brook.core;
    requires transitive java.net.http;

    exports dev.brook.transport.jdk;

    provides dev.brook.core.transport.TransportProvider with dev.brook.transport.jdk.JdkTransportProvider;
}
