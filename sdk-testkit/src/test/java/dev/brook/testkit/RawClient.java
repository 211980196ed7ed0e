package dev.brook.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw-socket HTTP/1.1 client for tests that must see the exact bytes and framing on the wire. */
final class RawClient implements AutoCloseable {
    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void send(String request) throws IOException {
        out.write(request.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void get(String path) throws IOException {
        send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }

    /** Reads the status line and headers, up to and including the blank line. */
    String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("EOF in response head: " + head);
            }
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                return new String(h, StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** Reads one HTTP chunk: its data, or null for the last chunk (whose trailing CRLF is consumed). */
    String readChunk() throws IOException {
        String sizeLine = readLine();
        int size = Integer.parseInt(sizeLine.trim(), 16);
        if (size == 0) {
            String end = readLine();
            if (!end.isEmpty()) {
                throw new IOException("trailer not supported in test client: " + end);
            }
            return null;
        }
        byte[] data = in.readNBytes(size);
        if (data.length < size) {
            throw new EOFException("EOF inside chunk data");
        }
        String crlf = readLine();
        if (!crlf.isEmpty()) {
            throw new IOException("chunk data not followed by CRLF");
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Reads until EOF and returns what came; rethrows a reset. */
    byte[] readToEnd() throws IOException {
        return in.readAllBytes();
    }

    int read() throws IOException {
        return in.read();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("EOF in chunk framing after \"" + line + "\"");
            }
            if (b == '\n') {
                byte[] l = line.toByteArray();
                int len = l.length > 0 && l[l.length - 1] == '\r' ? l.length - 1 : l.length;
                return new String(l, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
