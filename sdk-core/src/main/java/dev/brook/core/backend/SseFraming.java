package dev.brook.core.backend;

import dev.brook.core.sse.SseDecoder;
import java.nio.ByteBuffer;

/** Server-Sent Events through {@link SseDecoder}. */
final class SseFraming implements ResponseFraming {
    static final SseFraming INSTANCE = new SseFraming();

    private SseFraming() {
    }

    @Override
    public String mediaType() {
        return "text/event-stream";
    }

    @Override
    public FrameDecoder open(EventSink sink, int maxEventSize) {
        SseDecoder sse = new SseDecoder((type, data, offset, length, lastEventId, retry) ->
                sink.event(type, data, offset, length), maxEventSize);
        return new FrameDecoder() {
            @Override
            public void feed(ByteBuffer buffer) {
                sse.feed(buffer);
            }

            @Override
            public void feed(byte[] bytes, int offset, int length) {
                sse.feed(bytes, offset, length);
            }

            @Override
            public void end() {
                sse.end();
            }
        };
    }

    @Override
    public String toString() {
        return "sse";
    }
}
