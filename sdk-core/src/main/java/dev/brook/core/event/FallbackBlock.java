package dev.brook.core.event;

import dev.brook.core.internal.JsonFields;
import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code fallback} block (beta, server-side fallback): the point in {@code content} where one model's
 * output gives way to the next, after the first declined (a refusal). The blocks after it come from
 * {@link #toModel()}, and the accumulated message's {@link Message#model()} becomes that model. It
 * arrives whole (start and stop, no deltas); send it back in its place with the rest of the turn.
 *
 * @param from the {@code from} object as sent: the model whose output ends here
 * @param to the {@code to} object as sent: the model whose output follows
 * @param unknownFields other fields, such as {@code trigger} (unmodifiable)
 */
public record FallbackBlock(JsonValue from, JsonValue to, Map<String, JsonValue> unknownFields)
        implements ContentBlock {
    /**
     * Checks the components.
     *
     * @param from the {@code from} object as sent
     * @param to the {@code to} object as sent
     * @param unknownFields other fields (copied)
     * @throws NullPointerException if any argument is null
     */
    public FallbackBlock {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /** Always {@code fallback}. */
    @Override
    public String type() {
        return "fallback";
    }

    /** {@return the model that declined at this point ({@code from.model}; {@code ""} when absent)} */
    public String fromModel() {
        return JsonFields.string(from, "model").orElse("");
    }

    /** {@return the model whose output follows ({@code to.model}; {@code ""} when absent)} */
    public String toModel() {
        return JsonFields.string(to, "model").orElse("");
    }

    /** {@return the policy category of the refusal that caused the hand-over ({@code trigger.category})} */
    public Optional<String> triggerCategory() {
        return JsonFields.string(unknownFields.get("trigger"), "category");
    }
}
