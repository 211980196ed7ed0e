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
 * transfer decoding, and which connection carried it.
 *
 * <p>Immutable and thread-safe.
 */
public final class RecordedRequest {
    private final String method;
    private final String path;
    private final String version;
    private final List<Map.Entry<String, String>> headerLines;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final int connectionIndex;
    private final int sequenceNumber;

    RecordedRequest(
            String method,
            String path,
            String version,
            List<Map.Entry<String, String>> headerLines,
            byte[] body,
            int connectionIndex,
            int sequenceNumber) {
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
    }

    /** @return the request method as sent, for example {@code POST} */
    public String method() {
        return method;
    }

    /** @return the request target as sent: the path with its query, for example {@code /v1/messages?beta=true} */
    public String path() {
        return path;
    }

    /** @return the protocol version as sent, for example {@code HTTP/1.1} */
    public String version() {
        return version;
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

    /** @return this request's position on its connection: 0 for the first, 1 for a reuse, and so on */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    @Override
    public String toString() {
        return method + " " + path + " " + version + " (" + body.length + " body bytes, connection "
                + connectionIndex + " #" + sequenceNumber + ")";
    }
}
