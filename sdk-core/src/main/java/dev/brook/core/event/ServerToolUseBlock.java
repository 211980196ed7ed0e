package dev.brook.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code server_tool_use} block: a tool the API runs itself (such as {@code web_search}); its result
 * arrives as a {@link ServerToolResultBlock}.
 *
 * @param id the server tool use id
 * @param name the tool's name, such as {@code web_search}
 * @param input the tool's input (read-only)
 * @param unknownFields fields not modelled here, raw (unmodifiable; values read-only)
 */
public record ServerToolUseBlock(String id, String name, JsonNode input, Map<String, JsonNode> unknownFields)
        implements ContentBlock {

    /**
     * @param id the server tool use id
     * @param name the tool's name, such as {@code web_search}
     * @param input the tool's input (read-only)
     * @param unknownFields fields not modelled here, raw (unmodifiable; values read-only)
     * @throws NullPointerException if any argument is null
     */
    public ServerToolUseBlock {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
        unknownFields = ModelJson.freeze(unknownFields);
    }

    /** Always {@code server_tool_use}. */
    @Override
    public String type() {
        return "server_tool_use";
    }
}
