package dev.brook.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A minimal HTTP/1.1 loopback server for {@link LatencyBench}: it sends a reply's opening events, then
 * one text delta per HTTP chunk, flushed, and notes {@link System#nanoTime()} after each flush returns
 * (the delta's last byte has left the server). It then waits until the client reports that its user saw
 * that delta before sending the next, so every delta meets an idle client and no queue builds up.
 *
 * <p>Why not {@code FakeMessagesServer}: its scripts pace chunks by delays, not by the client, and do
 * not expose when a chunk's flush returned. TCP_NODELAY is set, as a real server streaming events would.
 * Keep-alive: a connection serves requests until the client closes it.
 */
final class LatencyServer implements AutoCloseable {
    /** What one request records; the harness installs a new one before each request. */
    static final class Probe {
        final int deltas;
        final int skip;
        final long[] sentAt;
        final long[] seenAt;
        final Semaphore seen = new Semaphore(0);
        volatile long requestStart;
        private int calls;
        volatile int timeouts;

        /** @param skip calls of {@link #onDelta()} to ignore first (the raw reader counts opening events too) */
        Probe(int deltas, int skip) {
            this.deltas = deltas;
            this.skip = skip;
            this.sentAt = new long[deltas];
            this.seenAt = new long[deltas];
        }

        /** Called by the client, on whatever thread shows the user the delta. */
        void onDelta() {
            long now = System.nanoTime();
            int k = calls++ - skip;
            if (k >= 0 && k < deltas) {
                seenAt[k] = now;
                seen.release();
            }
        }
    }

    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final byte[] opening;
    private final List<byte[]> deltas;
    private final byte[] closing;
    volatile Probe probe;
    private volatile boolean closed;

    LatencyServer(byte[] opening, List<byte[]> deltas, byte[] closing) throws IOException {
        this.opening = opening;
        this.deltas = deltas;
        this.closing = closing;
        serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        acceptor = new Thread(this::acceptLoop, "latency-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort());
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(socket), "latency-server-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            while (readRequest(in)) {
                respond(out);
            }
        } catch (IOException | InterruptedException e) {
            // client gone or server closed
        }
    }

    /** Reads one request's head and body. @return false on EOF before a request */
    private static boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return false;
                }
                throw new IOException("EOF in request head");
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : (b == '\r' ? 1 : 0);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                throw new IOException("chunked request bodies are not supported by the latency server");
            }
        }
        in.readNBytes(length);
        return true;
    }

    private void respond(OutputStream out) throws IOException, InterruptedException {
        Probe p = probe;
        out.write(("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n"
                + "request-id: req_latency\r\ntransfer-encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        chunk(out, opening);
        out.flush();
        for (int i = 0; i < deltas.size(); i++) {
            chunk(out, deltas.get(i));
            out.flush();
            if (p != null && i < p.deltas) {
                p.sentAt[i] = System.nanoTime();
                if (!p.seen.tryAcquire(2, TimeUnit.SECONDS)) {
                    p.timeouts++; // the client held the delta back: it is counted, and the stream goes on
                }
            }
        }
        chunk(out, closing);
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write(Integer.toHexString(data.length).getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
        out.write(data);
        out.write('\r');
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        closed = true;
        serverSocket.close();
    }
}
