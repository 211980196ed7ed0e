package dev.brook.core.event;

/** {@code message_stop}: the message is complete; the last event of a well-formed stream. */
public record MessageStopEvent() implements StreamEvent {
    /** The one instance the parser hands out (any instance is equal to it). */
    public static final MessageStopEvent INSTANCE = new MessageStopEvent();

    /** Always {@code message_stop}. */
    @Override
    public String type() {
        return "message_stop";
    }
}
