package dev.brook.core.error;

/** HTTP 403: the key is valid but may not use this resource. */
public class PermissionDeniedException extends ApiException {
    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(int statusCode, String errorType, String errorMessage, String requestId, String rawBody) {
        super(statusCode, errorType, errorMessage, requestId, rawBody);
    }
}
