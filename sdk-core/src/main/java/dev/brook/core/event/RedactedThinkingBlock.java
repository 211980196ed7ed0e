package dev.brook.core.event;

import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code redacted_thinking} block: encrypted thinking, to be sent back unchanged.
 *
 * @param data the encrypted data
 * @param unknownFields fields not modelled here, raw (unmodifiable)
 */
public record RedactedThinkingBlock(String data, Map<String, JsonValue> unknownFields) implements ContentBlock {

    /**
     * @param data the encrypted data
     * @param unknownFields fields not modelled here, raw (unmodifiable)
     * @throws NullPointerException if any argument is null
     */
    public RedactedThinkingBlock {
        Objects.requireNonNull(data, "data");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /** Always {@code redacted_thinking}. */
    @Override
    public String type() {
        return "redacted_thinking";
    }
}
