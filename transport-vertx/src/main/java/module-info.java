/**
 * Brook's transport over the Vert.x 5 core {@code HttpClient}, registered as the {@code vertx} transport:
 * Brook finds it when this module is required, and {@link dev.brook.transport.vertx.VertxTransport} streams
 * over an application's {@code Vertx} and client without blocking the event loop.
 */
module brook.transport.vertx {
    requires transitive brook.core;
    // Vertx, HttpClient and HttpClientOptions are in the public API.
    requires transitive io.vertx.core;
    // Netty's ConnectTimeoutException (io.netty.channel), which Vert.x does not re-export.
    requires io.netty.transport;

    exports dev.brook.transport.vertx;

    provides dev.brook.core.transport.TransportProvider with dev.brook.transport.vertx.VertxTransportProvider;
}
