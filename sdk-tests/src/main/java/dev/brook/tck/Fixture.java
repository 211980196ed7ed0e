package dev.brook.tck;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Messages API stream of {@code fixtures/manifest.json} with what a correct client does with it.
 * Immutable; the stream array must not be modified.
 *
 * @param stream the raw SSE body
 * @param expectedMessage the final message ({@code complete}) or the snapshot when the error surfaced
 *     ({@code stream_error}, {@code incomplete}); {@code null} for {@code protocol}
 * @param text the concatenated text of all text blocks, or {@code null} for {@code protocol}
 * @param errorType the error event's type, for {@code stream_error}
 */
public record Fixture(String name, byte[] stream, Outcome outcome, JsonNode expectedMessage, String text,
        String errorType) {

    /** What the stream ends in. */
    public enum Outcome {
        COMPLETE,
        STREAM_ERROR,
        INCOMPLETE,
        PROTOCOL
    }

    @Override
    public String toString() {
        return name;
    }
}
