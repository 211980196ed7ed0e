package dev.brook.core.error;

/** HTTP 529: the API is temporarily overloaded; retried by default. */
public class OverloadedException extends InternalServerException {
    private static final long serialVersionUID = 1L;

    public OverloadedException(int statusCode, String errorType, String errorMessage, String requestId, String rawBody) {
        super(statusCode, errorType, errorMessage, requestId, rawBody);
    }
}
