package dev.brook.core.event;

import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code server_tool_use} block: a tool the API runs itself (such as {@code web_search}); its result
 * arrives as a {@link ServerToolResultBlock}.
 *
 * @param id the server tool use id
 * @param name the tool's name, such as {@code web_search}
 * @param input the tool's input
 * @param unknownFields fields not modelled here, raw (unmodifiable)
 */
public record ServerToolUseBlock(String id, String name, JsonValue input, Map<String, JsonValue> unknownFields)
        implements ContentBlock {

    /**
     * @param id the server tool use id
     * @param name the tool's name, such as {@code web_search}
     * @param input the tool's input
     * @param unknownFields fields not modelled here, raw (unmodifiable)
     * @throws NullPointerException if any argument is null
     */
    public ServerToolUseBlock {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /** Always {@code server_tool_use}. */
    @Override
    public String type() {
        return "server_tool_use";
    }
}
