package dev.brook.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The handler of one HTTP/2 stream (one Netty child channel): gathers the request's HEADERS and DATA
 * frames until END_STREAM, records the request, and starts its response. Tells the response when the
 * stream's writability changes and when the stream ends (the client reset it, or the connection closed).
 */
final class Http2StreamHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(Http2StreamHandler.class.getName());

    private final NettyConnection connection;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private Http2Headers headers;
    private int sequence;
    private boolean refused;
    private Http2Exchange exchange;

    Http2StreamHandler(NettyConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (refused || exchange != null) {
                return; // trailers or DATA after the request was complete or refused: nothing to keep
            }
            if (msg instanceof Http2HeadersFrame) {
                Http2HeadersFrame frame = (Http2HeadersFrame) msg;
                if (headers == null) {
                    headers = frame.headers();
                    sequence = connection.nextSequence();
                }
                if (frame.isEndStream()) {
                    requestComplete(ctx);
                }
            } else if (msg instanceof Http2DataFrame) {
                Http2DataFrame frame = (Http2DataFrame) msg;
                ByteBuf data = frame.content();
                if (body.size() + (long) data.readableBytes() > ServerConnection.MAX_BODY_BYTES) {
                    refuseTooLarge(ctx);
                    return;
                }
                body.writeBytes(ByteBufUtil.getBytes(data));
                if (frame.isEndStream()) {
                    requestComplete(ctx);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void requestComplete(ChannelHandlerContext ctx) {
        Http2StreamChannel stream = (Http2StreamChannel) ctx.channel();
        int id = stream.stream().id();
        RecordedRequest request = id == 1 ? connection.takeUpgradeRequest() : null;
        if (request == null) {
            List<Map.Entry<String, String>> lines = new ArrayList<>();
            for (Map.Entry<CharSequence, CharSequence> header : headers) {
                String name = header.getKey().toString();
                if (!name.startsWith(":")) { // pseudo-header fields are the request line, not headers
                    lines.add(new AbstractMap.SimpleImmutableEntry<>(name, header.getValue().toString()));
                }
            }
            request = new RecordedRequest(String.valueOf(headers.method()), String.valueOf(headers.path()),
                    RecordedRequest.HTTP_2, lines, body.toByteArray(), connection.index, sequence,
                    RecordedRequest.HTTP_2);
        }
        ScriptedResponse response = connection.host().accept(request);
        exchange = new Http2Exchange(stream);
        connection.play("stream-" + id, response, request.method(), exchange, null);
    }

    /**
     * A request body over the limit: answered 413 at once, then the stream is reset with {@code NO_ERROR},
     * which asks the client to stop sending it (RFC 9113 8.1).
     */
    private void refuseTooLarge(ChannelHandlerContext ctx) {
        refused = true;
        byte[] json = FakeMessagesServer.errorJson("request_too_large", "Request body exceeds the test server's limit of "
                + ServerConnection.MAX_BODY_BYTES + " bytes").getBytes(StandardCharsets.UTF_8);
        Http2Headers head = new DefaultHttp2Headers().status("413");
        head.add("content-type", "application/json");
        head.add("content-length", Integer.toString(json.length));
        ctx.write(new DefaultHttp2HeadersFrame(head, false));
        ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(json), true));
        ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.clientGone();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "HTTP/2 stream failed; resetting it", cause);
        ctx.close();
    }
}
