package dev.brook.core.event;

import dev.brook.core.internal.JsonFields;
import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code bash_code_execution_tool_result} block: the outcome of a shell command the API ran in
 * its sandbox.
 *
 * <p>The result is kept as sent in {@link #content()}, so the block writes back unchanged; the typed
 * accessors read its documented fields, and read empty when a field is absent or has another type.
 *
 * @param toolUseId the id of the {@link ServerToolUseBlock} this answers
 * @param content the {@code content} field as sent: a {@code bash_code_execution_result} object, or an error object
 * @param unknownFields other fields, such as {@code caller} (unmodifiable)
 */
public record BashCodeExecutionToolResultBlock(String toolUseId, JsonValue content, Map<String, JsonValue> unknownFields)
        implements ContentBlock {
    /**
     * Checks the components.
     *
     * @param toolUseId the id of the {@link ServerToolUseBlock} this answers
     * @param content the {@code content} field as sent
     * @param unknownFields other fields (copied)
     * @throws NullPointerException if any argument is null
     */
    public BashCodeExecutionToolResultBlock {
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(content, "content");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /** Always {@code bash_code_execution_tool_result}. */
    @Override
    public String type() {
        return "bash_code_execution_tool_result";
    }

    /** {@return the error code, such as {@code unavailable}, when the tool failed; empty on success} */
    public Optional<String> errorCode() {
        return JsonFields.errorCode(content);
    }

    /** {@return what the command wrote to standard output, on success} */
    public Optional<String> stdout() {
        return JsonFields.string(content, "stdout");
    }

    /** {@return what the command wrote to standard error, on success} */
    public Optional<String> stderr() {
        return JsonFields.string(content, "stderr");
    }

    /** {@return the command's exit code, on success} */
    public OptionalInt returnCode() {
        return JsonFields.smallInteger(content, "return_code");
    }

    /** {@return the ids of the files the command created, in order} */
    public List<String> fileIds() {
        return JsonFields.strings(content, "file_id", "content");
    }
}
