package dev.brook.core.event;

/**
 * One event of a Messages API stream, parsed from its SSE event. Kinds this
 * version does not know arrive as {@link UnknownEvent}, kept raw.
 *
 * <p>Implementations are immutable records.
 */
public sealed interface StreamEvent
        permits MessageStartEvent, ContentBlockStartEvent, ContentBlockDeltaEvent, ContentBlockStopEvent,
        MessageDeltaEvent, MessageStopEvent, PingEvent, ErrorEvent, UnknownEvent {

    /** {@return the event's type name, as in the SSE {@code event:} field and the JSON {@code type} field} */
    String type();
}
