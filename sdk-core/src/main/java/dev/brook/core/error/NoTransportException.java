package dev.brook.core.error;

/**
 * No usable transport: none on the class path, or the one named by {@code brook.transport} /
 * {@code BROOK_TRANSPORT} / {@code Brook.builder().transport(String)} is not there. The message lists
 * what was found and which modules to add.
 */
public class NoTransportException extends BrookException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was looked for and found, and which transport modules to add
     */
    public NoTransportException(String message) {
        super(message);
    }
}
