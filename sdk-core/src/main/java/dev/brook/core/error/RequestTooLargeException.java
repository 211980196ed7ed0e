package dev.brook.core.error;

/** HTTP 413: the request exceeds the maximum allowed size. */
public class RequestTooLargeException extends ApiException {
    private static final long serialVersionUID = 1L;

    public RequestTooLargeException(int statusCode, String errorType, String errorMessage, String requestId, String rawBody) {
        super(statusCode, errorType, errorMessage, requestId, rawBody);
    }
}
