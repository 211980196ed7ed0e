package dev.brook.core.error;

import dev.brook.core.event.Message;

/**
 * The HTTP connection failed: refused, reset, DNS or TLS failure, or broken while the body streamed.
 * When it broke mid-stream, {@link #snapshot()} holds what arrived before.
 */
public class ConnectionException extends BrookException {
    private static final long serialVersionUID = 1L;

    public ConnectionException(String message, Throwable cause, Message snapshot) {
        super(message, cause, snapshot);
    }

    public ConnectionException(String message, Throwable cause) {
        super(message, cause, null);
    }
}
