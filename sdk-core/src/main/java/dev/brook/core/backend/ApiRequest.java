package dev.brook.core.backend;

import dev.brook.core.transport.TransportHeaders;
import java.util.Objects;

/**
 * One attempt of a call as the direct Anthropic API would receive it, before a {@link Backend} decides
 * where it goes and how it is authenticated: the method, the path (with its query) on the API, the
 * headers Brook and the caller set (never credentials), the JSON body, and whether the reply is
 * streamed. Immutable.
 */
public final class ApiRequest {
    /** The path of the Messages endpoint, for {@code stream} and {@code create}. */
    public static final String MESSAGES_PATH = "/v1/messages";

    private final String method;
    private final String path;
    private final TransportHeaders headers;
    private final byte[] body;
    private final boolean streaming;

    private ApiRequest(String method, String path, TransportHeaders headers, byte[] body, boolean streaming) {
        this.method = method;
        this.path = path;
        this.headers = headers;
        this.body = body;
        this.streaming = streaming;
    }

    /**
     * A request.
     *
     * @param method the HTTP method, such as {@code POST}
     * @param path the path with its query on the direct API, starting with {@code /}, such as
     *     {@code /v1/messages}
     * @param headers the headers without credentials: {@code anthropic-version}, {@code anthropic-beta},
     *     {@code content-type}, {@code accept}, {@code user-agent} and the caller's own
     * @param body the JSON body (copied); empty for none
     * @param streaming whether the reply is a stream of events
     * @return the request
     * @throws IllegalArgumentException if {@code path} does not start with {@code /}
     */
    public static ApiRequest of(String method, String path, TransportHeaders headers, byte[] body, boolean streaming) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        return new ApiRequest(method, path, headers, body.clone(), streaming);
    }

    /** {@return the HTTP method, such as {@code POST}} */
    public String method() {
        return method;
    }

    /** {@return the path with its query on the direct API, such as {@code /v1/messages}} */
    public String path() {
        return path;
    }

    /** {@return whether this is a Messages call ({@code POST /v1/messages}), streamed or not} */
    public boolean isMessages() {
        return "POST".equals(method) && MESSAGES_PATH.equals(path);
    }

    /** {@return the headers, without credentials} */
    public TransportHeaders headers() {
        return headers;
    }

    /** {@return a copy of the JSON body; empty for none} */
    public byte[] body() {
        return body.clone();
    }

    /** {@return whether the reply is a stream of events} */
    public boolean streaming() {
        return streaming;
    }

    /** The method and path; never the body or headers, which may hold user data. */
    @Override
    public String toString() {
        return method + " " + path + (streaming ? " (streaming)" : "");
    }
}
