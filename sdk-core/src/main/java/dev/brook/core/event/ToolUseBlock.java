package dev.brook.core.event;

import dev.brook.core.internal.JsonFields;
import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code tool_use} block: the model asks the client to run a tool.
 *
 * <p>A streamed block keeps the input's JSON text exactly as it arrived in {@link #inputJson()}, and
 * {@link #inputComplete()} says whether that text is one complete JSON value. It is not when the model
 * was cut off (stop reason {@code max_tokens}) or, with fine-grained tool streaming
 * ({@code eager_input_streaming}), when the model wrote invalid JSON: then {@link #input()} is the
 * best-effort partial value, and nothing throws. Equality compares every component, the text included.
 *
 * @param id the tool use id, to quote in the {@code tool_result}
 * @param name the tool's name
 * @param input the tool's input, usually an object; the best-effort partial value when
 *     {@code inputComplete} is false
 * @param unknownFields fields not modelled here, such as {@code caller} (unmodifiable)
 * @param inputJson the input's JSON text as received (for a block read whole, the compact JSON of
 *     {@code input})
 * @param inputComplete whether {@code inputJson} is one complete, valid JSON value
 */
public record ToolUseBlock(String id, String name, JsonValue input, Map<String, JsonValue> unknownFields,
                           String inputJson, boolean inputComplete) implements ContentBlock {

    /**
     * Checks the components.
     *
     * @param id the tool use id, to quote in the {@code tool_result}
     * @param name the tool's name
     * @param input the tool's input
     * @param unknownFields fields not modelled here (copied)
     * @param inputJson the input's JSON text as received
     * @param inputComplete whether {@code inputJson} is one complete JSON value
     * @throws NullPointerException if any argument is null
     */
    public ToolUseBlock {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
        unknownFields = JsonValueCodec.freeze(unknownFields);
        Objects.requireNonNull(inputJson, "inputJson");
    }

    /**
     * A complete tool use, as read from a whole message: its {@link #inputJson()} is the compact JSON of
     * {@code input}.
     *
     * @param id the tool use id
     * @param name the tool's name
     * @param input the tool's input
     * @param unknownFields fields not modelled here (copied)
     * @throws NullPointerException if any argument is null
     */
    public ToolUseBlock(String id, String name, JsonValue input, Map<String, JsonValue> unknownFields) {
        this(id, name, input, unknownFields, Objects.requireNonNull(input, "input").toJson(), true);
    }

    /** Always {@code tool_use}. */
    @Override
    public String type() {
        return "tool_use";
    }

    /**
     * {@return who called the tool: the {@code caller} object's {@code type}, such as {@code direct} (the
     * model) or a code execution tool's type when code called it; empty when the block has no caller}
     */
    public Optional<String> callerType() {
        return JsonFields.string(unknownFields.get("caller"), "type");
    }
}
