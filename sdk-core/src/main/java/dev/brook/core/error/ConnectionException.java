package dev.brook.core.error;

import dev.brook.core.event.Message;

/**
 * The HTTP connection failed: refused, reset, DNS or TLS failure, or broken while the body streamed.
 * When it broke mid-stream, {@link #snapshot()} holds what arrived before.
 */
public class ConnectionException extends BrookException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the endpoint
     * @param cause the I/O failure, or {@code null}
     * @param snapshot the message accumulated before the failure, or {@code null}
     * @param requestId the {@code request-id} response header when headers had arrived, or {@code null}
     * @param attempts how many HTTP attempts the call made
     */
    public ConnectionException(String message, Throwable cause, Message snapshot, String requestId, int attempts) {
        super(message, cause, snapshot, requestId, attempts);
    }

    /**
     * A connection failure with no snapshot, request id or attempts.
     *
     * @param message what failed, naming the endpoint
     * @param cause the I/O failure, or {@code null}
     */
    public ConnectionException(String message, Throwable cause) {
        this(message, cause, null, null, 0);
    }

    /** True: the retry policy retries connection failures. */
    @Override
    public boolean retryable() {
        return true;
    }
}
