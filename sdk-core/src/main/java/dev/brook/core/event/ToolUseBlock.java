package dev.brook.core.event;

import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code tool_use} block: the model asks the client to run a tool.
 *
 * @param id the tool use id, to quote in the {@code tool_result}
 * @param name the tool's name
 * @param input the tool's input, usually an object; after a stream cut by
 *     {@code max_tokens} it is the best-effort partial value
 * @param unknownFields fields not modelled here, raw, such as {@code caller} (unmodifiable)
 */
public record ToolUseBlock(String id, String name, JsonValue input, Map<String, JsonValue> unknownFields)
        implements ContentBlock {

    /**
     * @param id the tool use id, to quote in the {@code tool_result}
     * @param name the tool's name
     * @param input the tool's input, usually an object; after a stream cut by
     *     {@code max_tokens} it is the best-effort partial value
     * @param unknownFields fields not modelled here, raw, such as {@code caller} (unmodifiable)
     * @throws NullPointerException if any argument is null
     */
    public ToolUseBlock {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /** Always {@code tool_use}. */
    @Override
    public String type() {
        return "tool_use";
    }
}
