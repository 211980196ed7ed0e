package dev.brook.core.event;

import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.internal.ModelJson;
import dev.brook.core.json.JsonValue;
import java.util.Map;

/**
 * One block of a message's {@code content}: text, tool use, thinking, server tool use and its typed
 * results (web search and fetch, code execution, bash, text editor, tool search; other
 * {@code *_tool_result} kinds as {@link ServerToolResultBlock}), MCP tool use and result, container
 * uploads, compaction and fallback, or a kind this version does not know ({@link UnknownBlock}, kept
 * raw).
 *
 * <p>Every block keeps the fields it does not model in {@link #unknownFields()}, so {@link #toJson()}
 * gives back the JSON the API sent. Implementations are immutable records.
 */
public sealed interface ContentBlock
        permits TextBlock, ToolUseBlock, ServerToolUseBlock, ThinkingBlock, RedactedThinkingBlock,
        WebSearchToolResultBlock, WebFetchToolResultBlock, ExecutionResultBlock,
        TextEditorCodeExecutionToolResultBlock, ToolSearchToolResultBlock, ServerToolResultBlock, McpToolUseBlock, McpToolResultBlock, ContainerUploadBlock, CompactionBlock,
        FallbackBlock, UnknownBlock {
    /** {@return the block's JSON {@code type}, such as {@code text} or {@code tool_use}} */
    String type();

    /**
     * The fields of this block that its type does not model, by name (unmodifiable). For an
     * {@link UnknownBlock}: every field except {@code type}.
     *
     * @return the unmodelled fields by name, in order; empty when there are none
     */
    Map<String, JsonValue> unknownFields();

    /** {@return this block as compact JSON, equal as JSON to the object it was read from} */
    default String toJson() {
        return ModelJson.blockJson(this);
    }

    /** {@return this block as a JSON value, equal to the object it was read from} */
    default JsonValue.JsonObject toJsonValue() {
        return (JsonValue.JsonObject) JsonValue.parse(toJson());
    }

    /**
     * The block a JSON object describes. A known type whose required fields are missing or mistyped
     * becomes an {@link UnknownBlock} rather than an error, so nothing is lost.
     *
     * @param json a block object, as in a message's {@code content} array
     * @return the block, an {@link UnknownBlock} for a kind this version does not model
     * @throws IllegalArgumentException if {@code json} is not one JSON object
     */
    static ContentBlock fromJson(JsonValue json) {
        return ModelJson.readBlock(JsonValueCodec.toTree(json));
    }
}
