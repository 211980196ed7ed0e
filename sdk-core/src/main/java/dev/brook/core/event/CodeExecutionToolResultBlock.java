package dev.brook.core.event;

import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code code_execution_tool_result} block: the outcome of code the API ran in its sandbox.
 *
 * <p>The result is kept as sent in {@link #content()}, so the block writes back unchanged; the typed
 * accessors read its documented fields, and read empty when a field is absent or has another type.
 *
 * @param toolUseId the id of the {@link ServerToolUseBlock} this answers
 * @param content the {@code content} field as sent: a {@code code_execution_result} object, or an error object
 * @param unknownFields other fields, such as {@code caller} (unmodifiable)
 */
public record CodeExecutionToolResultBlock(String toolUseId, JsonValue content, Map<String, JsonValue> unknownFields)
        implements ExecutionResultBlock {
    /**
     * Checks the components.
     *
     * @param toolUseId the id of the {@link ServerToolUseBlock} this answers
     * @param content the {@code content} field as sent
     * @param unknownFields other fields (copied)
     * @throws NullPointerException if any argument is null
     */
    public CodeExecutionToolResultBlock {
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(content, "content");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /** Always {@code code_execution_tool_result}. */
    @Override
    public String type() {
        return "code_execution_tool_result";
    }
}
