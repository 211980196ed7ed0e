package dev.brook.core.request;

import java.util.Objects;

/**
 * A {@code redacted_thinking} block sent back in an assistant turn, unchanged:
 * {@code {"type":"redacted_thinking","data":...}}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param data the encrypted data the API gave
 */
public record RedactedThinkingContent(String data) implements RequestContent {
    /**
     * Checks the data is not null.
     *
     * @param data the encrypted data the API gave
     */
    public RedactedThinkingContent {
        Objects.requireNonNull(data, "data");
    }

    @Override
    public String type() {
        return "redacted_thinking";
    }

    /** Length only. */
    @Override
    public String toString() {
        return "RedactedThinkingContent[data=" + data.length() + " chars]";
    }
}
