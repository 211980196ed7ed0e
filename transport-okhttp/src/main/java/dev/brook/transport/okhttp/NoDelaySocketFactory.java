package dev.brook.transport.okhttp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets with Nagle's algorithm off ({@code TCP_NODELAY}), which OkHttp leaves on. Over HTTP/2
 * OkHttp writes a request's {@code HEADERS} and {@code DATA} frames as two small writes: with Nagle on,
 * the second waits for the peer to acknowledge the first, which a Linux peer delays by up to 40 ms, so
 * every request is held that long before the server sees its body (measured on loopback h2c: 1,020
 * sequential streams took 40 s, and 2.5 s with this factory). OkHttp asks only for unconnected sockets;
 * the other methods are here for completeness. TLS is layered over these sockets, so it benefits too.
 * Stateless and thread-safe.
 */
final class NoDelaySocketFactory extends SocketFactory {
    static final NoDelaySocketFactory INSTANCE = new NoDelaySocketFactory();

    private NoDelaySocketFactory() {}

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(new Socket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
