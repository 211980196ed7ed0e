package dev.brook.core.error;

import java.util.Objects;

/**
 * The API answered with an error status before any event was streamed. Subclasses name the common
 * statuses ({@link RateLimitException} for 429, {@link OverloadedException} for 529, ...), so callers can
 * catch what they handle and let the rest propagate.
 *
 * <p>Immutable. The raw body is kept (at most 64 KiB) for diagnostics.
 */
public class ApiException extends BrookException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of the response. */
    private final int statusCode;
    /** The body's {@code error.type}; {@code ""} when it had none. */
    private final String errorType;
    /** The body's {@code error.message}; {@code ""} when it had none. */
    private final String errorMessage;
    /** The body as received, at most 64 KiB, credentials masked. */
    private final String rawBody;
    /** Whether the retry policy counts this response as retryable. */
    private final boolean retryable;

    /**
     * @param statusCode the HTTP status
     * @param errorType the {@code error.type} of the body, such as {@code rate_limit_error}; {@code ""}
     *     when the body had none
     * @param errorMessage the {@code error.message} of the body; {@code ""} when absent
     * @param requestId the {@code request-id} response header, or {@code null}
     * @param rawBody the response body as received (truncated to 64 KiB, credentials masked), never
     *     {@code null}
     * @param attempts how many HTTP attempts were made, this one included
     * @param retryable whether the retry policy counts this response as retryable (by status and
     *     {@code x-should-retry})
     */
    public ApiException(int statusCode, String errorType, String errorMessage, String requestId, String rawBody,
            int attempts, boolean retryable) {
        super(describe(statusCode, errorType, errorMessage, requestId, attempts), null, null, requestId, attempts);
        this.statusCode = statusCode;
        this.errorType = Objects.requireNonNull(errorType, "errorType");
        this.errorMessage = Objects.requireNonNull(errorMessage, "errorMessage");
        this.rawBody = Objects.requireNonNull(rawBody, "rawBody");
        this.retryable = retryable;
    }

    private static String describe(int status, String type, String message, String requestId, int attempts) {
        StringBuilder sb = new StringBuilder("HTTP ").append(status);
        if (!type.isEmpty()) {
            sb.append(' ').append(type);
        }
        if (!message.isEmpty()) {
            sb.append(": ").append(message);
        }
        if (requestId != null) {
            sb.append(" (request-id ").append(requestId).append(')');
        }
        if (attempts > 1) {
            sb.append(" after ").append(attempts).append(" attempts");
        }
        return sb.toString();
    }

    /** {@return the HTTP status code of the response} */
    public int statusCode() {
        return statusCode;
    }

    /** {@return the {@code error.type} from the body, such as {@code invalid_request_error}; empty string if none} */
    public String errorType() {
        return errorType;
    }

    /** {@return the {@code error.message} from the body; empty string if none} */
    public String errorMessage() {
        return errorMessage;
    }

    /**
     * The response body as received, truncated to 64 KiB, with the call's API key or token replaced by
     * {@code [redacted]} wherever the server echoed it.
     *
     * @return the masked body, never {@code null} (empty when the response had no body)
     */
    public String rawBody() {
        return rawBody;
    }

    /** Whether the retry policy retries this status (408, 409, 429, 5xx, 529, or as {@code x-should-retry} said). */
    @Override
    public boolean retryable() {
        return retryable;
    }
}
