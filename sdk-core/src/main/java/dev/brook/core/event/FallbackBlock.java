package dev.brook.core.event;

import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code fallback} block (beta): the API stopped the model that started the reply and continues it
 * with another; the blocks after this one come from {@link #model()}, and the accumulated message's
 * {@link Message#model()} becomes that model.
 *
 * @param model the model the reply continues with, from the block's {@code model} field
 * @param unknownFields fields not modelled here, such as why the API fell back (unmodifiable)
 */
public record FallbackBlock(String model, Map<String, JsonValue> unknownFields) implements ContentBlock {
    /**
     * Checks the components.
     *
     * @param model the model the reply continues with
     * @param unknownFields fields not modelled here (copied)
     * @throws NullPointerException if any argument is null
     */
    public FallbackBlock {
        Objects.requireNonNull(model, "model");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /** Always {@code fallback}. */
    @Override
    public String type() {
        return "fallback";
    }
}
