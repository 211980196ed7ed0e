package dev.brook.core.event;

import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a server tool: any block type ending in {@code _tool_result} that names a
 * {@code tool_use_id}, such as {@code web_search_tool_result} or {@code code_execution_tool_result}.
 * The result itself is kept raw, since its shape depends on the tool.
 *
 * @param type the block type, such as {@code web_search_tool_result}
 * @param toolUseId the id of the {@link ServerToolUseBlock} this answers
 * @param content the {@code content} field; empty when absent (then not written)
 * @param unknownFields other fields, such as {@code caller} (unmodifiable)
 */
public record ServerToolResultBlock(String type, String toolUseId, Optional<JsonValue> content,
                                    Map<String, JsonValue> unknownFields) implements ContentBlock {

    /**
     * @param type the block type, such as {@code web_search_tool_result}
     * @param toolUseId the id of the {@link ServerToolUseBlock} this answers
     * @param content the {@code content} field; empty when absent (then not written)
     * @param unknownFields other fields, such as {@code caller} (unmodifiable)
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
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }
}
