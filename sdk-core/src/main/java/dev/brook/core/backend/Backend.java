package dev.brook.core.backend;

import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Where and how a call reaches Claude: the URL, the body's shape, the authentication and the framing of
 * a streamed reply. The direct API is the default ({@link AnthropicBackend}); cloud modules provide
 * theirs (Amazon Bedrock, Google Vertex AI, Microsoft Foundry). Set one with
 * {@code Brook.builder().backend(...)}.
 *
 * <p>A backend only translates: the core sends, retries, times out, parses and accumulates, the same way
 * behind every backend and over every transport. Implementations must be immutable and thread-safe; one
 * serves every call of a client at once.
 */
public interface Backend {
    /** {@return a short lower-case name, such as {@code anthropic} or {@code bedrock}, used in messages} */
    String name();

    /**
     * The HTTP request for one attempt of a call. Called once per attempt, retries included, so that
     * signatures, dates and tokens are fresh; it runs on the thread that starts the attempt (the caller's,
     * or the client's blocking executor for a retried async call) and may block briefly, for example to
     * refresh credentials.
     *
     * @param request the call in the direct API's terms
     * @return the request to send
     * @throws UnsupportedOperationException if this backend does not serve the request's endpoint (the
     *     message names the endpoint and the backend)
     * @throws dev.brook.core.error.CredentialsException when credentials
     *     cannot be obtained; it ends the call without a retry
     */
    TransportRequest prepare(ApiRequest request);

    /**
     * Where calls go (scheme, host and port; the path is not used), reported to call listeners as the
     * server address before a request is prepared.
     *
     * @return the endpoint's origin
     */
    URI endpoint();

    /**
     * How the 2xx body of a streaming Messages call is framed. Default: Server-Sent Events.
     *
     * @return the framing of streamed replies
     */
    default ResponseFraming framing() {
        return ResponseFraming.sse();
    }

    /**
     * The request id of a response, as the endpoint names it. Default: the {@code request-id} header.
     *
     * @param headers the response headers
     * @return the request id, if the response has one
     */
    default Optional<String> requestId(TransportHeaders headers) {
        return headers.firstValue("request-id");
    }

    /**
     * The error type of an error reply whose body names none, as some endpoints put it in a header (AWS's
     * {@code x-amzn-ErrorType}, say). Default: none.
     *
     * @param headers the error reply's headers
     * @return the error type, such as {@code ThrottlingException}, if the headers name one
     */
    default Optional<String> errorType(TransportHeaders headers) {
        return Optional.empty();
    }

    /**
     * The secrets this backend puts on the wire (API keys, tokens), which Brook masks wherever a server
     * echoes them back in an error body. Default: none.
     *
     * @return the current secrets; may change as credentials are refreshed
     */
    default List<String> secrets() {
        return List.of();
    }
}
