package dev.brook.core.event;

/** {@code ping}: a keep-alive; changes nothing. */
public record PingEvent() implements StreamEvent {
    /** The one instance the parser hands out (any instance is equal to it). */
    public static final PingEvent INSTANCE = new PingEvent();

    /** Always {@code ping}. */
    @Override
    public String type() {
        return "ping";
    }
}
