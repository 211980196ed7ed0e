package dev.brook.core.event;

import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code thinking} block: the model's extended thinking, with the signature that lets it be sent back
 * in a later turn.
 *
 * @param thinking the thinking text; never null
 * @param signature the {@code signature} field, when the block has one
 * @param unknownFields fields not modelled here, raw (unmodifiable)
 */
public record ThinkingBlock(String thinking, Optional<String> signature, Map<String, JsonValue> unknownFields)
        implements ContentBlock {

    /**
     * @param thinking the thinking text; never null
     * @param signature the {@code signature} field, when the block has one
     * @param unknownFields fields not modelled here, raw (unmodifiable)
     * @throws NullPointerException if any argument is null
     */
    public ThinkingBlock {
        Objects.requireNonNull(thinking, "thinking");
        Objects.requireNonNull(signature, "signature");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /** Always {@code thinking}. */
    @Override
    public String type() {
        return "thinking";
    }
}
