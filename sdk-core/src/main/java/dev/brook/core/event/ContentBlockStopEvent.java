package dev.brook.core.event;

/**
 * {@code content_block_stop}: the block at {@code index} is complete.
 *
 * @param index the block's index
 */
public record ContentBlockStopEvent(int index) implements StreamEvent {
    /** Always {@code content_block_stop}. */
    @Override
    public String type() {
        return "content_block_stop";
    }
}
