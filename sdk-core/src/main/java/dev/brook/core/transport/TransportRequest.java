package dev.brook.core.transport;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One HTTP request for a transport to send: method, absolute URI, headers and a body already encoded.
 * The core sets every header (credentials, {@code anthropic-version}, {@code accept}, {@code user-agent},
 * {@code content-type}); a transport sends them as given and adds only what its HTTP stack requires.
 * The framing headers ({@code content-length}, {@code transfer-encoding}, {@code host},
 * {@code connection}) are never among them, since each stack writes its own. Immutable and thread-safe.
 */
public final class TransportRequest {
    private static final Set<String> FRAMING_HEADERS = Set.of("content-length", "transfer-encoding", "host", "connection");

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
     * @return the request
     * @throws IllegalArgumentException if {@code uri} is relative, or {@code headers} holds a framing header
     */
    public static TransportRequest of(String method, URI uri, TransportHeaders headers, byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        for (String name : headers.names()) {
            if (FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("'" + name + "' is written by the HTTP stack, not given in a request");
            }
        }
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("uri must be absolute: " + uri);
        }
        return new TransportRequest(method, uri, headers, body.clone());
    }

    /** {@return the HTTP method, such as {@code POST}} */
    public String method() {
        return method;
    }

    /** {@return the absolute request URI} */
    public URI uri() {
        return uri;
    }

    /** {@return the header fields to send, never a framing header} */
    public TransportHeaders headers() {
        return headers;
    }

    /** {@return a copy of the body bytes; empty for no body} */
    public byte[] body() {
        return body.clone();
    }

    /** {@return the body length in bytes} */
    public int bodyLength() {
        return body.length;
    }

    /** Method, URI and headers, with credential values hidden; never the body. */
    @Override
    public String toString() {
        return method + ' ' + uri + ' ' + headers + " (" + body.length + " body bytes)";
    }
}
