package dev.brook.core.event;

import java.util.Objects;

/**
 * {@code content_block_start}: a new content block opens at {@code index}, with its initial value.
 *
 * @param index the block's index in the message content (0, 1, 2, ... in order)
 * @param contentBlock the initial block, kept whole
 */
public record ContentBlockStartEvent(int index, ContentBlock contentBlock) implements StreamEvent {
    /**
     * @param index the block's index in the message content (0, 1, 2, ... in order)
     * @param contentBlock the initial block, kept whole
     * @throws NullPointerException if {@code contentBlock} is null
     */
    public ContentBlockStartEvent {
        Objects.requireNonNull(contentBlock, "contentBlock");
    }

    /** Always {@code content_block_start}. */
    @Override
    public String type() {
        return "content_block_start";
    }
}
