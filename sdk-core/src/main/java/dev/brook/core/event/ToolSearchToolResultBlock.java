package dev.brook.core.event;

import dev.brook.core.internal.JsonFields;
import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code tool_search_tool_result} block: the tools a tool search found, to be loaded for the
 * model.
 *
 * <p>The result is kept as sent in {@link #content()}, so the block writes back unchanged; the typed
 * accessors read its documented fields, and read empty when a field is absent or has another type.
 *
 * @param toolUseId the id of the {@link ServerToolUseBlock} this answers
 * @param content the {@code content} field as sent: a {@code tool_search_tool_search_result} object, or an error object
 * @param unknownFields other fields, such as {@code caller} (unmodifiable)
 */
public record ToolSearchToolResultBlock(String toolUseId, JsonValue content, Map<String, JsonValue> unknownFields)
        implements ContentBlock {
    /**
     * Checks the components.
     *
     * @param toolUseId the id of the {@link ServerToolUseBlock} this answers
     * @param content the {@code content} field as sent
     * @param unknownFields other fields (copied)
     * @throws NullPointerException if any argument is null
     */
    public ToolSearchToolResultBlock {
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(content, "content");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /** Always {@code tool_search_tool_result}. */
    @Override
    public String type() {
        return "tool_search_tool_result";
    }

    /** {@return the error code, such as {@code unavailable}, when the tool failed; empty on success} */
    public Optional<String> errorCode() {
        return JsonFields.errorCode(content);
    }

    /** {@return the names of the tools found, in order; empty on error} */
    public List<String> toolNames() {
        return JsonFields.strings(content, "tool_name", "tool_references");
    }
}
