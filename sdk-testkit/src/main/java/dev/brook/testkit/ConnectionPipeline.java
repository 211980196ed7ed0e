package dev.brook.testkit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AsciiString;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * How the HTTP/2-mode server sets up each accepted connection, by protocol:
 *
 * <ul>
 *   <li>cleartext: Netty's {@link CleartextHttp2ServerUpgradeHandler} looks at the first bytes. The
 *       HTTP/2 connection preface (prior knowledge) switches to HTTP/2 at once; an HTTP/1.1 request
 *       with {@code Upgrade: h2c} is answered {@code 101 Switching Protocols} and then on stream 1;
 *       any other HTTP/1.1 request is answered over HTTP/1.1.
 *   <li>TLS: the JDK's {@link SSLEngine} from the user's {@link SSLContext} negotiates {@code h2}, or
 *       {@code http/1.1} for a client that does not offer {@code h2}, by ALPN; the handshake's result
 *       picks the protocol.
 * </ul>
 *
 * <p>HTTP/2 runs on Netty's frame codec with one child channel per stream ({@link Http2MultiplexHandler}),
 * each handled by an {@link Http2StreamHandler}; HTTP/1.1 by Netty's codec and an {@link
 * Http1RequestHandler}.
 */
final class ConnectionPipeline {
    /** {@code SETTINGS_MAX_CONCURRENT_STREAMS}: room for hundreds of streams on one connection. */
    static final int MAX_CONCURRENT_STREAMS = 1000;
    private static final String H2 = "h2";
    private static final String HTTP_1_1 = "http/1.1";

    private ConnectionPipeline() {}

    /** Sets up a new cleartext connection: prior knowledge, {@code Upgrade: h2c}, or HTTP/1.1. */
    static void cleartext(Channel channel, NettyConnection connection) {
        HttpServerCodec http1 = new HttpServerCodec(http1Limits());
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(http1, protocol ->
                AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new UpgradeRequestCapture(new Http2ServerUpgradeCodec(http2Codec(), multiplex(connection)),
                                connection)
                        : null,
                ServerConnection.MAX_BODY_BYTES);
        ChannelHandler priorKnowledge = new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                addHttp2After(ch.pipeline(), ch.pipeline().context(this).name(), connection);
            }
        };
        // The cleartext handler adds the HTTP/1.1 codec and the upgrade handler right after itself; the
        // HTTP/1.1 request handler goes last and leaves once the connection is on HTTP/2.
        channel.pipeline().addLast(new CleartextHttp2ServerUpgradeHandler(http1, upgrade, priorKnowledge));
        channel.pipeline().addLast(new Http1RequestHandler(connection));
    }

    /** Sets up a new TLS connection: the handshake, then HTTP/2 or HTTP/1.1 as ALPN decided. */
    static void tls(Channel channel, SSLContext context, NettyConnection connection) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {H2, HTTP_1_1}); // the server's preference first
        engine.setSSLParameters(parameters);
        channel.pipeline().addLast(new SslHandler(engine), new ProtocolAfterHandshake(engine, connection));
    }

    /** Adds HTTP/2 after the handler named {@code name}: the frame codec, then one child channel per stream. */
    private static void addHttp2After(ChannelPipeline pipeline, String name, NettyConnection connection) {
        Http2FrameCodec codec = http2Codec();
        pipeline.addAfter(name, null, codec);
        // The multiplexer finds the codec when it is added, so it goes in second.
        pipeline.addAfter(pipeline.context(codec).name(), null, multiplex(connection));
    }

    private static Http2FrameCodec http2Codec() {
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .maxHeaderListSize(ServerConnection.MAX_HEADER_BYTES))
                // Netty's rapid-reset guard (200 RST_STREAM per 30 s) would close a connection that a
                // conformance test cancels a thousand streams on; it is a production DoS guard, not a
                // behaviour the fake stands for, so it is raised far above any test's count.
                .decoderEnforceMaxRstFramesPerWindow(100_000, 30)
                .build();
    }

    private static Http2MultiplexHandler multiplex(NettyConnection connection) {
        return new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamHandler(connection));
            }
        });
    }

    private static HttpDecoderConfig http1Limits() {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(ServerConnection.MAX_HEADER_BYTES)
                .setMaxHeaderSize(ServerConnection.MAX_HEADER_BYTES);
    }

    /** Once the TLS handshake is done, puts the protocol ALPN chose in its own place. */
    private static final class ProtocolAfterHandshake extends ChannelInboundHandlerAdapter {
        private final SSLEngine engine;
        private final NettyConnection connection;

        ProtocolAfterHandshake(SSLEngine engine, NettyConnection connection) {
            this.engine = engine;
            this.connection = connection;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent) {
                if (((SslHandshakeCompletionEvent) evt).isSuccess()) {
                    ChannelPipeline pipeline = ctx.pipeline();
                    if (H2.equals(engine.getApplicationProtocol())) {
                        addHttp2After(pipeline, ctx.name(), connection);
                    } else { // http/1.1 chosen, or a client without ALPN
                        pipeline.addAfter(ctx.name(), null, new Http1RequestHandler(connection));
                        pipeline.addAfter(ctx.name(), null, new HttpServerCodec(http1Limits()));
                    }
                    pipeline.remove(this);
                } else {
                    ctx.close(); // the SslHandler closes too; a failed handshake serves nothing
                }
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
