package dev.brook.core.event;

import dev.brook.core.internal.JsonFields;
import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code mcp_tool_result} block (beta, MCP connector): what a remote MCP server's tool returned.
 *
 * @param toolUseId the id of the {@link McpToolUseBlock} this answers
 * @param isError whether the tool reported an error
 * @param content the {@code content} field as sent: a string or an array of text blocks
 * @param unknownFields fields not modelled here (unmodifiable)
 */
public record McpToolResultBlock(String toolUseId, boolean isError, JsonValue content,
                                 Map<String, JsonValue> unknownFields) implements ContentBlock {
    /**
     * Checks the components.
     *
     * @param toolUseId the id of the {@link McpToolUseBlock} this answers
     * @param isError whether the tool reported an error
     * @param content the {@code content} field as sent
     * @param unknownFields fields not modelled here (copied)
     * @throws NullPointerException if any argument is null
     */
    public McpToolResultBlock {
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(content, "content");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /** Always {@code mcp_tool_result}. */
    @Override
    public String type() {
        return "mcp_tool_result";
    }

    /**
     * {@return the result's text: the content when it is a string, else the text of its {@code text}
     * blocks, concatenated in order}
     */
    public String text() {
        if (content instanceof JsonValue.JsonString s) {
            return s.value();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonValue block : JsonFields.array(content)) {
            if (JsonFields.string(block, "type").filter("text"::equals).isPresent()) {
                sb.append(JsonFields.string(block, "text").orElse(""));
            }
        }
        return sb.toString();
    }
}
