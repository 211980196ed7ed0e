/**
 * Brook's transport over Apache HttpClient 5, registered as the {@code apache} transport: Brook finds it
 * when this module is required, and {@link dev.brook.transport.apache.ApacheTransport} wraps a classic or
 * async client the application configures.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module brook.transport.apache {
    requires transitive brook.core;
    // HttpClient 5 and HttpCore 5 have no module descriptor: they are automatic modules, named by the
    // Automatic-Module-Name entries of their manifests (stable names, not ones derived from jar file
    // names), hence the warnings suppressed above. The classic and async clients and the async client
    // builder are in the public API; HttpCore 5 types are used only inside.
    requires transitive org.apache.httpcomponents.client5.httpclient5;
    requires org.apache.httpcomponents.core5.httpcore5;
    // Not used here, but an automatic module requires nothing, so nothing else would resolve these on the
    // module path, and creating a client fails there without them: HttpCore 5 loads jdk.net.Sockets and
    // HttpClient 5 logs through SLF4J (whose jar, an explicit module, is HttpClient 5's own dependency).
    requires jdk.net;
    requires org.slf4j;

    exports dev.brook.transport.apache;

    provides dev.brook.core.transport.TransportProvider with dev.brook.transport.apache.ApacheTransportProvider;
}
