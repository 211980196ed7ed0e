package dev.brook.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loopback server of the virtual-thread benchmark ({@code sdk-bench/vthreads.sh}), run in a JVM of
 * its own so that the client JVM's threads and heap are the client's alone. It answers every request on
 * any path with one Messages API stream over HTTP/1.1 (chunked, keep-alive): {@code message_start},
 * {@code content_block_start} and a first text delta at once, then one more text delta every
 * {@code intervalMillis} until {@code deltas} were sent, then the closing events. Each delta's text is
 * {@code "[<epoch microseconds>] "}, taken just before the delta is written, so a client on the same
 * host (which shares the wall clock) can tell how long the delta took to reach its user.
 *
 * <p>Why Netty and not {@code FakeMessagesServer}: the kit's HTTP/1.1 server spends a platform thread
 * per connection and caps open connections at 4,096, while this one must hold 10,000 paced streams on
 * two event-loop threads. Each stream's pacing is a timer on its connection's event loop, started when
 * its request arrives, so streams opened at different times tick at different times.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.brook.bench.PacedSseServer <deltas> <intervalMillis>
 * <portFile> [<pingEvery> [<address> [max-tokens]]]}. With {@code pingEvery} above zero a {@code ping} event
 * follows every {@code pingEvery}-th delta, as the API sends them in long streams. With {@code max-tokens} a
 * request's {@code max_tokens} (1 to 100,000) sets its stream's count of deltas, as a model stops at its token
 * budget, so a client can give streams different lengths; {@code deltas} applies to requests without it. It binds {@code address} (default
 * 127.0.0.1; any 127.x.y.z is loopback too, which gives each run a fresh set of client ports) on a free
 * port, writes the port to {@code portFile} once it accepts, and serves until killed; every 10 s it prints
 * how many streams are open and done.
 */
public final class PacedSseServer {
    /** Netty's accept queue request; the kernel caps it at {@code net.core.somaxconn}. */
    private static final int BACKLOG = 16_384;

    private static final byte[] OPENING = ("event: message_start\n"
            + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_paced\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"model\":\"claude-bench\",\"content\":[],\"stop_reason\":null,"
            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n"
            + "event: content_block_start\n"
            + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n")
            .getBytes(StandardCharsets.US_ASCII);

    private static final byte[] PING = "event: ping\ndata: {\"type\": \"ping\"}\n\n".getBytes(StandardCharsets.US_ASCII);

    private final int deltas;
    private final long intervalMillis;
    private final int pingEvery;
    private final boolean lengthFromMaxTokens;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong done = new AtomicLong();

    private PacedSseServer(int deltas, long intervalMillis, int pingEvery, boolean lengthFromMaxTokens) {
        this.deltas = deltas;
        this.intervalMillis = intervalMillis;
        this.pingEvery = pingEvery;
        this.lengthFromMaxTokens = lengthFromMaxTokens;
    }

    private static final Pattern MAX_TOKENS = Pattern.compile("\"max_tokens\"\\s*:\\s*(\\d{1,6})");

    /** The count of deltas for a request: its {@code max_tokens} if asked to, else the fixed count. */
    private int deltasFor(FullHttpRequest request) {
        if (lengthFromMaxTokens) {
            Matcher m = MAX_TOKENS.matcher(request.content().toString(StandardCharsets.UTF_8));
            if (m.find()) {
                int asked = Integer.parseInt(m.group(1));
                if (asked >= 1 && asked <= 100_000) {
                    return asked;
                }
            }
        }
        return deltas;
    }

    private static byte[] closing(int deltas) {
        return ("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + deltas + "}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 6 || (args.length == 6 && !args[5].equals("max-tokens"))) {
            throw new IllegalArgumentException("usage: PacedSseServer <deltas> <intervalMillis> <portFile> "
                    + "[<pingEvery> [<address> [max-tokens]]]");
        }
        PacedSseServer server = new PacedSseServer(Integer.parseInt(args[0]), Long.parseLong(args[1]),
                args.length > 3 ? Integer.parseInt(args[3]) : 0, args.length == 6);
        InetAddress address = args.length > 4 ? InetAddress.getByName(args[4]) : InetAddress.getLoopbackAddress();
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("not a loopback address: " + address);
        }
        Path portFile = Path.of(args[2]);
        EventLoopGroup accept = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("paced-accept", true),
                NioIoHandler.newFactory());
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("paced-io", true), NioIoHandler.newFactory());
        Channel listener = new ServerBootstrap()
                .group(accept, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, BACKLOG) // 10,000 clients connect within a second or two
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true) // each delta leaves when it is flushed
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                server.new StreamHandler());
                    }
                })
                .bind(new InetSocketAddress(address, 0)).sync().channel();
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        // Written whole under a temporary name, then renamed, so the script never reads half a number.
        Path partial = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(partial, Integer.toString(port));
        Files.move(partial, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("[paced-server] %s:%d, %d deltas every %d ms per stream, a ping every %d%n",
                address.getHostAddress(), port, server.deltas, server.intervalMillis, server.pingEvery);
        while (true) {
            Thread.sleep(10_000);
            System.out.printf("[paced-server] open %d, done %d%n", server.open.get(), server.done.get());
        }
    }

    /** The first delta's text and every later one: the write time in epoch microseconds. */
    private static ByteBuf delta() {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        return Unpooled.wrappedBuffer(("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"[" + micros + "] \"}}\n\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** One connection: answers each request with a paced stream; requests on a connection come one at a time. */
    private final class StreamHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private ScheduledFuture<?> ticks;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                    .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                    .set("request-id", "req_paced");
            ctx.write(head);
            ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(OPENING)));
            ctx.writeAndFlush(new DefaultHttpContent(delta()));
            open.incrementAndGet();
            int deltas = deltasFor(request);
            byte[] closing = closing(deltas);
            int[] sent = {1};
            ticks = ctx.executor().scheduleAtFixedRate(() -> {
                if (!ctx.channel().isActive()) {
                    finish(false);
                    return;
                }
                if (sent[0] < deltas) {
                    sent[0]++;
                    if (pingEvery > 0 && sent[0] % pingEvery == 0) {
                        ctx.write(new DefaultHttpContent(delta()));
                        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(PING)));
                    } else {
                        ctx.writeAndFlush(new DefaultHttpContent(delta()));
                    }
                    return;
                }
                ctx.writeAndFlush(new DefaultLastHttpContent(Unpooled.wrappedBuffer(closing)))
                        .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
                finish(true);
            }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }

        private void finish(boolean whole) {
            if (ticks != null) {
                ticks.cancel(false);
                ticks = null;
                open.decrementAndGet();
                if (whole) {
                    done.incrementAndGet();
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            finish(false);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a client that reset its connection: its stream just ends
        }
    }
}
