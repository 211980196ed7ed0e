package dev.brook.core.error;

import dev.brook.core.event.Message;
import java.time.Duration;
import java.util.Objects;

/**
 * A timeout fired: {@link #kind()} says which one and {@link #timeout()} its configured value.
 * Connect and idle timeouts are set with {@code Brook.builder().connectTimeout(...)} and
 * {@code idleTimeout(...)}; the total timeout with {@code totalTimeout(...)}.
 */
public class StreamTimeoutException extends BrookException {
    private static final long serialVersionUID = 1L;

    /** Which timeout fired. */
    public enum Kind {
        /** Establishing the connection took longer than the connect timeout. */
        CONNECT,
        /** The server sent nothing (no header, no body byte) for longer than the idle timeout. */
        IDLE,
        /** The whole exchange took longer than the total timeout. */
        TOTAL
    }

    private final Kind kind;
    private final transient Duration timeout;

    public StreamTimeoutException(Kind kind, Duration timeout, String message, Throwable cause, Message snapshot) {
        super(message, cause, snapshot);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Which timeout fired. */
    public Kind kind() {
        return kind;
    }

    /** The configured value of the timeout that fired. */
    public Duration timeout() {
        return timeout;
    }
}
