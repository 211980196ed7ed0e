package dev.brook.core.request;

import dev.brook.core.internal.ClientJson;
import dev.brook.core.json.JsonValue;
import java.util.Objects;

/**
 * A {@code tool_use} block, sent back in an assistant turn:
 * {@code {"type":"tool_use","id":...,"name":...,"input":{...}}}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the tool use id the model gave, e.g. {@code toolu_01A...}
 * @param name the tool's name
 * @param input the tool's input, a JSON object
 */
public record ToolUseContent(String id, String name, JsonValue input) implements RequestContent {
    /**
     * Checks and copies the components.
     *
     * @param id the tool use id the model gave, e.g. {@code toolu_01A...}
     * @param name the tool's name
     * @param input the tool's input, a JSON object
     * @throws IllegalArgumentException if {@code id} or {@code name} is blank, or {@code input} is not a
     *     JSON object
     */
    public ToolUseContent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.isBlank()) {
            throw new IllegalArgumentException("tool_use id is blank");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("tool_use name is blank");
        }
        input = ClientJson.requireObject(input, "tool_use input");
    }

    /**
     * A tool use whose input is given as JSON text.
     *
     * @param id the tool use id the model gave
     * @param name the tool's name
     * @param inputJson the tool's input, a JSON object, as text
     * @return the block
     * @throws IllegalArgumentException if {@code inputJson} is not a JSON object
     */
    public static ToolUseContent of(String id, String name, String inputJson) {
        return new ToolUseContent(id, name, ClientJson.parseObject(inputJson, "tool_use input"));
    }

    @Override
    public String type() {
        return "tool_use";
    }


}
