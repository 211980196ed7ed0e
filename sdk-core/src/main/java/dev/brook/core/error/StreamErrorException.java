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

    private final String errorType;
    private final String errorMessage;

    /**
     * @param errorType the {@code error.type} of the event, such as {@code overloaded_error}
     * @param errorMessage the {@code error.message} of the event, or {@code ""} when absent
     * @param snapshot the message accumulated before the error, or {@code null}
     */
    public StreamErrorException(String errorType, String errorMessage, Message snapshot) {
        super("The server ended the stream with an error event: " + errorType
                + (errorMessage == null || errorMessage.isEmpty() ? "" : ": " + errorMessage), null, snapshot);
        this.errorType = Objects.requireNonNull(errorType, "errorType");
        this.errorMessage = errorMessage == null ? "" : errorMessage;
    }

    /** The {@code error.type} of the error event, such as {@code overloaded_error}. */
    public String errorType() {
        return errorType;
    }

    /** The {@code error.message} of the error event; empty when the server sent none. */
    public String errorMessage() {
        return errorMessage;
    }
}
