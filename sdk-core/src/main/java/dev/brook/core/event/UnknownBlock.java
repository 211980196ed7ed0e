package dev.brook.core.event;

import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A block of a kind this version does not model (or a known kind whose required fields were missing),
 * kept whole so it survives into the final message and its JSON.
 *
 * @param type the block's {@code type} ({@code ""} when it had none)
 * @param raw the whole block object as received, {@code type} included (unmodifiable)
 */
public record UnknownBlock(String type, JsonValue.JsonObject raw) implements ContentBlock {

    /**
     * @param type the block's {@code type} ({@code ""} when it had none)
     * @param raw the whole block object as received, {@code type} included (unmodifiable)
     * @throws NullPointerException if any argument is null
     */
    public UnknownBlock {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(raw, "raw");
    }

    /** Every field of {@link #raw()} except {@code type} (a new unmodifiable map). */
    @Override
    public Map<String, JsonValue> unknownFields() {
        Map<String, JsonValue> m = new LinkedHashMap<>(raw.members());
        m.remove("type");
        return JsonValueCodec.freeze(m);
    }
}
