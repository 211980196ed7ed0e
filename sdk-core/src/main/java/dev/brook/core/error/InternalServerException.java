package dev.brook.core.error;

/** HTTP 5xx: the API failed; retried by default. */
public class InternalServerException extends ApiException {
    private static final long serialVersionUID = 1L;

    /** See {@link ApiException#ApiException(int, String, String, String, String, int, boolean)}. */
    public InternalServerException(int statusCode, String errorType, String errorMessage, String requestId, String rawBody,
            int attempts, boolean retryable) {
        super(statusCode, errorType, errorMessage, requestId, rawBody, attempts, retryable);
    }
}
