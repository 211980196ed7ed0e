package dev.brook.testkit;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One accepted TCP connection of {@link FakeMessagesServer}, served by its own thread: reads HTTP/1.1
 * requests one after another (keep-alive) and replays a scripted response to each.
 *
 * <p>Whenever the script waits (a delay, a stall, a signal), the thread reads from the socket with a
 * short timeout instead of sleeping, so it sees at once when the client closes (EOF or reset) and stops.
 * Bytes a client sends meanwhile are kept for the next request.
 */
final class ServerConnection implements Runnable {
    /** What the connection needs from its server. */
    interface Host extends ExchangeHost {
        void connectionClosed(ServerConnection connection);
    }

    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    private static final long SIGNAL_POLL_NANOS = Duration.ofMillis(5).toNanos();
    /** How long a permit wait blocks on the semaphore before it looks at the socket again. */
    private static final long PERMIT_SLICE_NANOS = Duration.ofMillis(5).toNanos();
    /** How long each look at the socket lasts during a permit wait. */
    private static final long PEER_CHECK_NANOS = Duration.ofMillis(1).toNanos();
    private static final long GRACEFUL_CLOSE_NANOS = Duration.ofSeconds(5).toNanos();
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final int index;
    private final Host host;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[MAX_HEADER_BYTES];
    private int pos;
    private int limit;
    private volatile Thread thread;

    /** The client closed or reset the connection. */
    private static final class PeerGoneException extends IOException {
        PeerGoneException() {
            super("client closed the connection");
        }
    }

    /** The request cannot be served; answer with {@code status} and close. */
    private static final class BadRequestException extends IOException {
        final int status;

        BadRequestException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    ServerConnection(Socket socket, int index, Host host) throws IOException {
        this.socket = socket;
        this.index = index;
        this.host = host;
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    int index() {
        return index;
    }

    void setThread(Thread thread) {
        this.thread = thread;
    }

    Thread thread() {
        return thread;
    }

    /** Closes the socket at once, from any thread; the serving thread then ends. */
    void abort() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void run() {
        try {
            serveAll();
        } catch (IOException | RuntimeException e) {
            // client gone, server closed, or a broken request: the connection ends either way
        } finally {
            abort();
            host.connectionClosed(this);
        }
    }

    private void serveAll() throws IOException {
        for (int sequence = 0; ; sequence++) {
            RecordedRequest request;
            try {
                request = readRequest(sequence);
            } catch (BadRequestException e) {
                writeError(e.status, e.getMessage());
                closeGracefully();
                return;
            }
            if (request == null) {
                return; // clean EOF between requests
            }
            ScriptedResponse response = host.accept(request);
            boolean keepAlive = wantsKeepAlive(request);
            boolean goOn;
            host.exchangeStarted(1); // HTTP/1.1 serves one response at a time
            try {
                goOn = serve(request, response, keepAlive);
            } finally {
                host.exchangeEnded();
            }
            if (!goOn) {
                return;
            }
            if (!keepAlive) {
                closeGracefully();
                return;
            }
        }
    }

    private static boolean wantsKeepAlive(RecordedRequest request) {
        for (String value : request.headerValues("connection")) {
            for (String token : value.split(",")) {
                String t = token.trim();
                if (t.equalsIgnoreCase("close")) {
                    return false;
                }
                if (t.equalsIgnoreCase("keep-alive")) {
                    return true;
                }
            }
        }
        return !request.version().equals("HTTP/1.0");
    }

    // ---------------------------------------------------------------- reading requests

    private RecordedRequest readRequest(int sequence) throws IOException {
        socket.setSoTimeout(0);
        int[] budget = {MAX_HEADER_BYTES};
        String requestLine;
        do {
            requestLine = readLine(budget, true);
            if (requestLine == null) {
                return null;
            }
        } while (requestLine.isEmpty()); // RFC 9112 2.2: ignore empty lines before the request line
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequestException(400, "Malformed request line: \"" + requestLine + "\"");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        while (true) {
            String line = readLine(budget, false);
            if (line == null) {
                throw new PeerGoneException();
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new BadRequestException(400, "Malformed header line: \"" + line + "\"");
            }
            headers.add(new AbstractMap.SimpleImmutableEntry<>(
                    line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        RecordedRequest head = new RecordedRequest(parts[0], parts[1], parts[2], headers, new byte[0], index, sequence);
        boolean chunked = false;
        for (String te : head.headerValues("transfer-encoding")) {
            chunked = te.toLowerCase(Locale.ROOT).strip().endsWith("chunked");
        }
        long length = 0;
        if (!chunked) {
            List<String> lengths = head.headerValues("content-length");
            if (!lengths.isEmpty()) {
                length = parseContentLength(lengths);
            }
        }
        boolean hasBody = chunked || length > 0;
        if (hasBody && head.header("expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false)) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        byte[] body = chunked ? readChunkedBody() : readFixedBody((int) length);
        return new RecordedRequest(parts[0], parts[1], parts[2], headers, body, index, sequence);
    }

    private static long parseContentLength(List<String> values) throws BadRequestException {
        long result = -1;
        for (String v : values) {
            for (String part : v.split(",")) {
                long n;
                try {
                    n = Long.parseLong(part.strip());
                } catch (NumberFormatException e) {
                    throw new BadRequestException(400, "Invalid Content-Length: \"" + v + "\"");
                }
                if (n < 0 || (result >= 0 && n != result)) {
                    throw new BadRequestException(400, "Invalid Content-Length: " + values);
                }
                result = n;
            }
        }
        if (result > MAX_BODY_BYTES) {
            throw new BadRequestException(413, "Request body of " + result + " bytes exceeds the test server's limit of "
                    + MAX_BODY_BYTES + " bytes");
        }
        return result;
    }

    private byte[] readFixedBody(int length) throws IOException {
        byte[] body = new byte[length];
        int filled = 0;
        while (filled < length) {
            if (pos == limit && !fill()) {
                throw new PeerGoneException();
            }
            int n = Math.min(length - filled, limit - pos);
            System.arraycopy(buf, pos, body, filled, n);
            pos += n;
            filled += n;
        }
        return body;
    }

    private byte[] readChunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int[] budget = {MAX_HEADER_BYTES};
            String sizeLine = readLine(budget, false);
            if (sizeLine == null) {
                throw new PeerGoneException();
            }
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new BadRequestException(400, "Invalid chunk size line: \"" + sizeLine + "\"");
            }
            if (size < 0 || body.size() + size > MAX_BODY_BYTES) {
                throw new BadRequestException(413, "Chunked request body exceeds the test server's limit of "
                        + MAX_BODY_BYTES + " bytes");
            }
            if (size == 0) {
                while (true) { // trailer section
                    String trailer = readLine(budget, false);
                    if (trailer == null) {
                        throw new PeerGoneException();
                    }
                    if (trailer.isEmpty()) {
                        return body.toByteArray();
                    }
                }
            }
            body.writeBytes(readFixedBody((int) size));
            String end = readLine(budget, false);
            if (end == null) {
                throw new PeerGoneException();
            }
            if (!end.isEmpty()) {
                throw new BadRequestException(400, "Chunk data not followed by CRLF");
            }
        }
    }

    /**
     * Reads one line ending in LF (a CR before it is dropped), as ISO-8859-1.
     *
     * @return the line, or null on EOF before any byte when {@code eofAllowed}
     */
    private String readLine(int[] budget, boolean eofAllowed) throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = pos + scanned; i < limit; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    budget[0] -= i + 1 - pos;
                    pos = i + 1;
                    if (budget[0] < 0) {
                        throw new BadRequestException(431, "Request header section exceeds " + MAX_HEADER_BYTES + " bytes");
                    }
                    return line;
                }
            }
            scanned = limit - pos;
            if (scanned >= budget[0] || scanned >= buf.length) {
                throw new BadRequestException(431, "Request header section exceeds " + MAX_HEADER_BYTES + " bytes");
            }
            if (!fill()) {
                if (scanned == 0 && eofAllowed) {
                    return null;
                }
                throw new PeerGoneException();
            }
        }
    }

    /** Reads more bytes into the buffer, blocking. @return false on EOF */
    private boolean fill() throws IOException {
        compact();
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    private void compact() {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
    }

    // ---------------------------------------------------------------- writing responses

    /** @return true when the connection may serve another request */
    private boolean serve(RecordedRequest request, ScriptedResponse response, boolean keepAlive) throws IOException {
        pause(response.headersDelay());
        if (response.isGoAwayBeforeHeaders()) {
            closeGracefully(); // HTTP/1.1 has no GOAWAY: a close before any response byte says the same
            return false;
        }
        List<Step> steps = response.steps();
        int status = response.status();
        boolean bodyAllowed = status >= 200 && status != 204 && status != 304;
        boolean sendBody = bodyAllowed && !request.method().equals("HEAD");
        boolean chunked = !response.isFixedLength();

        WireBody body = WireBody.of(response);
        byte[][] wire = body.wire;
        byte[] trailer = body.trailer;

        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        for (Map.Entry<String, String> h : response.headers()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (bodyAllowed) {
            if (response.isGzip()) {
                head.append("Content-Encoding: gzip\r\n");
            }
            if (chunked) {
                head.append("Transfer-Encoding: chunked\r\n");
            } else {
                head.append("Content-Length: ").append(body.declaredLength()).append("\r\n");
            }
        }
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (!sendBody) {
            return true;
        }

        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            switch (step.kind) {
                case CHUNK:
                    pause(step.duration);
                    writeBody(wire[i], chunked);
                    break;
                case STALL:
                    pause(step.duration);
                    break;
                case AWAIT:
                    if (!waitWatching(step.duration.toNanos(), step.signal)) {
                        endMidBody(false);
                        return false;
                    }
                    break;
                case PERMITS:
                    // The copies are written as permits come, never built up front: count may be endless.
                    for (long sent = 0; sent < step.count; sent++) {
                        if (!takePermitWatching(step.permits, step.duration.toNanos())) {
                            endMidBody(false);
                            return false;
                        }
                        writeBody(step.bytes, chunked);
                    }
                    break;
                case REPEAT:
                    writeRepeated(step.bytes, step.count);
                    break;
                case CLOSE:
                    endMidBody(false);
                    return false;
                case RESET:
                    endMidBody(true);
                    return false;
                default:
                    throw new AssertionError(step.kind);
            }
        }
        writeBody(trailer, chunked);
        if (chunked) {
            out.write(LAST_CHUNK);
        }
        out.flush();
        return true;
    }

    private void writeBody(byte[] bytes, boolean chunked) throws IOException {
        if (bytes.length == 0) {
            return; // an empty HTTP chunk would end the body
        }
        if (chunked) {
            out.write(Integer.toHexString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
            out.write(bytes);
            out.write(CRLF);
        } else {
            out.write(bytes);
        }
        out.flush();
    }

    /**
     * Writes {@code count} copies of {@code copy}, packed into HTTP chunks of about 64 KiB (one buffer,
     * reused), so the body is generated as it goes and never held.
     */
    private void writeRepeated(byte[] copy, long count) throws IOException {
        int perChunk = (int) Math.max(1, Math.min(count, (64 * 1024) / copy.length));
        byte[] packed = new byte[perChunk * copy.length];
        for (int i = 0; i < perChunk; i++) {
            System.arraycopy(copy, 0, packed, i * copy.length, copy.length);
        }
        for (long left = count; left > 0; ) {
            int n = (int) Math.min(left, perChunk);
            int len = n * copy.length;
            out.write(Integer.toHexString(len).getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
            out.write(packed, 0, len);
            out.write(CRLF);
            left -= n;
        }
        out.flush();
    }

    /** Ends the response without finishing the body: FIN after all bytes written, or RST. */
    private void endMidBody(boolean reset) throws IOException {
        if (reset) {
            out.flush();
            socket.setSoLinger(true, 0);
            socket.close();
            return;
        }
        out.flush();
        closeGracefully();
    }

    /**
     * Sends FIN after everything written, then reads until the client closes too (at most {@link
     * #GRACEFUL_CLOSE_NANOS}), so closing the socket never resets data the client has not read yet.
     */
    private void closeGracefully() throws IOException {
        out.flush();
        socket.shutdownOutput();
        long deadline = System.nanoTime() + GRACEFUL_CLOSE_NANOS;
        try {
            while (true) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                pos = 0;
                limit = 0;
                waitWatching(remaining, null);
            }
        } catch (PeerGoneException e) {
            // the client closed its side: done
        }
    }

    private void writeError(int status, String message) throws IOException {
        byte[] body = FakeMessagesServer.errorJson("invalid_request_error", message).getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    // ---------------------------------------------------------------- waiting while watching the client

    private void pause(Duration duration) throws IOException {
        if (!duration.isZero()) {
            waitWatching(duration.toNanos(), null);
        }
    }

    /**
     * Waits {@code nanos}, or until {@code signal} is true, reading from the socket meanwhile so a client
     * that closes is seen at once.
     *
     * @return true if the signal arrived, or the time passed when there is no signal
     * @throws PeerGoneException if the client closed or reset the connection
     */
    private boolean waitWatching(long nanos, BooleanSupplier signal) throws IOException {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            if (signal != null && signal.getAsBoolean()) {
                return true;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return signal == null;
            }
            long slice = signal == null ? remaining : Math.min(remaining, SIGNAL_POLL_NANOS);
            int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (slice + 999_999) / 1_000_000));
            compact();
            if (limit == buf.length) {
                // the client sent a full buffer ahead; stop reading it and just wait
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted");
                }
                continue;
            }
            socket.setSoTimeout(millis);
            try {
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    throw new PeerGoneException();
                }
                limit += n;
            } catch (SocketTimeoutException e) {
                // nothing from the client: keep waiting
            } catch (PeerGoneException e) {
                throw e;
            } catch (IOException e) {
                if (socket.isClosed()) {
                    throw e; // the server is closing
                }
                throw new PeerGoneException(); // reset by the client
            }
        }
    }

    /**
     * Takes one permit, waiting up to {@code nanos}, and looks at the socket between waits so a client
     * that closes is seen within a few milliseconds. Unlike {@link #waitWatching}, which polls its signal
     * between socket reads, this blocks on the semaphore itself: a permit is taken the moment it is
     * released, which matters when every chunk of a long body waits for one.
     *
     * @return true once a permit was taken; false if none came within {@code nanos}
     * @throws PeerGoneException if the client closed or reset the connection
     */
    private boolean takePermitWatching(Semaphore permits, long nanos) throws IOException {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            long remaining = deadline - System.nanoTime();
            try {
                if (permits.tryAcquire(Math.max(0, Math.min(remaining, PERMIT_SLICE_NANOS)), TimeUnit.NANOSECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            if (deadline - System.nanoTime() <= 0) {
                return false;
            }
            waitWatching(PEER_CHECK_NANOS, null);
        }
    }

    /** The reason phrase sent after {@code status} in a status line. */
    static String reason(int status) {
        switch (status) {
            case 100: return "Continue";
            case 200: return "OK";
            case 201: return "Created";
            case 204: return "No Content";
            case 304: return "Not Modified";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 408: return "Request Timeout";
            case 409: return "Conflict";
            case 413: return "Content Too Large";
            case 422: return "Unprocessable Content";
            case 429: return "Too Many Requests";
            case 431: return "Request Header Fields Too Large";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            case 529: return "Overloaded";
            default: return "Status";
        }
    }
}
