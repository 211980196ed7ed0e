package dev.brook.core.error;

import dev.brook.core.event.Message;

/**
 * The body ended before {@code message_stop}: the server or the network closed the stream early.
 * {@link #snapshot()} holds every block and delta received before the end.
 */
public class IncompleteStreamException extends BrookException {
    private static final long serialVersionUID = 1L;

    public IncompleteStreamException(String message, Throwable cause, Message snapshot) {
        super(message, cause, snapshot);
    }
}
