package dev.brook.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code tool_use} block: the model asks the client to run a tool.
 *
 * @param id the tool use id, to quote in the {@code tool_result}
 * @param name the tool's name
 * @param input the tool's input, usually an object (read-only); after a stream cut by
 *     {@code max_tokens} it is the best-effort partial value
 * @param unknownFields fields not modelled here, raw, such as {@code caller} (unmodifiable; values
 *     read-only)
 */
public record ToolUseBlock(String id, String name, JsonNode input, Map<String, JsonNode> unknownFields)
        implements ContentBlock {

    /**
     * @param id the tool use id, to quote in the {@code tool_result}
     * @param name the tool's name
     * @param input the tool's input, usually an object (read-only); after a stream cut by
     *     {@code max_tokens} it is the best-effort partial value
     * @param unknownFields fields not modelled here, raw, such as {@code caller} (unmodifiable; values
     *     read-only)
     * @throws NullPointerException if any argument is null
     */
    public ToolUseBlock {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
        unknownFields = ModelJson.freeze(unknownFields);
    }

    /** Always {@code tool_use}. */
    @Override
    public String type() {
        return "tool_use";
    }
}
