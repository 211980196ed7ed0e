package dev.brook.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * An event of a kind this version does not know, kept raw; it changes nothing when accumulated.
 *
 * @param type the event's type name (the SSE event name, or the JSON {@code type} when the stream had
 *     no event names)
 * @param raw the event data as received (read-only)
 */
public record UnknownEvent(String type, JsonNode raw) implements StreamEvent {
    /** @throws NullPointerException if any argument is null */
    public UnknownEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(raw, "raw");
    }
}
