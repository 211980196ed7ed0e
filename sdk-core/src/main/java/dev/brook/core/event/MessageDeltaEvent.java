package dev.brook.core.event;

import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code message_delta}: top-level changes to the message near its end — the stop reason, the stop
 * sequence, any field this version does not know — and the usage so far.
 *
 * <p>Each field of {@link #delta()} is copied onto the message, nulls included; each non-null field of
 * {@link #usage()} replaces the message's.
 *
 * @param delta every field of the event's {@code delta} object, raw, in order (unmodifiable):
 *     presence matters, as only the fields present are copied
 * @param usage the event's {@code usage} ({@link Usage#EMPTY} when absent)
 */
public record MessageDeltaEvent(Map<String, JsonValue> delta, Usage usage) implements StreamEvent {
    /**
     * @param delta every field of the event's {@code delta} object, raw, in order (unmodifiable):
     *     presence matters, as only the fields present are copied
     * @param usage the event's {@code usage} ({@link Usage#EMPTY} when absent)
     * @throws NullPointerException if any argument, name or value is null
     */
    public MessageDeltaEvent {
        delta = JsonValueCodec.freeze(delta);
        Objects.requireNonNull(usage, "usage");
    }

    /**
     * The {@code stop_reason} of the delta, when present and a string.
     *
     * @return the stop reason; empty when the delta has no textual {@code stop_reason}
     */
    public Optional<StopReason> stopReason() {
        JsonValue n = delta.get("stop_reason");
        return n == null ? Optional.empty() : n.asString().map(StopReason::of);
    }

    /**
     * The {@code stop_sequence} of the delta, when present and a string.
     *
     * @return the stop sequence; empty when the delta has no textual {@code stop_sequence}
     */
    public Optional<String> stopSequence() {
        JsonValue n = delta.get("stop_sequence");
        return n == null ? Optional.empty() : n.asString();
    }

    /** Always {@code message_delta}. */
    @Override
    public String type() {
        return "message_delta";
    }
}
