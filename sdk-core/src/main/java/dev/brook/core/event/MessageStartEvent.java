package dev.brook.core.event;

import java.util.Objects;

/**
 * {@code message_start}: the initial message (no content yet, usually), the first event of a stream.
 *
 * @param message the initial message snapshot
 */
public record MessageStartEvent(Message message) implements StreamEvent {
    /**
     * @param message the initial message snapshot
     * @throws NullPointerException if {@code message} is null
     */
    public MessageStartEvent {
        Objects.requireNonNull(message, "message");
    }

    /** Always {@code message_start}. */
    @Override
    public String type() {
        return "message_start";
    }
}
