package dev.brook.core.request;

import java.util.Objects;

/**
 * A {@code thinking} block sent back in an assistant turn, unchanged, with its signature:
 * {@code {"type":"thinking","thinking":...,"signature":...}}. The API checks the signature, so both
 * values must be exactly those the model produced.
 *
 * <p>Immutable and thread-safe.
 *
 * @param thinking the thinking text
 * @param signature the signature the API gave with it
 */
public record ThinkingContent(String thinking, String signature) implements RequestContent {
    /**
     * Checks the components are not null.
     *
     * @param thinking the thinking text
     * @param signature the signature the API gave with it
     */
    public ThinkingContent {
        Objects.requireNonNull(thinking, "thinking");
        Objects.requireNonNull(signature, "signature");
    }

    @Override
    public String type() {
        return "thinking";
    }

    /** Lengths only: thinking can be long. */
    @Override
    public String toString() {
        return "ThinkingContent[thinking=" + thinking.length() + " chars, signature=" + signature.length() + " chars]";
    }
}
