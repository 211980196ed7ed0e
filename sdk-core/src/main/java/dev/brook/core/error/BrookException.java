package dev.brook.core.error;

import dev.brook.core.event.Message;
import java.util.Optional;

/**
 * Root of every exception Brook throws. Unchecked, like the rest of the hierarchy.
 *
 * <p>An error that ends a stream carries the message accumulated so far, so nothing the server already
 * sent is lost: see {@link #snapshot()}. Instances are immutable once thrown.
 */
public class BrookException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Message snapshot;

    /**
     * @param message what happened and, where it helps, what to change
     * @param cause the underlying failure, or {@code null}
     * @param snapshot the message accumulated before the failure, or {@code null} when none was started
     */
    public BrookException(String message, Throwable cause, Message snapshot) {
        super(message, cause);
        this.snapshot = snapshot;
    }

    public BrookException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public BrookException(String message) {
        this(message, null, null);
    }

    /**
     * The message accumulated from the stream before this error surfaced: every block and delta the
     * server sent until then. Empty when the failure came before {@code message_start}.
     */
    public Optional<Message> snapshot() {
        return Optional.ofNullable(snapshot);
    }
}
