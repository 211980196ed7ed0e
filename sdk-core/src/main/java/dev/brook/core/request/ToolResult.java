package dev.brook.core.request;

import dev.brook.core.internal.ClientJson;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code tool_result} block: the answer to one {@code tool_use}, sent in the next user turn.
 * {@code {"type":"tool_result","tool_use_id":...,"content":...,"is_error":true}}, where {@code content}
 * is a string or a list of text, image or document blocks, and {@code is_error} is sent only when set.
 *
 * <pre>{@code
 * MessageParam results = MessageParam.user(List.of(
 *         ToolResult.of(weatherCall.id(), "15°C, light rain"),
 *         ToolResult.error(stockCall.id(), "market closed")));
 * }</pre>
 *
 * <p>Immutable and thread-safe; the {@code with…} methods return changed copies.
 */
public final class ToolResult implements RequestContent {
    private final String toolUseId;
    private final String text;
    private final List<RequestContent> blocks;
    private final boolean error;
    private final CacheControl cacheControl;

    private ToolResult(String toolUseId, String text, List<RequestContent> blocks, boolean error,
                       CacheControl cacheControl) {
        this.toolUseId = toolUseId;
        this.text = text;
        this.blocks = blocks;
        this.error = error;
        this.cacheControl = cacheControl;
    }

    /**
     * A result whose content is a string.
     *
     * @param toolUseId the {@code id} of the {@code tool_use} block answered
     * @param content the tool's result, as text
     * @return the block
     * @throws IllegalArgumentException if {@code toolUseId} is blank
     */
    public static ToolResult of(String toolUseId, String content) {
        return new ToolResult(checkId(toolUseId), Objects.requireNonNull(content, "content"), null, false, null);
    }

    /**
     * A result whose content is a list of blocks (the list is copied).
     *
     * @param toolUseId the {@code id} of the {@code tool_use} block answered
     * @param content text, image, document or raw blocks; may be empty
     * @return the block
     * @throws IllegalArgumentException if {@code toolUseId} is blank, or a block is a tool use, tool result
     *     or thinking block, which a tool result cannot hold
     */
    public static ToolResult of(String toolUseId, List<? extends RequestContent> content) {
        Objects.requireNonNull(content, "content");
        List<RequestContent> copy = List.copyOf(content);
        for (RequestContent block : copy) {
            if (!(block instanceof TextContent || block instanceof ImageContent
                    || block instanceof DocumentContent || block instanceof RawContent)) {
                throw new IllegalArgumentException("a tool_result cannot hold a " + block.type()
                        + " block; use text, image, document or raw blocks");
            }
        }
        return new ToolResult(checkId(toolUseId), null, copy, false, null);
    }

    /**
     * A result whose content is the given blocks.
     *
     * @param toolUseId the {@code id} of the {@code tool_use} block answered
     * @param content text, image, document or raw blocks; may be none
     * @return the block
     * @throws IllegalArgumentException as {@link #of(String, List)}
     * @see #of(String, List)
     */
    public static ToolResult of(String toolUseId, RequestContent... content) {
        return of(toolUseId, Arrays.asList(Objects.requireNonNull(content, "content")));
    }

    /**
     * A failed tool call: {@code content} says what went wrong, and {@code is_error} is {@code true}.
     *
     * @param toolUseId the {@code id} of the {@code tool_use} block answered
     * @param message what went wrong, sent as the content
     * @return the block
     * @throws IllegalArgumentException if {@code toolUseId} is blank
     */
    public static ToolResult error(String toolUseId, String message) {
        return of(toolUseId, message).withError(true);
    }

    /**
     * A copy with {@code is_error} set; {@code false} (the default) is not sent.
     *
     * @param isError whether the tool call failed
     * @return the changed copy
     */
    public ToolResult withError(boolean isError) {
        return new ToolResult(toolUseId, text, blocks, isError, cacheControl);
    }

    /**
     * A copy with the given prompt-caching breakpoint.
     *
     * @param cacheControl the breakpoint
     * @return the changed copy
     */
    public ToolResult withCacheControl(CacheControl cacheControl) {
        return new ToolResult(toolUseId, text, blocks, error,
                Objects.requireNonNull(cacheControl, "cacheControl"));
    }

    @Override
    public String type() {
        return "tool_result";
    }

    /** {@return the {@code id} of the {@code tool_use} block answered} */
    public String toolUseId() {
        return toolUseId;
    }

    /** {@return the content, when given as a string} */
    public Optional<String> contentText() {
        return Optional.ofNullable(text);
    }

    /** {@return the content blocks (unmodifiable), when given as blocks; empty otherwise} */
    public List<RequestContent> contentBlocks() {
        return blocks == null ? List.of() : blocks;
    }

    /** {@return whether the tool call failed ({@code is_error}); default {@code false}} */
    public boolean isError() {
        return error;
    }

    /** {@return the prompt-caching breakpoint, if set} */
    public Optional<CacheControl> cacheControl() {
        return Optional.ofNullable(cacheControl);
    }

    boolean hasTextContent() {
        return text != null;
    }

    private static String checkId(String toolUseId) {
        Objects.requireNonNull(toolUseId, "toolUseId");
        if (toolUseId.isBlank()) {
            throw new IllegalArgumentException("toolUseId is blank; pass the id of the tool_use block answered");
        }
        return toolUseId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ToolResult r && toolUseId.equals(r.toolUseId) && Objects.equals(text, r.text)
                && Objects.equals(blocks, r.blocks) && error == r.error
                && Objects.equals(cacheControl, r.cacheControl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(toolUseId, text, blocks, error, cacheControl);
    }

    /** The id, an abbreviated content and the flags. */
    @Override
    public String toString() {
        return "ToolResult{toolUseId=" + toolUseId
                + (text != null ? ", content=" + ClientJson.abbreviate(text, 60) : ", content=" + blocks.size() + " blocks")
                + (error ? ", isError" : "") + (cacheControl == null ? "" : ", " + cacheControl) + '}';
    }
}
