package dev.brook.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import java.util.Map;

/**
 * A response to an HTTP/1.1 request that the HTTP/2-mode server got from a client that did not ask for
 * HTTP/2 (no {@code Upgrade: h2c}, no prior knowledge, or {@code http/1.1} by ALPN). Framed as the
 * HTTP/1.1 server frames it: names as given, chunked transfer encoding unless fixed length, one HTTP
 * chunk per scripted chunk; {@code closeMidBody} ends the connection (FIN), {@code resetMidBody} resets
 * it (RST), {@code goAwayBeforeHeaders} closes it before the status line.
 */
final class Http1Exchange extends NettyExchange {
    private final boolean keepAlive;

    Http1Exchange(Channel channel, boolean keepAlive) {
        super(channel);
        this.keepAlive = keepAlive;
    }

    /** @return whether the connection serves the next request after this response */
    boolean keepAlive() {
        return keepAlive;
    }

    @Override
    void sendHead(int status, List<Map.Entry<String, String>> headers, boolean gzip, long contentLength,
            boolean endsResponse) throws ClientGoneException {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(status, ServerConnection.reason(status)));
        for (Map.Entry<String, String> header : headers) {
            response.headers().add(header.getKey(), header.getValue());
        }
        if (ScriptPlayer.bodyAllowed(status)) {
            if (gzip) {
                response.headers().add("Content-Encoding", "gzip");
            }
            if (contentLength >= 0) {
                response.headers().add("Content-Length", Long.toString(contentLength));
            } else {
                response.headers().add("Transfer-Encoding", "chunked");
            }
        }
        if (!keepAlive) {
            response.headers().add("Connection", "close");
        }
        write(response, 0);
        if (endsResponse) {
            write(LastHttpContent.EMPTY_LAST_CONTENT, 0); // Netty's encoder then expects the next response
        }
    }

    @Override
    void sendData(ByteBuf data, boolean endsBody) throws ClientGoneException {
        int bytes = data.readableBytes();
        write(endsBody ? new DefaultLastHttpContent(data) : new DefaultHttpContent(data), bytes);
    }

    @Override
    void endBody() throws ClientGoneException {
        write(LastHttpContent.EMPTY_LAST_CONTENT, 0);
    }

    @Override
    void closeConnection() {
        awaitWritten(FAULT_DRAIN_NANOS);
        markConnectionEnded();
        channel.close(); // FIN (after close_notify over TLS) once the bytes written are out
    }

    @Override
    void reset() {
        awaitWritten(FAULT_DRAIN_NANOS);
        markConnectionEnded();
        channel.config().setOption(ChannelOption.SO_LINGER, 0); // close then sends RST
        closeAbruptly(channel);
    }

    @Override
    void refuse() {
        markConnectionEnded();
        channel.close();
    }
}
