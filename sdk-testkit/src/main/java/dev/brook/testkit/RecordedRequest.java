package dev.brook.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request {@link FakeMessagesServer} received: request line, headers, the body after any chunked
 * transfer decoding, which connection carried it, and over which protocol it was answered.
 *
 * <p>Over HTTP/2 the method and path come from the {@code :method} and {@code :path} pseudo-header
 * fields, which, like {@code :scheme} and {@code :authority}, are not among {@link #headers()} (so there
 * is no {@code Host} header unless the client sent one); header names are lowercase, as HTTP/2 requires.
 * A request that asked to upgrade a cleartext HTTP/1.1 connection ({@code Upgrade: h2c}) is recorded as
 * it was sent, with its {@code HTTP/1.1} version and its {@code Upgrade} headers, and its {@link
 * #protocol()} is {@code HTTP/2}, the protocol of its response.
 *
 * <p>Immutable and thread-safe.
 */
public final class RecordedRequest {
    /** The value of {@link #protocol()} for a request answered over HTTP/1.1. */
    static final String HTTP_1_1 = "HTTP/1.1";
    /** The value of {@link #protocol()} for a request answered over HTTP/2. */
    static final String HTTP_2 = "HTTP/2";

    private final String method;
    private final String path;
    private final String version;
    private final List<Map.Entry<String, String>> headerLines;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final int connectionIndex;
    private final int sequenceNumber;
    private final String protocol;

    RecordedRequest(
            String method,
            String path,
            String version,
            List<Map.Entry<String, String>> headerLines,
            byte[] body,
            int connectionIndex,
            int sequenceNumber) {
        this(method, path, version, headerLines, body, connectionIndex, sequenceNumber, HTTP_1_1);
    }

    RecordedRequest(
            String method,
            String path,
            String version,
            List<Map.Entry<String, String>> headerLines,
            byte[] body,
            int connectionIndex,
            int sequenceNumber,
            String protocol) {
        this.method = method;
        this.path = path;
        this.version = version;
        this.headerLines = List.copyOf(headerLines);
        TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> line : headerLines) {
            map.computeIfAbsent(line.getKey(), k -> new ArrayList<>()).add(line.getValue());
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        this.headers = Collections.unmodifiableMap(map);
        this.body = body;
        this.connectionIndex = connectionIndex;
        this.sequenceNumber = sequenceNumber;
        this.protocol = protocol;
    }

    /** @return the request method as sent, for example {@code POST} */
    public String method() {
        return method;
    }

    /** @return the request target as sent: the path with its query, for example {@code /v1/messages?beta=true} */
    public String path() {
        return path;
    }

    /**
     * @return the protocol version as sent, for example {@code HTTP/1.1} from the request line, or
     *     {@code HTTP/2} for a request sent on an HTTP/2 stream
     */
    public String version() {
        return version;
    }

    /**
     * @return the protocol the request was answered over: {@code HTTP/1.1} (also for an {@code HTTP/1.0}
     *     request, which gets an HTTP/1.1 response) or {@code HTTP/2} (also for the request that upgraded
     *     its connection with {@code Upgrade: h2c}, whose {@link #version()} is {@code HTTP/1.1})
     */
    public String protocol() {
        return protocol;
    }

    /**
     * @return every header, names matched case-insensitively, values in the order received.
     *     Unmodifiable.
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** @return the header lines in the order received, names as sent. Unmodifiable. */
    public List<Map.Entry<String, String>> headerLines() {
        return headerLines;
    }

    /**
     * @param name a header name, matched case-insensitively
     * @return the first value of that header, or empty if it was not sent
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * @param name a header name, matched case-insensitively
     * @return every value of that header in order; empty if it was not sent. Unmodifiable.
     */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** @return the body bytes, after chunked transfer decoding; a new copy each call */
    public byte[] body() {
        return body.clone();
    }

    /** @return the body length in bytes */
    public int bodySize() {
        return body.length;
    }

    /** @return the body decoded as UTF-8 (invalid sequences become U+FFFD) */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @return which TCP connection carried this request: 0 for the first connection the server
     *     accepted, 1 for the second, and so on. Two requests with the same index shared a connection.
     */
    public int connectionIndex() {
        return connectionIndex;
    }

    /**
     * @return this request's position on its connection: 0 for the first, 1 for a reuse, and so on; over
     *     HTTP/2, the order in which the streams' request headers arrived
     */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    @Override
    public String toString() {
        boolean upgraded = protocol.equals(HTTP_2) && !version.equals(HTTP_2);
        return method + " " + path + " " + version + " (" + body.length + " body bytes, connection "
                + connectionIndex + " #" + sequenceNumber + (upgraded ? ", answered over " + protocol : "") + ")";
    }
}
