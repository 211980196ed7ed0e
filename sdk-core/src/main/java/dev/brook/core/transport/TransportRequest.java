package dev.brook.core.transport;

import java.net.URI;
import java.util.Objects;

/**
 * One HTTP request for a transport to send: method, absolute URI, headers and a body already encoded.
 * The core sets every header (credentials, {@code anthropic-version}, {@code accept}, {@code user-agent},
 * {@code content-type}); a transport sends them as given and adds only what its HTTP stack requires
 * (such as {@code content-length} or {@code host}). Immutable and thread-safe.
 */
public final class TransportRequest {
    private final String method;
    private final URI uri;
    private final TransportHeaders headers;
    private final byte[] body;

    private TransportRequest(String method, URI uri, TransportHeaders headers, byte[] body) {
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
    }

    /**
     * @param method the HTTP method, such as {@code POST}
     * @param uri the absolute request URI
     * @param headers the header fields to send
     * @param body the request body (copied); empty for none
     */
    public static TransportRequest of(String method, URI uri, TransportHeaders headers, byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("uri must be absolute: " + uri);
        }
        return new TransportRequest(method, uri, headers, body.clone());
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    public TransportHeaders headers() {
        return headers;
    }

    /** A copy of the body bytes. */
    public byte[] body() {
        return body.clone();
    }

    /** The body length in bytes. */
    public int bodyLength() {
        return body.length;
    }

    /** Method, URI and headers, with credential values hidden; never the body. */
    @Override
    public String toString() {
        return method + ' ' + uri + ' ' + headers + " (" + body.length + " body bytes)";
    }
}
