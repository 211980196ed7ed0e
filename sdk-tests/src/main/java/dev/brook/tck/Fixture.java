package dev.brook.tck;

import dev.brook.core.json.JsonValue;

/**
 * One Messages API stream of {@code fixtures/manifest.json} with what a correct client does with it.
 * Immutable; the stream array must not be modified.
 *
 * @param name the fixture's {@code name} in the manifest, such as {@code text-basic}
 * @param stream the raw SSE body
 * @param outcome what the stream ends in
 * @param expectedMessage the final message ({@code complete}) or the snapshot when the error surfaced
 *     ({@code stream_error}, {@code incomplete}); {@code null} for {@code protocol}
 * @param text the concatenated text of all text blocks, or {@code null} for {@code protocol}
 * @param errorType the error event's type, for {@code stream_error}
 */
public record Fixture(String name, byte[] stream, Outcome outcome, JsonValue expectedMessage, String text,
        String errorType) {

    /** What the stream ends in. */
    public enum Outcome {
        /** The stream ends with {@code message_stop}: the client returns the final message. */
        COMPLETE,
        /** The server sends an {@code event: error}: the client throws {@code StreamErrorException}. */
        STREAM_ERROR,
        /** The body ends before {@code message_stop}: the client throws {@code IncompleteStreamException}. */
        INCOMPLETE,
        /** The stream breaks the protocol: the client throws {@code StreamProtocolException}. */
        PROTOCOL
    }

    @Override
    public String toString() {
        return name;
    }
}
