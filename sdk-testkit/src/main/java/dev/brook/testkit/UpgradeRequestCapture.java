package dev.brook.testkit;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Netty's {@code h2c} upgrade, keeping the request that asked for it. Netty hands that request to HTTP/2
 * as stream 1, converted to HTTP/2 headers (without {@code Host}, {@code Upgrade}, {@code Connection} and
 * {@code HTTP2-Settings}); the connection keeps it as it was sent, so {@link FakeMessagesServer#requests()}
 * shows the client's real request.
 */
final class UpgradeRequestCapture implements HttpServerUpgradeHandler.UpgradeCodec {
    private final HttpServerUpgradeHandler.UpgradeCodec upgrade;
    private final NettyConnection connection;

    UpgradeRequestCapture(HttpServerUpgradeHandler.UpgradeCodec upgrade, NettyConnection connection) {
        this.upgrade = upgrade;
        this.connection = connection;
    }

    @Override
    public Collection<CharSequence> requiredUpgradeHeaders() {
        return upgrade.requiredUpgradeHeaders();
    }

    @Override
    public boolean prepareUpgradeResponse(ChannelHandlerContext ctx, FullHttpRequest request, HttpHeaders headers) {
        return upgrade.prepareUpgradeResponse(ctx, request, headers);
    }

    @Override
    public void upgradeTo(ChannelHandlerContext ctx, FullHttpRequest request) {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        for (Map.Entry<String, String> header : request.headers()) {
            lines.add(new AbstractMap.SimpleImmutableEntry<>(header.getKey(), header.getValue()));
        }
        // Before the upgrade itself, which delivers the request to stream 1 at once.
        connection.upgradedBy(new RecordedRequest(request.method().name(), request.uri(),
                request.protocolVersion().text(), lines, ByteBufUtil.getBytes(request.content()), connection.index,
                0, RecordedRequest.HTTP_2));
        upgrade.upgradeTo(ctx, request);
    }
}
