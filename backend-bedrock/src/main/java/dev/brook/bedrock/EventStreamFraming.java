package dev.brook.bedrock;

import dev.brook.core.backend.EventSink;
import dev.brook.core.backend.FrameDecoder;
import dev.brook.core.backend.ResponseFraming;

/**
 * Bedrock's streamed replies: AWS event-stream frames ({@code application/vnd.amazon.eventstream}), each
 * {@code chunk} event carrying one Messages API event as base64 JSON. See {@link EventStreamDecoder}.
 */
final class EventStreamFraming implements ResponseFraming {
    /** The media type of a streamed Bedrock reply, and what Brook sends as {@code accept} for it. */
    static final String MEDIA_TYPE = "application/vnd.amazon.eventstream";

    static final EventStreamFraming INSTANCE = new EventStreamFraming();

    private EventStreamFraming() {
    }

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }

    @Override
    public FrameDecoder open(EventSink sink, int maxEventSize) {
        return new EventStreamDecoder(sink, maxEventSize);
    }

    @Override
    public String toString() {
        return "aws-eventstream";
    }
}
