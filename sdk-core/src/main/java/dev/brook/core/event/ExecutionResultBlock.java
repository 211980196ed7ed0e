package dev.brook.core.event;

import dev.brook.core.internal.JsonFields;
import dev.brook.core.json.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The result of a program the API ran in its sandbox, in Python ({@link CodeExecutionToolResultBlock})
 * or in a shell ({@link BashCodeExecutionToolResultBlock}): its output, exit code and created files, or
 * the error that stopped it. The accessors read the block's {@code content} as sent, and read empty
 * when a field is absent or has another type.
 */
public sealed interface ExecutionResultBlock extends ContentBlock
        permits CodeExecutionToolResultBlock, BashCodeExecutionToolResultBlock {
    /** {@return the id of the {@link ServerToolUseBlock} this answers} */
    String toolUseId();

    /** {@return the {@code content} field as sent: the result object, or an error object} */
    JsonValue content();

    /** {@return the error code, such as {@code execution_time_exceeded}, when the run failed; empty on success} */
    default Optional<String> errorCode() {
        return JsonFields.errorCode(content());
    }

    /** {@return what the program wrote to standard output, on success} */
    default Optional<String> stdout() {
        return JsonFields.string(content(), "stdout");
    }

    /** {@return what the program wrote to standard error, on success} */
    default Optional<String> stderr() {
        return JsonFields.string(content(), "stderr");
    }

    /** {@return the program's exit code, on success} */
    default OptionalInt returnCode() {
        return JsonFields.smallInteger(content(), "return_code");
    }

    /** {@return the ids of the files the program created, in order} */
    default List<String> fileIds() {
        return JsonFields.strings(content(), "file_id", "content");
    }
}
