package dev.brook.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A block of a kind this version does not model (or a known kind whose required fields were missing),
 * kept whole so it survives into the final message and its JSON.
 *
 * @param type the block's {@code type} ({@code ""} when it had none)
 * @param raw the whole block object as received, {@code type} included (read-only)
 */
public record UnknownBlock(String type, ObjectNode raw) implements ContentBlock {

    /**
     * @param type the block's {@code type} ({@code ""} when it had none)
     * @param raw the whole block object as received, {@code type} included (read-only)
     * @throws NullPointerException if any argument is null
     */
    public UnknownBlock {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(raw, "raw");
    }

    /** Every field of {@link #raw()} except {@code type} (a new unmodifiable map; values read-only). */
    @Override
    public Map<String, JsonNode> unknownFields() {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : raw.properties()) {
            if (!e.getKey().equals("type")) {
                m.put(e.getKey(), e.getValue());
            }
        }
        return ModelJson.freeze(m);
    }
}
