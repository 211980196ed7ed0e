package dev.brook.tck;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback listener whose accept queue is full, so the kernel drops further connection attempts
 * and connecting hangs: what a firewalled or overloaded host looks like.
 */
final class NeverAccepting implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> fillers = new ArrayList<>();

    NeverAccepting() throws IOException {
        socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        for (int i = 0; i < 32; i++) {
            Socket s = new Socket();
            fillers.add(s);
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort()), 200);
            } catch (IOException hung) {
                return; // this connect hung: the queue is full
            }
        }
        close();
        throw new AssertionError("could not fill the accept queue of a loopback listener");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket s : fillers) {
            s.close();
        }
        socket.close();
    }
}
