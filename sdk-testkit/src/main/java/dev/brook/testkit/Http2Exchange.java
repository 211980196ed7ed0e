package dev.brook.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A response on one HTTP/2 stream: the head is a HEADERS frame, each chunk one DATA frame (Netty splits
 * it further at the peer's maximum frame size, 16 KiB by default), the end of the body END_STREAM.
 * {@code resetMidBody} resets this stream only ({@code RST_STREAM} with {@code INTERNAL_ERROR}, the
 * server failing mid-response), {@code closeMidBody} ends the whole TCP connection, and {@code
 * goAwayBeforeHeaders} sends {@code GOAWAY} below this stream, then closes the connection.
 */
final class Http2Exchange extends NettyExchange {
    /** Connection-specific headers, which HTTP/2 forbids (RFC 9113 8.2.2); a script's are left out. */
    private static final Set<String> CONNECTION_SPECIFIC =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te");

    private final Http2StreamChannel stream;

    Http2Exchange(Http2StreamChannel stream) {
        super(stream);
        this.stream = stream;
    }

    @Override
    void sendHead(int status, List<Map.Entry<String, String>> headers, boolean gzip, long contentLength,
            boolean endsResponse) throws ClientGoneException {
        Http2Headers h2 = new DefaultHttp2Headers();
        h2.status(Integer.toString(status));
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT); // HTTP/2 field names are lowercase
            if (!CONNECTION_SPECIFIC.contains(name)) {
                h2.add(name, header.getValue());
            }
        }
        if (gzip) {
            h2.add("content-encoding", "gzip");
        }
        if (contentLength >= 0) {
            h2.add("content-length", Long.toString(contentLength));
        }
        // An informational (1xx) HEADERS frame may not end a stream: the stream stays open, waiting for a
        // final response that never comes, as the HTTP/1.1 server leaves its client waiting.
        write(new DefaultHttp2HeadersFrame(h2, endsResponse && status >= 200), 0);
    }

    @Override
    void sendData(ByteBuf data, boolean endsBody) throws ClientGoneException {
        write(new DefaultHttp2DataFrame(data, endsBody), data.readableBytes());
    }

    @Override
    void endBody() throws ClientGoneException {
        write(new DefaultHttp2DataFrame(true), 0);
    }

    @Override
    void closeConnection() {
        awaitWritten(FAULT_DRAIN_NANOS); // the client reads what was written, then meets the end
        markConnectionEnded();
        Channel connection = stream.parent();
        ChannelHandlerContext codec = connection.pipeline().context(Http2FrameCodec.class);
        if (codec != null) {
            codec.close(); // below the HTTP/2 codec: no GOAWAY, no waiting for other streams
        } else {
            closeAbruptly(connection);
        }
    }

    @Override
    void reset() {
        awaitWritten(FAULT_DRAIN_NANOS);
        stream.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.INTERNAL_ERROR));
    }

    @Override
    void refuse() {
        markConnectionEnded();
        Channel connection = stream.parent();
        // Everything below stream ids of this one may have been processed; this stream and later ones were
        // not, which is what lets the client retry it (RFC 9113 6.8).
        int lastProcessed = Math.max(0, stream.stream().id() - 2);
        connection.eventLoop().execute(() -> {
            ChannelHandlerContext ctx = connection.pipeline().context(Http2FrameCodec.class);
            if (ctx == null) {
                closeAbruptly(connection);
                return;
            }
            ByteBuf debug = Unpooled.copiedBuffer("FakeMessagesServer: goAwayBeforeHeaders", StandardCharsets.US_ASCII);
            // Netty's own GOAWAY frame always names the last stream created; this one must name an earlier one.
            ChannelFuture sent = ((Http2FrameCodec) ctx.handler())
                    .goAway(ctx, lastProcessed, Http2Error.NO_ERROR.code(), debug, ctx.newPromise());
            ctx.flush();
            sent.addListener(f -> ctx.close()); // below the codec: no second GOAWAY, no graceful wait
        });
    }
}
