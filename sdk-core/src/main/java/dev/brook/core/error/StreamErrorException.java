package dev.brook.core.error;

import dev.brook.core.event.Message;
import java.util.Objects;

/**
 * The server sent an {@code event: error} in the middle of a stream (for example
 * {@code overloaded_error}). The stream ends here; {@link #snapshot()} holds everything received
 * before the error.
 */
public class StreamErrorException extends BrookException {
    private static final long serialVersionUID = 1L;

    /** The error event's {@code error.type}. */
    private final String errorType;
    /** The error event's {@code error.message}; {@code ""} when it had none. */
    private final String errorMessage;

    /**
     * @param errorType the {@code error.type} of the event, such as {@code overloaded_error}
     * @param errorMessage the {@code error.message} of the event, or {@code ""} when absent
     * @param snapshot the message accumulated before the error, or {@code null}
     * @param requestId the {@code request-id} response header, or {@code null}
     * @param attempts how many HTTP attempts the call made
     */
    public StreamErrorException(String errorType, String errorMessage, Message snapshot, String requestId,
            int attempts) {
        super("The server ended the stream with an error event: " + errorType
                + (errorMessage == null || errorMessage.isEmpty() ? "" : ": " + errorMessage)
                + (requestId == null ? "" : " (request-id " + requestId + ")"), null, snapshot, requestId, attempts);
        this.errorType = Objects.requireNonNull(errorType, "errorType");
        this.errorMessage = errorMessage == null ? "" : errorMessage;
    }

    /**
     * An error event outside a call (a decoded capture): no request id, no attempts.
     *
     * @param errorType the {@code error.type} of the event, such as {@code overloaded_error}
     * @param errorMessage the {@code error.message} of the event, or {@code ""} when absent
     * @param snapshot the message accumulated before the error, or {@code null}
     */
    public StreamErrorException(String errorType, String errorMessage, Message snapshot) {
        this(errorType, errorMessage, snapshot, null, 0);
    }

    /** {@return the {@code error.type} of the error event, such as {@code overloaded_error}} */
    public String errorType() {
        return errorType;
    }

    /** {@return the {@code error.message} of the error event; empty when the server sent none} */
    public String errorMessage() {
        return errorMessage;
    }

    /**
     * True for the error types of the statuses the retry policy retries ({@code overloaded_error},
     * {@code api_error}, {@code rate_limit_error}, {@code timeout_error}). Brook does not retry a stream
     * that has started; the caller may.
     */
    @Override
    public boolean retryable() {
        return switch (errorType) {
            case "overloaded_error", "api_error", "rate_limit_error", "timeout_error" -> true;
            default -> false;
        };
    }
}
