package dev.brook.core.error;

import dev.brook.core.event.Message;

/**
 * The body ended before {@code message_stop}: the server or the network closed the stream early.
 * {@link #snapshot()} holds every block and delta received before the end.
 */
public class IncompleteStreamException extends BrookException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what ended early, with the count of events received
     * @param cause the read failure, or {@code null} when the body simply ended
     * @param snapshot the message accumulated before the end, or {@code null}
     * @param requestId the {@code request-id} response header, or {@code null}
     * @param attempts how many HTTP attempts the call made
     */
    public IncompleteStreamException(String message, Throwable cause, Message snapshot, String requestId,
            int attempts) {
        super(message, cause, snapshot, requestId, attempts);
    }

    /**
     * An early end outside a call (a decoded capture): no request id, no attempts.
     *
     * @param message what ended early, with the count of events received
     * @param cause the read failure, or {@code null} when the body simply ended
     * @param snapshot the message accumulated before the end, or {@code null}
     */
    public IncompleteStreamException(String message, Throwable cause, Message snapshot) {
        this(message, cause, snapshot, null, 0);
    }

    /** True: a stream cut short is a broken connection, which the retry policy retries before the body. */
    @Override
    public boolean retryable() {
        return true;
    }
}
