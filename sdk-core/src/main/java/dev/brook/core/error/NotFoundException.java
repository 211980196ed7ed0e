package dev.brook.core.error;

/** HTTP 404: the resource (for example the model) was not found. */
public class NotFoundException extends ApiException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(int statusCode, String errorType, String errorMessage, String requestId, String rawBody) {
        super(statusCode, errorType, errorMessage, requestId, rawBody);
    }
}
