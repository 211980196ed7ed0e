package dev.brook.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code redacted_thinking} block: encrypted thinking, to be sent back unchanged.
 *
 * @param data the encrypted data
 * @param unknownFields fields not modelled here, raw (unmodifiable; values read-only)
 */
public record RedactedThinkingBlock(String data, Map<String, JsonNode> unknownFields) implements ContentBlock {

    /**
     * @param data the encrypted data
     * @param unknownFields fields not modelled here, raw (unmodifiable; values read-only)
     * @throws NullPointerException if any argument is null
     */
    public RedactedThinkingBlock {
        Objects.requireNonNull(data, "data");
        unknownFields = ModelJson.freeze(unknownFields);
    }

    /** Always {@code redacted_thinking}. */
    @Override
    public String type() {
        return "redacted_thinking";
    }
}
