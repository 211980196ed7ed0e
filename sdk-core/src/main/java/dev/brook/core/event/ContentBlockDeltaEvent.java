package dev.brook.core.event;

import java.util.Objects;

/**
 * {@code content_block_delta}: a piece of the open block at {@code index}.
 *
 * @param index the block's index
 * @param delta the piece
 */
public record ContentBlockDeltaEvent(int index, Delta delta) implements StreamEvent {
    /**
     * @param index the block's index
     * @param delta the piece
     * @throws NullPointerException if {@code delta} is null
     */
    public ContentBlockDeltaEvent {
        Objects.requireNonNull(delta, "delta");
    }

    /** Always {@code content_block_delta}. */
    @Override
    public String type() {
        return "content_block_delta";
    }
}
