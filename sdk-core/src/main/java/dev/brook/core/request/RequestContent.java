package dev.brook.core.request;

import dev.brook.core.client.Brook;
import dev.brook.core.json.JsonValue;

/**
 * One content block of a {@link MessageParam}: what the caller sends in a turn of the conversation.
 *
 * <p>The kinds Brook models are {@link TextContent}, {@link ImageContent}, {@link DocumentContent},
 * {@link ToolUseContent}, {@link ToolResult}, {@link ThinkingContent} and {@link RedactedThinkingContent};
 * any other block the API accepts is sent as a {@link RawContent}. Every implementation is immutable
 * and thread-safe.
 */
public sealed interface RequestContent
        permits TextContent, ImageContent, DocumentContent, ToolUseContent, ToolResult, ThinkingContent,
                RedactedThinkingContent, RawContent {

    /** {@return the block's {@code type} as sent, e.g. {@code "text"} or {@code "tool_result"}} */
    String type();

    /**
     * A text block: same as {@link TextContent#of(String)}.
     *
     * @param text the text
     * @return the block
     */
    static TextContent text(String text) {
        return TextContent.of(text);
    }

    /**
     * A block given as its JSON object, sent as is: same as {@link RawContent#of(JsonValue)}.
     *
     * @param json the block object (copied)
     * @return the block
     * @throws IllegalArgumentException if {@code json} is not an object with a string {@code type}
     */
    static RawContent raw(JsonValue json) {
        return RawContent.of(json);
    }

    /**
     * A block given as JSON text, sent as is: same as {@link RawContent#parse(String)}.
     *
     * @param json the block object, as JSON text
     * @return the block
     * @throws IllegalArgumentException if {@code json} is not valid JSON, or not an object with a
     *     string {@code type}
     */
    static RawContent raw(String json) {
        return RawContent.parse(json);
    }
}
