package dev.brook.core.backend;

import java.nio.ByteBuffer;

/**
 * Finds events in a response body fed to it in pieces split anywhere, handing each complete one to its
 * {@link EventSink} before {@code feed} returns. It must bound what it buffers (by the maximum event size
 * it was opened with) and report a body it cannot read as a
 * {@link dev.brook.core.error.StreamProtocolException}, never drop bytes silently.
 *
 * <p><b>Not thread-safe:</b> one per response, fed from one thread at a time.
 */
public interface FrameDecoder {
    /**
     * Feeds the remaining bytes of {@code buffer}; its position moves to its limit.
     *
     * @param buffer the next bytes of the body
     * @throws dev.brook.core.error.StreamProtocolException when the bytes break the framing
     */
    void feed(ByteBuffer buffer);

    /**
     * Feeds {@code length} bytes of {@code bytes} from {@code offset}. Default: wraps them in a buffer.
     *
     * @param bytes holds the next bytes of the body
     * @param offset where they start
     * @param length how many there are
     * @throws dev.brook.core.error.StreamProtocolException when the bytes break the framing
     */
    default void feed(byte[] bytes, int offset, int length) {
        feed(ByteBuffer.wrap(bytes, offset, length));
    }

    /**
     * The body ended. An incomplete last frame is discarded: the stream then lacks its
     * {@code message_stop}, which the core reports as incomplete, with the snapshot.
     */
    void end();
}
