package dev.brook.core.error;

/** HTTP 400: the request was malformed or invalid (`invalid_request_error`). */
public class BadRequestException extends ApiException {
    private static final long serialVersionUID = 1L;

    /** See {@link ApiException#ApiException(int, String, String, String, String, int, boolean)}. */
    public BadRequestException(int statusCode, String errorType, String errorMessage, String requestId, String rawBody,
            int attempts, boolean retryable) {
        super(statusCode, errorType, errorMessage, requestId, rawBody, attempts, retryable);
    }
}
