package dev.brook.core.event;

import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code message_delta}: top-level changes to the message near its end — the stop reason and its
 * details, the stop sequence, the container, any field this version does not know — the usage so far,
 * and what context management did ({@code context_management}, beside {@code delta}).
 *
 * <p>Accumulated field by field: each field of {@link #delta()} and of {@link #unknownFields()} is set
 * on the message, and each field of {@link #usage()} replaces the message's, except that a JSON
 * {@code null} never overwrites a value the message already has.
 *
 * @param delta every field of the event's {@code delta} object, in order (unmodifiable): presence
 *     matters, as only the fields present are applied
 * @param usage the event's {@code usage} ({@link Usage#EMPTY} when absent)
 * @param unknownFields the event's other top-level fields, such as {@code context_management}
 *     (unmodifiable)
 */
public record MessageDeltaEvent(Map<String, JsonValue> delta, Usage usage, Map<String, JsonValue> unknownFields)
        implements StreamEvent {
    /**
     * Checks and copies the components.
     *
     * @param delta every field of the event's {@code delta} object, in order
     * @param usage the event's {@code usage} ({@link Usage#EMPTY} when absent)
     * @param unknownFields the event's other top-level fields
     * @throws NullPointerException if any argument, name or value is null
     */
    public MessageDeltaEvent {
        delta = JsonValueCodec.freeze(delta);
        Objects.requireNonNull(usage, "usage");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /**
     * A delta without other top-level fields.
     *
     * @param delta every field of the event's {@code delta} object, in order
     * @param usage the event's {@code usage}
     * @throws NullPointerException if any argument, name or value is null
     */
    public MessageDeltaEvent(Map<String, JsonValue> delta, Usage usage) {
        this(delta, usage, Map.of());
    }

    /** {@return the {@code stop_details} of the delta, when present and an object} */
    public Optional<StopDetails> stopDetails() {
        JsonValue n = delta.get("stop_details");
        return n == null ? Optional.empty() : StopDetails.of(n);
    }

    /** {@return the event's {@code context_management} (the edits applied to the context), when present} */
    public Optional<JsonValue> contextManagement() {
        return Optional.ofNullable(unknownFields.get("context_management")).filter(v -> !v.isNull());
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
