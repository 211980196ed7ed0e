package dev.brook.core.error;

import java.time.Duration;
import java.util.Optional;

/** HTTP 429: too many requests or tokens; {@link #retryAfter()} says when to try again. */
public class RateLimitException extends ApiException {
    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    /**
     * See {@link ApiException#ApiException(int, String, String, String, String, int, boolean)}.
     *
     * @param statusCode the HTTP status, 429
     * @param errorType the {@code error.type} of the body, such as {@code rate_limit_error}; {@code ""}
     *     when the body had none
     * @param errorMessage the {@code error.message} of the body; {@code ""} when absent
     * @param requestId the {@code request-id} response header, or {@code null}
     * @param rawBody the response body as received (truncated to 64 KiB, credentials masked)
     * @param attempts how many HTTP attempts were made, this one included
     * @param retryable whether the retry policy counts this response as retryable
     * @param retryAfter the delay the server asked for ({@code retry-after-ms} or {@code retry-after}),
     *     or {@code null} when it gave none
     */
    public RateLimitException(int statusCode, String errorType, String errorMessage, String requestId,
            String rawBody, int attempts, boolean retryable, Duration retryAfter) {
        super(statusCode, errorType, errorMessage, requestId, rawBody, attempts, retryable);
        this.retryAfter = retryAfter;
    }

    /**
     * How long the server asked the client to wait before retrying, when it said.
     *
     * @return the delay from {@code retry-after-ms} or {@code retry-after}; empty when the response had
     *     neither
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
