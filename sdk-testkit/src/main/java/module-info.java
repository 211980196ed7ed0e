/**
 * Brook's testkit: a scripted loopback Messages API server, with faults, recorded requests and TLS, over
 * HTTP/1.1 or HTTP/2, for testing Brook transports and the applications built on Brook.
 */
module brook.testkit {
    // The HTTP/2 mode runs on Netty; its jars are named modules (the descriptors of Netty 4.2).
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;

    exports dev.brook.testkit;
}
