package dev.brook.core.error;

/** HTTP 422: the request was well formed but could not be processed. */
public class UnprocessableEntityException extends ApiException {
    private static final long serialVersionUID = 1L;

    /** See {@link ApiException#ApiException(int, String, String, String, String, int, boolean)}. */
    public UnprocessableEntityException(int statusCode, String errorType, String errorMessage, String requestId, String rawBody,
            int attempts, boolean retryable) {
        super(statusCode, errorType, errorMessage, requestId, rawBody, attempts, retryable);
    }
}
