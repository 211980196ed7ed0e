package dev.brook.core.event;

import dev.brook.core.internal.JsonFields;
import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code text_editor_code_execution_tool_result} block: the outcome of a file view, create or
 * string replacement the API ran in its sandbox.
 *
 * <p>The result is kept as sent in {@link #content()}, so the block writes back unchanged; the typed
 * accessors read its documented fields, and read empty when a field is absent or has another type.
 *
 * @param toolUseId the id of the {@link ServerToolUseBlock} this answers
 * @param content the {@code content} field as sent: a {@code text_editor_code_execution_view_result}, {@code _create_result} or
 *     {@code _str_replace_result} object, or an error object
 * @param unknownFields other fields, such as {@code caller} (unmodifiable)
 */
public record TextEditorCodeExecutionToolResultBlock(String toolUseId, JsonValue content, Map<String, JsonValue> unknownFields)
        implements ContentBlock {
    /**
     * Checks the components.
     *
     * @param toolUseId the id of the {@link ServerToolUseBlock} this answers
     * @param content the {@code content} field as sent
     * @param unknownFields other fields (copied)
     * @throws NullPointerException if any argument is null
     */
    public TextEditorCodeExecutionToolResultBlock {
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(content, "content");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /** Always {@code text_editor_code_execution_tool_result}. */
    @Override
    public String type() {
        return "text_editor_code_execution_tool_result";
    }

    /** {@return the error code, such as {@code unavailable}, when the tool failed; empty on success} */
    public Optional<String> errorCode() {
        return JsonFields.errorCode(content);
    }

    /**
     * {@return which operation this answers: {@code text_editor_code_execution_view_result},
     * {@code text_editor_code_execution_create_result}, {@code text_editor_code_execution_str_replace_result}
     * or the error type}
     */
    public String resultType() {
        return JsonFields.string(content, "type").orElse("");
    }

    /** {@return the file's text, for a view} */
    public Optional<String> fileContent() {
        return JsonFields.string(content, "content");
    }

    /** {@return the number of lines shown, for a view} */
    public OptionalInt numLines() {
        return JsonFields.smallInteger(content, "num_lines");
    }

    /** {@return the first line shown, from 1, for a view} */
    public OptionalInt startLine() {
        return JsonFields.smallInteger(content, "start_line");
    }

    /** {@return the file's number of lines, for a view} */
    public OptionalInt totalLines() {
        return JsonFields.smallInteger(content, "total_lines");
    }

    /** {@return whether an existing file was overwritten, for a create} */
    public Optional<Boolean> isFileUpdate() {
        return JsonFields.bool(content, "is_file_update");
    }

    /** {@return the error's message, when the tool failed and said why} */
    public Optional<String> errorMessage() {
        return errorCode().isPresent() ? JsonFields.string(content, "error_message") : Optional.empty();
    }
}
