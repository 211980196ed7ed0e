package dev.brook.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * The result of a server tool: any block type ending in {@code _tool_result} that names a
 * {@code tool_use_id}, such as {@code web_search_tool_result} or {@code code_execution_tool_result}.
 * The result itself is kept raw, since its shape depends on the tool.
 *
 * @param type the block type, such as {@code web_search_tool_result}
 * @param toolUseId the id of the {@link ServerToolUseBlock} this answers
 * @param content the {@code content} field, raw (read-only); a {@code MissingNode} when absent (then
 *     not written)
 * @param unknownFields other fields, raw, such as {@code caller} (unmodifiable; values read-only)
 */
public record ServerToolResultBlock(String type, String toolUseId, JsonNode content,
                                    Map<String, JsonNode> unknownFields) implements ContentBlock {

    /**
     * @param type the block type, such as {@code web_search_tool_result}
     * @param toolUseId the id of the {@link ServerToolUseBlock} this answers
     * @param content the {@code content} field, raw (read-only); a {@code MissingNode} when absent (then
     *     not written)
     * @param unknownFields other fields, raw, such as {@code caller} (unmodifiable; values read-only)
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if {@code type} does not end in {@code _tool_result}
     */
    public ServerToolResultBlock {
        Objects.requireNonNull(type, "type");
        if (!type.endsWith("_tool_result")) {
            throw new IllegalArgumentException("type must end in _tool_result: " + type);
        }
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(content, "content");
        unknownFields = ModelJson.freeze(unknownFields);
    }
}
