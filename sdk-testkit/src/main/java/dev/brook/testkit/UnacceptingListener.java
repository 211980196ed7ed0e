package dev.brook.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A listener on 127.0.0.1 that never accepts, with its accept queue full: the kernel drops further
 * connection attempts, so a client's connect hangs until a timeout ends it — what a firewalled or
 * overloaded host looks like. Use it to test connect timeouts without leaving the loopback interface.
 *
 * <pre>{@code
 * try (UnacceptingListener host = new UnacceptingListener()) {
 *     Brook brook = Brook.builder().apiKey(key).baseUrl(host.baseUrl()).connectTimeout(Duration.ofMillis(500)).build();
 *     ... // stream() fails with a StreamTimeoutException of kind CONNECT
 * }
 * }</pre>
 *
 * <p>The queue (backlog 1) is filled with plain connections until one hangs. {@link #close()} closes them
 * and the listener. Not thread-safe.
 */
public final class UnacceptingListener implements AutoCloseable {
    private static final int MAX_FILLERS = 32;

    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();

    /**
     * Binds a port on 127.0.0.1 and fills its accept queue.
     *
     * @throws IOException if the port cannot be bound
     * @throws IllegalStateException if the queue never filled (the kernel accepts beyond the backlog)
     */
    public UnacceptingListener() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        try {
            for (int i = 0; i < MAX_FILLERS; i++) {
                Socket filler = new Socket();
                fillers.add(filler);
                try {
                    filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 300);
                } catch (IOException hung) {
                    return; // this connect hung: the queue is full
                }
            }
            throw new IllegalStateException("the accept queue of a loopback listener never filled up after "
                    + MAX_FILLERS + " connections");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@return the port listened on} */
    public int port() {
        return listener.getLocalPort();
    }

    /** {@return {@code http://127.0.0.1:port}, for {@code Brook.builder().baseUrl(...)}} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * An {@code http} URI on the listener with {@code path} (starting with {@code /}).
     *
     * @param path a path starting with {@code /}, for example {@code /v1/messages}
     * @return the URI of {@code path} on this listener
     */
    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /** Closes the queued connections and the listener; idempotent. */
    @Override
    public void close() {
        for (Socket s : fillers) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
