package dev.brook.core.error;

import dev.brook.core.event.Message;
import java.time.Duration;
import java.util.Objects;

/**
 * A timeout fired: {@link #kind()} says which one and {@link #timeout()} its configured value.
 * Connect and idle timeouts are set with {@code Brook.builder().connectTimeout(...)} and
 * {@code idleTimeout(...)}; the total timeout with {@code totalTimeout(...)}; idle and total per call
 * with {@code RequestOptions}. One clock in Brook's core measures them all, on every transport.
 */
public class StreamTimeoutException extends BrookException {
    private static final long serialVersionUID = 1L;

    /** Which timeout fired. */
    public enum Kind {
        /** Establishing the connection took longer than the connect timeout. */
        CONNECT,
        /** The server sent nothing (no header, no body byte) for longer than the idle timeout. */
        IDLE,
        /** The whole call (connecting, retries, headers and every event) took longer than the total timeout. */
        TOTAL
    }

    /** Which timeout fired. */
    private final Kind kind;
    private final transient Duration timeout;

    /**
     * Brook's core is the only place that raises this; transports report their stack's timeouts as
     * {@link java.net.SocketTimeoutException}s.
     *
     * @param kind which timeout fired
     * @param timeout the configured value of Brook's timeout of that kind
     * @param message what expired, how far the call got, and the setting to change
     * @param cause the stack's own timeout, or {@code null} when Brook's clock fired
     * @param snapshot the message accumulated before the timeout, or {@code null}
     * @param requestId the {@code request-id} response header when headers had arrived, or {@code null}
     * @param attempts how many HTTP attempts the call made
     */
    public StreamTimeoutException(Kind kind, Duration timeout, String message, Throwable cause, Message snapshot,
            String requestId, int attempts) {
        super(message, cause, snapshot, requestId, attempts);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** True for {@code CONNECT} and {@code IDLE}, which the retry policy retries before the body; false for {@code TOTAL}. */
    @Override
    public boolean retryable() {
        return kind != Kind.TOTAL;
    }

    /** {@return which timeout fired} */
    public Kind kind() {
        return kind;
    }

    /** {@return the configured value of the timeout that fired} */
    public Duration timeout() {
        return timeout;
    }
}
