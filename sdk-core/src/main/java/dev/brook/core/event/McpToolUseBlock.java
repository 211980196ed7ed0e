package dev.brook.core.event;

import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code mcp_tool_use} block (beta, MCP connector): the model calls a tool of a remote MCP server
 * that the API reaches itself; its answer arrives as an {@link McpToolResultBlock}. The input streams as
 * {@code input_json_delta} fragments, as for {@link ToolUseBlock}.
 *
 * @param id the tool use id
 * @param name the tool's name
 * @param serverName the name of the MCP server the tool belongs to, as the request named it
 * @param input the tool's input, usually an object; after a stream cut by {@code max_tokens} it is the
 *     best-effort partial value
 * @param unknownFields fields not modelled here (unmodifiable)
 */
public record McpToolUseBlock(String id, String name, String serverName, JsonValue input,
                              Map<String, JsonValue> unknownFields) implements ContentBlock {
    /**
     * Checks the components.
     *
     * @param id the tool use id
     * @param name the tool's name
     * @param serverName the MCP server's name
     * @param input the tool's input
     * @param unknownFields fields not modelled here (copied)
     * @throws NullPointerException if any argument is null
     */
    public McpToolUseBlock {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(input, "input");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /** Always {@code mcp_tool_use}. */
    @Override
    public String type() {
        return "mcp_tool_use";
    }
}
