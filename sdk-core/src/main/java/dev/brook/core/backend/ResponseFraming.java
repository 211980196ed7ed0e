package dev.brook.core.backend;

/**
 * How a backend frames the events of a streamed reply: its media type and a decoder that yields the
 * Messages API's JSON events from the body's bytes.
 */
public interface ResponseFraming {
    /** {@return the media type a streamed reply must have, such as {@code text/event-stream}} */
    String mediaType();

    /**
     * A decoder for one response body.
     *
     * @param sink receives each event found
     * @param maxEventSize the most bytes one event may hold; a larger one is a protocol error
     * @return a new decoder
     */
    FrameDecoder open(EventSink sink, int maxEventSize);

    /** {@return Server-Sent Events, the direct API's framing} */
    static ResponseFraming sse() {
        return SseFraming.INSTANCE;
    }
}
