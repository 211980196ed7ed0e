package dev.brook.testkit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The HTTP/2 mode of {@link FakeMessagesServer}: a Netty server on 127.0.0.1 whose connections speak
 * HTTP/2 (prior knowledge or {@code Upgrade: h2c} in cleartext, ALPN {@code h2} over TLS) or, for clients
 * that do not ask for it, HTTP/1.1 (see {@link ConnectionPipeline}). Two daemon event-loop threads do all
 * the I/O; each response's script runs on a daemon thread of its own, so waiting scripts never hold up
 * the event loop.
 */
final class Http2Server {
    /** What the Netty server needs from {@link FakeMessagesServer}. */
    interface Host extends ExchangeHost {
        /** @return the new connection's index, or -1 if it must be closed (the server is full or closing) */
        int connectionOpened();

        void connectionClosed();
    }

    private static final System.Logger LOG = System.getLogger(Http2Server.class.getName());
    private static final int IO_THREADS = 2;
    private static final int BACKLOG = 1024;
    private static final long THREAD_STACK_BYTES = 256 * 1024;

    private final Host host;
    private final SSLContext tls;
    private final EventLoopGroup group;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final Set<Thread> players = ConcurrentHashMap.newKeySet();
    private volatile Channel listener;
    private volatile int port = -1;

    /** Ends a connection whose error reached the end of its pipeline (a reset, a failed handshake) quietly. */
    @ChannelHandler.Sharable
    private static final class QuietEnd extends ChannelInboundHandlerAdapter {
        static final QuietEnd INSTANCE = new QuietEnd();

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.log(System.Logger.Level.DEBUG, "connection failed; closing it", cause);
            ctx.close();
        }
    }

    /** @param tls the server's TLS context, or null for cleartext */
    Http2Server(Host host, SSLContext tls) {
        this.host = host;
        this.tls = tls;
        this.group = new MultiThreadIoEventLoopGroup(IO_THREADS,
                new DefaultThreadFactory("brook-fake-server-h2-io", true), NioIoHandler.newFactory());
    }

    /**
     * Binds 127.0.0.1 on a free port.
     *
     * @return the port
     * @throws UncheckedIOException if the port cannot be bound
     */
    int start() {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true) // each flushed chunk leaves at once
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        accepted(channel);
                    }
                });
        try {
            listener = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly()
                    .channel();
        } catch (Exception e) { // Netty rethrows the bind's IOException without declaring it
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new UncheckedIOException("Cannot bind 127.0.0.1 on a free port",
                    e instanceof IOException ? (IOException) e : new IOException(e));
        }
        port = ((InetSocketAddress) listener.localAddress()).getPort();
        return port;
    }

    private void accepted(SocketChannel channel) {
        int index = host.connectionOpened();
        if (index < 0) {
            channel.close();
            return;
        }
        channels.add(channel);
        channel.closeFuture().addListener(f -> {
            channels.remove(channel);
            host.connectionClosed();
        });
        NettyConnection connection = new NettyConnection(index, this);
        if (tls == null) {
            ConnectionPipeline.cleartext(channel, connection);
        } else {
            ConnectionPipeline.tls(channel, tls, connection);
        }
        channel.pipeline().addLast(QuietEnd.INSTANCE);
    }

    ExchangeHost host() {
        return host;
    }

    int port() {
        return port;
    }

    /** Runs {@code script} on a new daemon thread, which {@link #close(long)} waits for. */
    void startPlayer(String name, Runnable script) {
        Thread thread = new Thread(null, () -> {
            try {
                script.run();
            } finally {
                players.remove(Thread.currentThread());
            }
        }, name, THREAD_STACK_BYTES);
        thread.setDaemon(true);
        players.add(thread);
        thread.start();
    }

    /**
     * Stops accepting, ends every connection abruptly (which stops every script), waits for the scripts'
     * threads, then stops the event loop.
     *
     * @param deadline the {@link System#nanoTime()} by which to give up waiting
     */
    void close(long deadline) throws InterruptedException {
        Channel l = listener;
        if (l != null) {
            l.close().await(millisUntil(deadline));
        }
        for (Channel channel : channels) {
            NettyExchange.closeAbruptly(channel);
        }
        for (Channel channel : channels) {
            channel.closeFuture().await(millisUntil(deadline));
        }
        for (Thread player : players) {
            player.join(millisUntil(deadline));
        }
        group.shutdownGracefully(0, millisUntil(deadline), TimeUnit.MILLISECONDS).await(millisUntil(deadline));
    }

    private static long millisUntil(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
