package dev.brook.core.error;

/** HTTP 409: a conflict; retried by default. */
public class ConflictException extends ApiException {
    private static final long serialVersionUID = 1L;

    /** See {@link ApiException#ApiException(int, String, String, String, String, int, boolean)}. */
    public ConflictException(int statusCode, String errorType, String errorMessage, String requestId, String rawBody,
            int attempts, boolean retryable) {
        super(statusCode, errorType, errorMessage, requestId, rawBody, attempts, retryable);
    }
}
