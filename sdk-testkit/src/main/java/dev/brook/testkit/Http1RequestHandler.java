package dev.brook.testkit;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * Answers the HTTP/1.1 requests of an HTTP/2-mode server's connection that stayed on HTTP/1.1: gathers
 * each request from Netty's HTTP/1.1 decoder (headers as sent, body whole), records it and plays its
 * response, one at a time in arrival order (pipelined requests wait their turn), keep-alive as the
 * HTTP/1.1 server does it. On a cleartext connection that moves to HTTP/2 it steps out of the pipeline.
 */
final class Http1RequestHandler extends ChannelInboundHandlerAdapter {
    /** A request read in full, waiting for its turn. */
    private static final class Pending {
        final RecordedRequest request;
        final boolean keepAlive;

        Pending(RecordedRequest request, boolean keepAlive) {
            this.request = request;
            this.keepAlive = keepAlive;
        }
    }

    private final NettyConnection connection;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private HttpRequest head;
    private List<Map.Entry<String, String>> headLines;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private Http1Exchange current;
    private boolean closing;

    Http1RequestHandler(NettyConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (closing) {
                return;
            }
            DecoderResult result = ((HttpObject) msg).decoderResult();
            if (result.isFailure()) {
                int status = result.cause() instanceof TooLongFrameException ? 431 : 400;
                rejectAndClose(ctx, status, "Malformed request: " + result.cause().getMessage());
                return;
            }
            if (msg instanceof HttpRequest) {
                startRequest(ctx, (HttpRequest) msg);
            }
            if (msg instanceof HttpContent && head != null) {
                HttpContent content = (HttpContent) msg;
                if (body.size() + (long) content.content().readableBytes() > ServerConnection.MAX_BODY_BYTES) {
                    rejectAndClose(ctx, 413, "Request body exceeds the test server's limit of "
                            + ServerConnection.MAX_BODY_BYTES + " bytes");
                    return;
                }
                body.writeBytes(ByteBufUtil.getBytes(content.content()));
            }
            if (msg instanceof LastHttpContent && head != null) {
                finishRequest(ctx);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void startRequest(ChannelHandlerContext ctx, HttpRequest request) {
        head = request;
        headLines = new ArrayList<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headLines.add(new AbstractMap.SimpleImmutableEntry<>(header.getKey(), header.getValue()));
        }
        body.reset();
        if (HttpUtil.is100ContinueExpected(request) && current == null && waiting.isEmpty()) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
    }

    private void finishRequest(ChannelHandlerContext ctx) {
        RecordedRequest request = new RecordedRequest(head.method().name(), head.uri(), head.protocolVersion().text(),
                headLines, body.toByteArray(), connection.index, connection.nextSequence());
        waiting.add(new Pending(request, HttpUtil.isKeepAlive(head)));
        head = null;
        headLines = null;
        body.reset();
        serveNext(ctx);
    }

    /** Starts the oldest waiting request's response, unless one is being served. On the event loop. */
    private void serveNext(ChannelHandlerContext ctx) {
        if (current != null || closing || waiting.isEmpty()) {
            return;
        }
        Pending next = waiting.poll();
        ScriptedResponse response = connection.host().accept(next.request);
        Http1Exchange exchange = new Http1Exchange(ctx.channel(), next.keepAlive);
        current = exchange;
        connection.play("request-" + next.request.sequenceNumber(), response, next.request.method(), exchange,
                () -> {
                    try {
                        ctx.executor().execute(() -> responseDone(ctx, exchange));
                    } catch (RejectedExecutionException e) {
                        // the server is closing: there is no next request to serve
                    }
                });
    }

    private void responseDone(ChannelHandlerContext ctx, Http1Exchange exchange) {
        if (current != exchange) {
            return;
        }
        current = null;
        if (exchange.endedConnection() || !ctx.channel().isActive()) {
            closing = true;
            return;
        }
        if (!exchange.keepAlive()) {
            closing = true;
            ctx.channel().close();
            return;
        }
        serveNext(ctx);
    }

    private void rejectAndClose(ChannelHandlerContext ctx, int status, String message) {
        closing = true;
        byte[] json = FakeMessagesServer.errorJson("invalid_request_error", message).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(status, ServerConnection.reason(status)), Unpooled.wrappedBuffer(json));
        response.headers().add("Content-Type", "application/json");
        response.headers().add("Content-Length", Integer.toString(json.length));
        response.headers().add("Connection", "close");
        if (current == null) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            response.release();
            ctx.channel().close(); // a response is on the wire: no room for another in between
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        waiting.clear();
        if (current != null) {
            current.clientGone();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof HttpServerUpgradeHandler.UpgradeEvent
                || evt instanceof CleartextHttp2ServerUpgradeHandler.PriorKnowledgeUpgradeEvent) {
            ctx.pipeline().remove(this); // the connection speaks HTTP/2 from here on
        }
        ctx.fireUserEventTriggered(evt);
    }
}
