package dev.brook.core.accumulate;

import dev.brook.core.backend.FrameDecoder;
import dev.brook.core.backend.ResponseFraming;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.ErrorEvent;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.internal.EventParser;
import dev.brook.core.sse.SseDecoder;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The whole stream pipeline in one place: bytes in, SSE decoding, event parsing, accumulation, typed
 * events out to a sink, the final {@link Message} at the end. Every transport, sync or async, drives a
 * stream through this class, so the stream rules hold the same everywhere:
 *
 * <ul>
 *   <li>Each event is first accumulated, then given to the sink (so a sink that asks for
 *       {@link #snapshot()} sees the event applied).</li>
 *   <li>An {@code error} event is given to the sink, then raised as {@link StreamErrorException} carrying
 *       the snapshot so far.</li>
 *   <li>A protocol error — malformed JSON, events out of order, an event over the maximum size — is raised
 *       as {@link StreamProtocolException} carrying the snapshot so far (and the raw event, when the
 *       failure is tied to one).</li>
 *   <li>{@link #end()} before {@code message_stop} raises {@link IncompleteStreamException} with the
 *       snapshot; after it, returns the final message.</li>
 *   <li>After {@code message_stop} the message is final: any further bytes are ignored — not decoded, not
 *       parsed, not given to the sink — so that trailing bytes (a proxy's keep-alive, say) can never turn
 *       a complete message into an error.</li>
 * </ul>
 *
 * <p>Once an exception has been raised the decoder is failed: later {@code feed} or {@code end} calls
 * throw {@link IllegalStateException}. An exception thrown by the sink propagates unchanged and also fails
 * the decoder.
 *
 * <p><b>Not thread-safe.</b> One instance per stream, fed from one thread at a time; the sink must not
 * call back into {@code feed} or {@code end}.
 */
public final class MessageStreamDecoder {
    private final Consumer<? super StreamEvent> sink;
    private final FrameDecoder frames;
    private final EventParser parser = new EventParser();
    private final MessageAccumulator accumulator = new MessageAccumulator();
    private final String requestId;
    private final int attempts;
    private RuntimeException failure;
    private boolean ended;

    /**
     * A pipeline with the default maximum event size ({@link SseDecoder#DEFAULT_MAX_EVENT_SIZE}).
     *
     * @param sink receives each event after it is accumulated
     * @throws NullPointerException if {@code sink} is null
     */
    public MessageStreamDecoder(Consumer<? super StreamEvent> sink) {
        this(sink, SseDecoder.DEFAULT_MAX_EVENT_SIZE);
    }

    /**
     * A pipeline.
     *
     * @param sink receives each event after it is accumulated
     * @param maxEventSize the most bytes one SSE event may hold, at least 1
     * @throws NullPointerException if {@code sink} is null
     * @throws IllegalArgumentException if {@code maxEventSize < 1}
     */
    public MessageStreamDecoder(Consumer<? super StreamEvent> sink, int maxEventSize) {
        this(sink, maxEventSize, null, 0);
    }

    /**
     * A pipeline for the body of one call's response: the errors it raises carry the call's
     * {@code requestId} and {@code attempts} (see {@link dev.brook.core.error.BrookException#requestId()}).
     *
     * @param sink receives each event after it is accumulated
     * @param maxEventSize the most bytes one SSE event may hold, at least 1
     * @param requestId the response's {@code request-id} header, or {@code null}
     * @param attempts how many HTTP attempts the call made, at least 0
     * @throws NullPointerException if {@code sink} is null
     * @throws IllegalArgumentException if {@code maxEventSize < 1} or {@code attempts < 0}
     */
    public MessageStreamDecoder(Consumer<? super StreamEvent> sink, int maxEventSize, String requestId, int attempts) {
        this(sink, ResponseFraming.sse(), maxEventSize, requestId, attempts);
    }

    /**
     * A pipeline for a body in another framing than SSE, such as a cloud backend's (see
     * {@link dev.brook.core.backend.Backend#framing()}): the same parsing, accumulation and errors.
     *
     * @param sink receives each event after it is accumulated
     * @param framing how the body frames its events
     * @param maxEventSize the most bytes one event may hold, at least 1
     * @param requestId the response's request id, or {@code null}
     * @param attempts how many HTTP attempts the call made, at least 0
     * @throws NullPointerException if {@code sink} or {@code framing} is null
     * @throws IllegalArgumentException if {@code maxEventSize < 1} or {@code attempts < 0}
     */
    public MessageStreamDecoder(Consumer<? super StreamEvent> sink, ResponseFraming framing, int maxEventSize,
            String requestId, int attempts) {
        this.sink = Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(framing, "framing");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        if (maxEventSize < 1) {
            throw new IllegalArgumentException("maxEventSize must be positive: " + maxEventSize);
        }
        this.frames = framing.open(this::onFramedEvent, maxEventSize);
        this.requestId = requestId;
        this.attempts = attempts;
    }

    /**
     * Feeds {@code length} bytes of the body from {@code offset}; events complete in them are delivered
     * before this returns. Ignored once the message is complete.
     *
     * @param bytes holds the next bytes of the body, split anywhere
     * @param offset where those bytes start in {@code bytes}
     * @param length how many bytes to feed
     * @throws StreamErrorException when an {@code error} event arrives
     * @throws StreamProtocolException when the stream breaks the protocol
     * @throws IndexOutOfBoundsException if the range is outside the array
     * @throws IllegalStateException if the decoder has failed or {@link #end()} was called
     */
    public void feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        checkUsable();
        if (accumulator.isComplete()) {
            return;
        }
        try {
            frames.feed(bytes, offset, length);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /**
     * Feeds the remaining bytes of {@code buffer} (its position moves to its limit), as
     * {@link #feed(byte[], int, int)} does.
     *
     * @param buffer the next bytes of the body, from its position to its limit
     * @throws StreamErrorException when an {@code error} event arrives
     * @throws StreamProtocolException when the stream breaks the protocol
     * @throws IllegalStateException if the decoder has failed or {@link #end()} was called
     */
    public void feed(ByteBuffer buffer) {
        checkUsable();
        if (accumulator.isComplete()) {
            buffer.position(buffer.limit());
            return;
        }
        try {
            frames.feed(buffer);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /**
     * Ends the body and returns the final message. Calling it again returns the same message.
     *
     * @return the complete message
     * @throws IncompleteStreamException if {@code message_stop} never arrived (with the snapshot)
     * @throws IllegalStateException if the decoder has failed
     */
    public Message end() {
        checkFailed();
        if (!ended) {
            ended = true;
            if (!accumulator.isComplete()) {
                try {
                    frames.end(); // discards an unterminated last frame (for SSE, as its rules say)
                } catch (RuntimeException e) {
                    throw fail(e); // a framing that reports a cut last frame: with the snapshot and the call
                }
                long n = accumulator.eventCount();
                throw fail(new IncompleteStreamException("The stream ended before message_stop, after " + n
                        + (n == 1 ? " event" : " events") + "; the snapshot holds everything received"
                        + (requestId == null ? "" : " (request-id " + requestId + ")"),
                        null, accumulator.snapshot(), requestId, attempts));
            }
        }
        return accumulator.snapshot();
    }

    /**
     * The message accumulated so far; {@code null} before {@code message_start}. See
     * {@link MessageAccumulator#snapshot()}.
     *
     * @return the message so far, or {@code null} before {@code message_start}
     */
    public Message snapshot() {
        return accumulator.snapshot();
    }

    /** {@return whether {@code message_stop} has arrived} */
    public boolean isComplete() {
        return accumulator.isComplete();
    }

    /**
     * The accumulator, for read access (such as {@link MessageAccumulator#partialInput(int)}). Do not call
     * {@link MessageAccumulator#accept(StreamEvent)} on it.
     *
     * @return the accumulator this pipeline feeds
     */
    public MessageAccumulator accumulator() {
        return accumulator;
    }

    private void onFramedEvent(String type, byte[] data, int offset, int length) {
        if (accumulator.isComplete()) {
            return; // the message is final: later events are ignored (see the class documentation)
        }
        // Parsed in place: the decoder made no copy. A protocol error gets the snapshot and call in fail().
        StreamEvent event = parser.parse(type == null ? "message" : type, data, offset, length);
        accumulator.accept(event);
        sink.accept(event);
        if (event instanceof ErrorEvent error) {
            throw new StreamErrorException(error.errorType(), error.errorMessage(), accumulator.snapshot(), requestId,
                    attempts);
        }
    }

    private RuntimeException fail(RuntimeException e) {
        RuntimeException f = e;
        if (e instanceof StreamProtocolException p) {
            boolean needsSnapshot = p.snapshot().isEmpty() && accumulator.isStarted();
            boolean needsCall = (requestId != null || attempts > 0) && p.requestId().isEmpty() && p.attempts() == 0;
            if (needsSnapshot || needsCall) {
                // Raised by the parser, the accumulator or the SSE decoder, which know neither the call nor
                // (the first and last) the snapshot: one copy that carries both, with the original as cause.
                String message = requestId == null ? p.getMessage() : p.getMessage() + " (request-id " + requestId + ")";
                f = new StreamProtocolException(message, p.rawEvent().orElse(null), p,
                        p.snapshot().orElseGet(accumulator::snapshot), requestId, attempts);
            }
        }
        failure = f;
        return f;
    }

    private void checkUsable() {
        checkFailed();
        if (ended) {
            throw new IllegalStateException("end() was already called");
        }
    }

    private void checkFailed() {
        if (failure != null) {
            throw new IllegalStateException("The stream already failed: " + failure.getMessage(), failure);
        }
    }
}
