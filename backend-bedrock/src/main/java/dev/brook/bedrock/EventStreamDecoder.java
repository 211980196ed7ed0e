package dev.brook.bedrock;

import dev.brook.core.backend.EventSink;
import dev.brook.core.backend.FrameDecoder;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.json.JsonValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Finds AWS event-stream frames in a Bedrock reply and hands the sink the Messages API events they carry.
 *
 * <p>A frame is a 12-byte prelude (total length, headers length, CRC32 of those 8 bytes), the headers,
 * the payload and a CRC32 of everything before it. This decoder gathers exactly one frame at a time into
 * an array of that frame's size, after checking the prelude's CRC and bounding its length by the maximum
 * event size, then lets AWS's {@link Message#decode} check both CRCs and read the headers. It does not use
 * the library's streaming {@code MessageDecoder}, which allocates a 2 MiB buffer per stream up front:
 * Brook runs thousands of streams at once, and a short reply should cost what its frames weigh.
 *
 * <ul>
 *   <li>{@code :message-type event}, {@code :event-type chunk}: the payload {@code {"bytes":"<base64>"}}
 *       is decoded and the JSON event inside goes to the sink with no type (its {@code type} names it).
 *   <li>{@code :message-type exception} ({@code :exception-type}, payload {@code {"message":...}}) and
 *       {@code :message-type error} ({@code :error-code}, {@code :error-message}): the sink gets a
 *       Messages {@code error} event, so the core ends the stream as the direct API's {@code error}
 *       event would, with the snapshot.
 * </ul>
 *
 * <p>Not thread-safe: one per response, fed from one thread at a time.
 */
final class EventStreamDecoder implements FrameDecoder {
    private static final int PRELUDE_LENGTH = 12;
    private static final int MESSAGE_CRC_LENGTH = 4;
    /**
     * Room in a frame beyond the base64 event: prelude, CRC, headers ({@code :event-type},
     * {@code :content-type}, {@code :message-type}: under 100 bytes from Bedrock), the JSON wrapper and the
     * padding field Bedrock adds to hide event sizes.
     */
    private static final int FRAME_OVERHEAD = 64 * 1024;

    private final EventSink sink;
    private final int maxEventSize;
    private final int maxFrameSize;
    private final byte[] prelude = new byte[PRELUDE_LENGTH];
    private int preludeFilled;
    /** The frame being gathered, once its prelude is read; {@code null} between frames. */
    private byte[] frame;
    private int frameFilled;
    private long frames;

    EventStreamDecoder(EventSink sink, int maxEventSize) {
        this.sink = sink;
        this.maxEventSize = maxEventSize;
        long base64 = 4L * ((maxEventSize + 2L) / 3);
        this.maxFrameSize = (int) Math.min(Integer.MAX_VALUE - 64L, base64 + FRAME_OVERHEAD);
    }

    @Override
    public void feed(ByteBuffer buffer) {
        while (buffer.hasRemaining()) {
            if (frame == null) {
                int n = Math.min(PRELUDE_LENGTH - preludeFilled, buffer.remaining());
                buffer.get(prelude, preludeFilled, n);
                preludeFilled += n;
                if (preludeFilled == PRELUDE_LENGTH) {
                    startFrame();
                }
            } else {
                int n = Math.min(frame.length - frameFilled, buffer.remaining());
                buffer.get(frame, frameFilled, n);
                frameFilled += n;
            }
            if (frame != null && frameFilled == frame.length) {
                byte[] whole = frame;
                frame = null;
                preludeFilled = 0;
                frameFilled = 0;
                frames++;
                onFrame(whole);
            }
        }
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        feed(ByteBuffer.wrap(bytes, offset, length));
    }

    /** A partial last frame is dropped: the core then reports the stream as incomplete, with the snapshot. */
    @Override
    public void end() {
        frame = null;
        preludeFilled = 0;
        frameFilled = 0;
    }

    /** Checks the prelude before trusting its length with an allocation. */
    private void startFrame() {
        ByteBuffer p = ByteBuffer.wrap(prelude);
        long totalLength = Integer.toUnsignedLong(p.getInt(0));
        long headersLength = Integer.toUnsignedLong(p.getInt(4));
        long expectedCrc = Integer.toUnsignedLong(p.getInt(8));
        CRC32 crc = new CRC32();
        crc.update(prelude, 0, 8);
        if (crc.getValue() != expectedCrc) {
            throw new StreamProtocolException(String.format(Locale.ROOT, "Bad event-stream frame after %d frames:"
                    + " the prelude checksum is 0x%08x but the prelude says 0x%08x; the body is corrupt or not an"
                    + " AWS event stream (check baseUrl and any proxy in between)", frames, crc.getValue(),
                    expectedCrc));
        }
        if (totalLength < PRELUDE_LENGTH + MESSAGE_CRC_LENGTH
                || headersLength > totalLength - PRELUDE_LENGTH - MESSAGE_CRC_LENGTH) {
            throw new StreamProtocolException("Bad event-stream frame after " + frames + " frames: total length "
                    + totalLength + " cannot hold its prelude, " + headersLength + " bytes of headers and its checksum");
        }
        if (totalLength > maxFrameSize) {
            throw new StreamProtocolException("An event-stream frame of " + totalLength + " bytes (after " + frames
                    + " frames) exceeds the " + maxFrameSize + " bytes a frame may have for events of at most "
                    + maxEventSize + " bytes; raise Brook.builder().maxEventSize(...) if such events are expected");
        }
        frame = new byte[(int) totalLength];
        System.arraycopy(prelude, 0, frame, 0, PRELUDE_LENGTH);
        frameFilled = PRELUDE_LENGTH;
    }

    private void onFrame(byte[] bytes) {
        Message message;
        try {
            message = Message.decode(ByteBuffer.wrap(bytes));
        } catch (IllegalArgumentException | IllegalStateException | java.nio.BufferUnderflowException e) {
            // The library names a checksum failure ("Message checksum failure: expected 0x.., computed 0x..")
            // or a malformed header.
            throw new StreamProtocolException("Bad event-stream frame " + frames + " (" + bytes.length + " bytes): "
                    + e.getMessage() + "; the body is corrupt or was cut and resumed", null, e);
        }
        Map<String, HeaderValue> headers = message.getHeaders();
        String messageType = header(headers, ":message-type");
        if ("event".equals(messageType)) {
            if ("chunk".equals(header(headers, ":event-type"))) {
                onChunk(message.getPayload());
            }
            // Other event types carry nothing the Messages API defines: skipped, as the direct API's
            // unknown events never end a stream.
        } else if ("exception".equals(messageType)) {
            String type = orUnknown(header(headers, ":exception-type"));
            onError(type, exceptionMessage(message.getPayload()));
        } else if ("error".equals(messageType)) {
            onError(orUnknown(header(headers, ":error-code")), orUnknown(header(headers, ":error-message")));
        } else {
            throw new StreamProtocolException("Event-stream frame " + frames + " has "
                    + (messageType == null ? "no :message-type header" : ":message-type '" + messageType + "'")
                    + "; Bedrock sends event, exception or error frames");
        }
    }

    private void onChunk(byte[] payload) {
        String wrapper = new String(payload, StandardCharsets.UTF_8);
        JsonValue parsed;
        try {
            parsed = JsonValue.parse(wrapper);
        } catch (IllegalArgumentException e) {
            throw new StreamProtocolException("The chunk in event-stream frame " + frames + " is not JSON: "
                    + e.getMessage(), wrapper, e);
        }
        String base64 = parsed.get("bytes").flatMap(JsonValue::asString).orElseThrow(() ->
                new StreamProtocolException("The chunk in event-stream frame " + frames
                        + " has no \"bytes\" string holding the event", wrapper, null));
        byte[] event;
        try {
            event = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new StreamProtocolException("The chunk in event-stream frame " + frames
                    + " is not valid base64: " + e.getMessage(), wrapper, e);
        }
        if (event.length > maxEventSize) {
            throw new StreamProtocolException("An event of " + event.length + " bytes (event-stream frame " + frames
                    + ") exceeds maxEventSize " + maxEventSize + "; raise Brook.builder().maxEventSize(...) if such"
                    + " events are expected");
        }
        if (!startsAsObject(event)) {
            // Every Messages event is a JSON object; anything else means the chunk is not what Bedrock sends.
            throw new StreamProtocolException("The event in event-stream frame " + frames
                    + " is not a JSON object", new String(event, StandardCharsets.UTF_8), null);
        }
        sink.event(null, event, 0, event.length);
    }

    /** Hands the sink the Messages {@code error} event the Bedrock exception stands for. */
    private void onError(String exceptionType, String message) {
        Map<String, JsonValue> error = new LinkedHashMap<>();
        error.put("type", JsonValue.of(errorType(exceptionType)));
        error.put("message", JsonValue.of(exceptionType + ": " + message));
        Map<String, JsonValue> event = new LinkedHashMap<>();
        event.put("type", JsonValue.of("error"));
        event.put("error", new JsonValue.JsonObject(error));
        byte[] json = new JsonValue.JsonObject(event).toJson().getBytes(StandardCharsets.UTF_8);
        sink.event(null, json, 0, json.length);
    }

    /**
     * The Messages API's error type for a Bedrock exception, so that callers handle a throttled Bedrock
     * stream as they handle a rate-limited direct one.
     */
    static String errorType(String exceptionType) {
        switch (exceptionType.toLowerCase(Locale.ROOT)) {
            case "throttlingexception":
                return "rate_limit_error";
            case "serviceunavailableexception":
                return "overloaded_error";
            case "validationexception":
                return "invalid_request_error";
            default:
                return "api_error";
        }
    }

    private static String exceptionMessage(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        try {
            return JsonValue.parse(text).get("message").flatMap(JsonValue::asString).orElse(text);
        } catch (IllegalArgumentException notJson) {
            return text; // still worth showing: the exception ends the stream either way
        }
    }

    private static String header(Map<String, HeaderValue> headers, String name) {
        HeaderValue value = headers.get(name);
        if (value == null) {
            return null;
        }
        try {
            return value.getString();
        } catch (RuntimeException notAString) {
            return null;
        }
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }

    private static boolean startsAsObject(byte[] b) {
        for (byte c : b) {
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return c == '{';
            }
        }
        return false;
    }
}
