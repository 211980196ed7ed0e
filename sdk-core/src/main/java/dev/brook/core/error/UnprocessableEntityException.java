package dev.brook.core.error;

/** HTTP 422: the request was well formed but could not be processed. */
public class UnprocessableEntityException extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnprocessableEntityException(int statusCode, String errorType, String errorMessage, String requestId, String rawBody) {
        super(statusCode, errorType, errorMessage, requestId, rawBody);
    }
}
