package dev.brook.core.event;

import dev.brook.core.json.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * An event of a kind this version does not know, kept raw whatever its data is; it changes nothing when
 * accumulated.
 *
 * <p>The Messages API may add event kinds at any time, and their data need not be JSON. So the data is
 * always kept as text in {@link #data()}, and also as a parsed value in {@link #raw()} when it is exactly
 * one JSON value. When it is not (empty, plain text, truncated JSON, a JSON value followed by more
 * content), {@code raw} is empty: that is how to tell that the data was not JSON.
 *
 * <p>The event parser gives an {@code UnknownEvent} for an SSE event name it does not know, and for an
 * event without a name (SSE type {@code message}) whose data is not JSON or whose JSON {@code type} it
 * does not know. A known event name with malformed data is never an {@code UnknownEvent}: that is a
 * {@link dev.brook.core.error.StreamProtocolException}.
 *
 * @param type the event's type name, never null: the SSE event name; when the stream had no event names,
 *     the JSON {@code type} field, or {@code "message"} when the data is not JSON or has no textual
 *     {@code type}
 * @param raw the data as a JSON value when it is exactly one JSON value; empty otherwise
 * @param data the data exactly as received, decoded from UTF-8 (each invalid sequence becomes U+FFFD),
 *     never null; {@code ""} when the event had no data
 */
public record UnknownEvent(String type, Optional<JsonValue> raw, String data) implements StreamEvent {
    /**
     * An unknown event with its data both as text and, when it is JSON, as a value.
     *
     * @param type the event's type name
     * @param raw the parsed data; empty when the data is not JSON
     * @param data the data as received
     * @throws NullPointerException if any argument is null
     */
    public UnknownEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(data, "data");
    }

    /**
     * An unknown event whose data is the JSON {@code raw}, for code that builds events by hand. The
     * {@link #data()} is {@code raw} written as compact JSON, so this equals a parsed event only when the
     * server sent its data compact.
     *
     * @param type the event's type name
     * @param raw the event data
     * @throws NullPointerException if any argument is null
     */
    public UnknownEvent(String type, JsonValue raw) {
        this(type, Optional.of(Objects.requireNonNull(raw, "raw")), raw.toJson());
    }
}
