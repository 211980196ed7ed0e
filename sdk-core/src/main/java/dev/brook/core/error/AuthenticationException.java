package dev.brook.core.error;

/** HTTP 401: the API key or auth token is missing, invalid or revoked. */
public class AuthenticationException extends ApiException {
    private static final long serialVersionUID = 1L;

    /** See {@link ApiException#ApiException(int, String, String, String, String, int, boolean)}. */
    public AuthenticationException(int statusCode, String errorType, String errorMessage, String requestId, String rawBody,
            int attempts, boolean retryable) {
        super(statusCode, errorType, errorMessage, requestId, rawBody, attempts, retryable);
    }
}
