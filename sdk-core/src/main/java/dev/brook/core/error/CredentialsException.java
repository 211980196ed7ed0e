package dev.brook.core.error;

/**
 * A backend could not get the credentials a request needs (no AWS credentials to sign with, a Google
 * token that cannot be refreshed, a token supplier that failed), so nothing was sent. The message names
 * what is missing and how to provide it, never a secret. Not retried: the fix is configuration.
 */
public class CredentialsException extends BrookException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is missing and how to provide it
     * @param cause the credential provider's failure, or {@code null}
     */
    public CredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
