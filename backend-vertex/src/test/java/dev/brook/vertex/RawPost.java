package dev.brook.vertex;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP/1.1 POST over a plain socket, for testing a request check with requests no Brook backend would
 * build. Not java.net.http: these tests are compiled into module brook.vertex, which does not read it.
 */
final class RawPost {
    /** A response: its status code and its body as text. */
    record Response(int statusCode, String body) {
    }

    private RawPost() {
    }

    static Response send(URI base, String path, Map<String, String> headers, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                + base.getPort() + "\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: "
                + content.length + "\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            // The checks' refusals have a Content-Length; the server closes after them (Connection: close).
            return new Response(Integer.parseInt(text.substring(9, 12)), text.substring(end + 4));
        }
    }
}
