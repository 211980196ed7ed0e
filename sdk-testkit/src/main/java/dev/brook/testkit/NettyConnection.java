package dev.brook.testkit;

import dev.brook.testkit.NettyExchange.ClientGoneException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the HTTP/2-mode server knows about one accepted TCP connection, whichever protocol it speaks: its
 * index, the order of its requests, how many responses it is serving, and the request that upgraded it
 * from HTTP/1.1. Starts each response's script on a thread of its own.
 */
final class NettyConnection {
    private static final System.Logger LOG = System.getLogger(NettyConnection.class.getName());

    final int index;
    private final Http2Server server;
    private final AtomicInteger nextSequence = new AtomicInteger();
    private final AtomicInteger serving = new AtomicInteger();
    private volatile RecordedRequest upgradeRequest;

    NettyConnection(int index, Http2Server server) {
        this.index = index;
        this.server = server;
    }

    ExchangeHost host() {
        return server.host();
    }

    /** @return the next request's {@link RecordedRequest#sequenceNumber()} on this connection */
    int nextSequence() {
        return nextSequence.getAndIncrement();
    }

    /** Keeps the HTTP/1.1 request that asked for {@code Upgrade: h2c}; its answer goes on stream 1. */
    void upgradedBy(RecordedRequest request) {
        upgradeRequest = request;
    }

    /** @return the request that upgraded this connection, once; null if there is none (left) */
    RecordedRequest takeUpgradeRequest() {
        RecordedRequest request = upgradeRequest;
        upgradeRequest = null;
        return request;
    }

    /**
     * Plays {@code response} onto {@code exchange} on a new daemon thread named {@code what}, counting it
     * as served meanwhile, and then runs {@code afterwards} (on that thread) if it is not null.
     */
    void play(String what, ScriptedResponse response, String method, NettyExchange exchange, Runnable afterwards) {
        server.startPlayer("brook-fake-server-" + server.port() + "-conn-" + index + "-" + what, () -> {
            server.host().exchangeStarted(serving.incrementAndGet());
            try {
                ScriptPlayer.play(response, method, exchange);
            } catch (ClientGoneException e) {
                // the client left, or the server is closing: the script stops here
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "playing " + response + " failed", e);
                NettyExchange.closeAbruptly(exchange.channel);
            } finally {
                serving.decrementAndGet();
                server.host().exchangeEnded();
            }
            if (afterwards != null) {
                afterwards.run();
            }
        });
    }
}
