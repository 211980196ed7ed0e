package dev.brook.core.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.json.Json;
import java.io.IOException;
import java.util.Map;

/**
 * One block of a message's {@code content}: text, tool use, thinking, server tool use and results, or a
 * kind this version does not know ({@link UnknownBlock}, kept raw).
 *
 * <p>Every block keeps the fields it does not model in {@link #unknownFields()}, so
 * {@link #writeTo(JsonGenerator)} gives back the JSON tree the API sent. Implementations are immutable
 * records; the {@link JsonNode} values they hold are shared and must be treated as read-only.
 */
public sealed interface ContentBlock extends Json.JsonWritable
        permits TextBlock, ToolUseBlock, ServerToolUseBlock, ThinkingBlock, RedactedThinkingBlock,
        ServerToolResultBlock, UnknownBlock {

    /** {@return the block's JSON {@code type}, such as {@code text} or {@code tool_use}} */
    String type();

    /**
     * The fields of this block that its type does not model, by name, raw (unmodifiable; values
     * read-only). For an {@link UnknownBlock}: every field except {@code type}.
     *
     * @return the unmodelled fields by name, in order; empty when there are none
     */
    Map<String, JsonNode> unknownFields();

    /** Writes this block as one JSON object, equal as a tree to the one it was read from. */
    @Override
    default void writeTo(JsonGenerator generator) throws IOException {
        ModelJson.writeBlock(generator, this);
    }

    /** {@return this block as compact JSON} */
    default String toJson() {
        return Json.toJsonString(this);
    }

    /**
     * The block a JSON object describes. A known type whose required fields are missing or mistyped
     * becomes an {@link UnknownBlock} rather than an error, so nothing is lost. The node's values are
     * shared, not copied: the caller must not modify it afterwards.
     *
     * @param node a block object, as in a message's {@code content} array
     * @return the block, an {@link UnknownBlock} for a kind this version does not model
     * @throws IllegalArgumentException if {@code node} is not a JSON object
     */
    static ContentBlock fromJson(JsonNode node) {
        return ModelJson.readBlock(node);
    }
}
