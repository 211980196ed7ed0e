package dev.brook.core.error;

import dev.brook.core.event.Message;
import java.util.Optional;

/**
 * Root of every exception Brook throws. Unchecked, like the rest of the hierarchy.
 *
 * <p>Every exception says what is known of the call it ended: the message accumulated so far, so nothing
 * the server already sent is lost ({@link #snapshot()}); the {@code request-id} of the response when its
 * headers had arrived ({@link #requestId()}); how many HTTP attempts were made ({@link #attempts()});
 * and whether the failure is of a kind Brook's retry policy retries ({@link #retryable()}). Instances are
 * immutable once thrown.
 */
public class BrookException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Message snapshot;
    /** The response's {@code request-id} header, or {@code null} when none arrived. */
    private final String requestId;
    /** How many HTTP attempts the call made, 0 or more. */
    private final int attempts;

    /**
     * @param message what happened and, where it helps, what to change
     * @param cause the underlying failure, or {@code null}
     * @param snapshot the message accumulated before the failure, or {@code null} when none was started
     * @param requestId the {@code request-id} response header, or {@code null} when no headers arrived
     *     (or they had none)
     * @param attempts how many HTTP attempts were made, at least 0
     * @throws IllegalArgumentException if {@code attempts} is negative
     */
    public BrookException(String message, Throwable cause, Message snapshot, String requestId, int attempts) {
        super(message, cause);
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        this.snapshot = snapshot;
        this.requestId = requestId;
        this.attempts = attempts;
    }

    /**
     * An exception with no request id and no attempts (raised before any request was sent).
     *
     * @param message what happened and, where it helps, what to change
     * @param cause the underlying failure, or {@code null}
     * @param snapshot the message accumulated before the failure, or {@code null} when none was started
     */
    public BrookException(String message, Throwable cause, Message snapshot) {
        this(message, cause, snapshot, null, 0);
    }

    /**
     * An exception with no snapshot, no request id and no attempts.
     *
     * @param message what happened and, where it helps, what to change
     * @param cause the underlying failure, or {@code null}
     */
    public BrookException(String message, Throwable cause) {
        this(message, cause, null, null, 0);
    }

    /**
     * An exception with no cause, snapshot, request id or attempts.
     *
     * @param message what happened and, where it helps, what to change
     */
    public BrookException(String message) {
        this(message, null, null, null, 0);
    }

    /**
     * The message accumulated from the stream before this error surfaced: every block and delta the
     * server sent until then. Empty when the failure came before {@code message_start}.
     *
     * @return the partial message; empty when no {@code message_start} had arrived
     */
    public Optional<Message> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    /**
     * The {@code request-id} header of the response this failure belongs to, to quote when reporting a
     * problem. Present for every failure raised after response headers arrived (when the server sent
     * one); empty before that (a refused connection, a connect timeout).
     *
     * @return the request id; empty when no headers arrived or they carried none
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * How many HTTP attempts the call made before it failed: 1 plus the retries; 0 when it failed before
     * sending anything.
     *
     * @return the number of attempts, 0 or more
     */
    public int attempts() {
        return attempts;
    }

    /**
     * Whether this is a failure Brook's retry policy retries when it happens before the first body byte:
     * connection failures, connect and idle timeouts, and the retryable statuses (408, 409, 429, 5xx, 529,
     * or as {@code x-should-retry} says). When it is true here, the call already used its retries, or the
     * failure came after the stream had started (which Brook never retries, since the reply was under
     * way): sending the request again is the caller's choice. False by default.
     *
     * @return whether the failure is of a retryable kind
     */
    public boolean retryable() {
        return false;
    }
}
