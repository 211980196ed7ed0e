package dev.brook.core.error;

/** HTTP 400: the request was malformed or invalid (`invalid_request_error`). */
public class BadRequestException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * See {@link ApiException#ApiException(int, String, String, String, String, int, boolean)}.
     *
     * @param statusCode the HTTP status, 400
     * @param errorType the {@code error.type} of the body, such as {@code invalid_request_error}; {@code ""}
     *     when the body had none
     * @param errorMessage the {@code error.message} of the body; {@code ""} when absent
     * @param requestId the {@code request-id} response header, or {@code null}
     * @param rawBody the response body as received (truncated to 64 KiB, credentials masked)
     * @param attempts how many HTTP attempts were made, this one included
     * @param retryable whether the retry policy counts this response as retryable
     */
    public BadRequestException(int statusCode, String errorType, String errorMessage, String requestId, String rawBody,
            int attempts, boolean retryable) {
        super(statusCode, errorType, errorMessage, requestId, rawBody, attempts, retryable);
    }
}
