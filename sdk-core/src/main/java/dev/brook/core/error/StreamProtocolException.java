package dev.brook.core.error;

import dev.brook.core.event.Message;
import java.util.Optional;

/**
 * The stream broke the protocol: malformed JSON in an event, events out of order, a delta that does
 * not fit its block, an event larger than the configured limit, or a response that is not an event
 * stream. Carries the offending raw event where there is one.
 */
public class StreamProtocolException extends BrookException {
    private static final long serialVersionUID = 1L;

    /** The raw data of the event that broke the protocol, or {@code null} when no one event did. */
    private final String rawEvent;

    /**
     * @param message what was wrong, naming the event and index where they are known
     * @param rawEvent the raw event (SSE data) that broke the protocol, or {@code null}
     * @param cause the underlying parse failure, or {@code null}
     * @param snapshot the message accumulated before the failure, or {@code null}
     * @param requestId the {@code request-id} response header, or {@code null}
     * @param attempts how many HTTP attempts the call made
     */
    public StreamProtocolException(String message, String rawEvent, Throwable cause, Message snapshot,
            String requestId, int attempts) {
        super(message, cause, snapshot, requestId, attempts);
        this.rawEvent = rawEvent;
    }

    /**
     * A protocol error outside a call (a decoded capture): no request id, no attempts.
     *
     * @param message what was wrong, naming the event and index where they are known
     * @param rawEvent the raw event (SSE data) that broke the protocol, or {@code null}
     * @param cause the underlying parse failure, or {@code null}
     * @param snapshot the message accumulated before the failure, or {@code null}
     */
    public StreamProtocolException(String message, String rawEvent, Throwable cause, Message snapshot) {
        this(message, rawEvent, cause, snapshot, null, 0);
    }

    /**
     * A protocol error with no snapshot, request id or attempts (as a parser raises it).
     *
     * @param message what was wrong, naming the event and index where they are known
     * @param rawEvent the raw event (SSE data) that broke the protocol, or {@code null}
     * @param cause the underlying parse failure, or {@code null}
     */
    public StreamProtocolException(String message, String rawEvent, Throwable cause) {
        this(message, rawEvent, cause, null, null, 0);
    }

    /**
     * A protocol error with only a message.
     *
     * @param message what was wrong
     */
    public StreamProtocolException(String message) {
        this(message, null, null, null, null, 0);
    }

    /**
     * The raw SSE data of the event that broke the protocol, when the failure is tied to one event.
     *
     * @return the raw event data; empty when the failure is not tied to one event
     */
    public Optional<String> rawEvent() {
        return Optional.ofNullable(rawEvent);
    }

    /**
     * A copy of this exception that also carries {@code snapshot}; this exception becomes its cause.
     *
     * @param snapshot the message accumulated before the failure, or {@code null}
     * @return a new exception with this one's message, raw event, request id and attempts
     */
    public StreamProtocolException withSnapshot(Message snapshot) {
        return new StreamProtocolException(getMessage(), rawEvent, this, snapshot, requestId().orElse(null), attempts());
    }

    /**
     * A copy of this exception that also carries the call's {@code requestId} and {@code attempts}; this
     * exception becomes its cause.
     *
     * @param requestId the {@code request-id} response header, or {@code null}
     * @param attempts how many HTTP attempts the call made
     * @return a new exception with this one's message, raw event and snapshot
     */
    public StreamProtocolException withCall(String requestId, int attempts) {
        return new StreamProtocolException(getMessage(), rawEvent, this, snapshot().orElse(null), requestId, attempts);
    }
}
