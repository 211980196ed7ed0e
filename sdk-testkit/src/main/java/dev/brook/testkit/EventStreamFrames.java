package dev.brook.testkit;

import dev.brook.core.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * AWS event-stream frames ({@code application/vnd.amazon.eventstream}) as Amazon Bedrock's
 * {@code invoke-with-response-stream} sends them, encoded by hand from the format's description so that a
 * test of a decoder does not share code with it: a 12-byte prelude (total length, headers length, CRC32
 * of those 8 bytes, all big-endian), the headers (each a 1-byte name length, the name, type 7 for a
 * string, a 2-byte value length, the value), the payload, and a CRC32 of everything before.
 *
 * <pre>{@code
 * server.enqueue(BedrockResponses.frames(
 *         EventStreamFrames.chunk(messageStartJson),
 *         EventStreamFrames.exception("throttlingException", "Too many tokens")));
 * }</pre>
 *
 * <p>Uses no AWS library. Stateless and thread-safe.
 */
public final class EventStreamFrames {
    /** The padding field Bedrock adds beside {@code bytes} (to hide event sizes); decoders must ignore it. */
    private static final String PADDING = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123";

    private EventStreamFrames() {
    }

    /**
     * A {@code chunk} event: headers {@code :event-type chunk}, {@code :content-type application/json},
     * {@code :message-type event}; payload {@code {"bytes":"<base64 of eventJson>","p":"..."}}.
     *
     * @param eventJson one Messages API event, such as {@code {"type":"message_stop"}}
     * @return the frame
     */
    public static byte[] chunk(byte[] eventJson) {
        Objects.requireNonNull(eventJson, "eventJson");
        String payload = "{\"bytes\":\"" + Base64.getEncoder().encodeToString(eventJson) + "\",\"p\":\""
                + PADDING.substring(0, eventJson.length % PADDING.length()) + "\"}";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", "chunk");
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "event");
        return frame(headers, payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An exception frame, as Bedrock ends a stream that fails: headers {@code :exception-type},
     * {@code :content-type application/json}, {@code :message-type exception}; payload
     * {@code {"message":...}}.
     *
     * @param exceptionType such as {@code throttlingException}, {@code serviceUnavailableException},
     *     {@code internalServerException}, {@code modelStreamErrorException}, {@code validationException}
     *     or {@code modelTimeoutException}
     * @param message the exception's message
     * @return the frame
     */
    public static byte[] exception(String exceptionType, String message) {
        Objects.requireNonNull(exceptionType, "exceptionType");
        Objects.requireNonNull(message, "message");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":exception-type", exceptionType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "exception");
        String payload = new JsonValue.JsonObject(Map.of("message", JsonValue.of(message))).toJson();
        return frame(headers, payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An error frame, the event-stream protocol's own failure: headers {@code :error-code},
     * {@code :error-message}, {@code :message-type error}; no payload.
     *
     * @param errorCode such as {@code InternalFailure}
     * @param message the error's message
     * @return the frame
     */
    public static byte[] error(String errorCode, String message) {
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(message, "message");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":error-code", errorCode);
        headers.put(":error-message", message);
        headers.put(":message-type", "error");
        return frame(headers, new byte[0]);
    }

    /**
     * A frame with any string headers and payload, correctly framed and checksummed.
     *
     * @param headers the header names and string values, in order; names at most 255 bytes, values at
     *     most 65,535 bytes
     * @param payload the payload
     * @return the frame
     * @throws IllegalArgumentException if a name or value is too long
     */
    public static byte[] frame(Map<String, String> headers, byte[] payload) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(payload, "payload");
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            if (n.length > 255 || v.length > 65_535) {
                throw new IllegalArgumentException("Header " + name + ": names hold at most 255 bytes and values "
                        + "65,535 bytes");
            }
            h.write(n.length);
            h.writeBytes(n);
            h.write(7); // string
            h.write(v.length >>> 8);
            h.write(v.length & 0xff);
            h.writeBytes(v);
        });
        byte[] headerBytes = h.toByteArray();
        int total = 12 + headerBytes.length + payload.length + 4;
        ByteBuffer out = ByteBuffer.allocate(total);
        out.putInt(total);
        out.putInt(headerBytes.length);
        out.putInt((int) crc(out.array(), 0, 8));
        out.put(headerBytes);
        out.put(payload);
        out.putInt((int) crc(out.array(), 0, total - 4));
        return out.array();
    }

    /**
     * One frame per event of an SSE body, as Bedrock would stream the same reply: each event's data in a
     * {@link #chunk}, and an {@code error} event as the {@link #exception} whose Messages error type is
     * the same ({@code overloaded_error} as {@code serviceUnavailableException}, {@code rate_limit_error}
     * as {@code throttlingException}, {@code invalid_request_error} as {@code validationException}, any
     * other as {@code internalServerException}), with the error's message. Events without data are
     * skipped; bytes after the last blank line (an unterminated event) are dropped, as SSE drops them.
     *
     * @param sseBody the event-stream text as UTF-8, with LF, CRLF or CR line ends
     * @return the frames, in order
     */
    public static List<byte[]> fromSse(byte[] sseBody) {
        Objects.requireNonNull(sseBody, "sseBody");
        List<byte[]> frames = new ArrayList<>();
        String text = new String(sseBody, StandardCharsets.UTF_8);
        String eventName = null;
        StringBuilder data = null;
        int i = 0;
        while (i < text.length()) {
            int end = i;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            if (end == text.length()) {
                break; // an unterminated last line: never dispatched
            }
            String line = text.substring(i, end);
            i = end + (text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n' ? 2 : 1);
            if (line.isEmpty()) {
                if (data != null) {
                    frames.add(frameFor(eventName, data.toString()));
                }
                eventName = null;
                data = null;
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                eventName = value;
            } else if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return frames;
    }

    /**
     * A copy of {@code frame} whose message checksum (its last 4 bytes) is wrong.
     *
     * @param frame a frame
     * @return the corrupted copy
     */
    public static byte[] withBadMessageCrc(byte[] frame) {
        byte[] copy = frame.clone();
        copy[copy.length - 1] ^= 0x5a;
        return copy;
    }

    /**
     * A copy of {@code frame} whose prelude checksum (bytes 8 to 11) is wrong.
     *
     * @param frame a frame
     * @return the corrupted copy
     */
    public static byte[] withBadPreludeCrc(byte[] frame) {
        byte[] copy = frame.clone();
        copy[11] ^= 0x5a;
        return copy;
    }

    private static byte[] frameFor(String eventName, String data) {
        if ("error".equals(eventName)) {
            Optional<JsonValue> error = parse(data).flatMap(v -> v.get("error"));
            String type = error.flatMap(e -> e.get("type")).flatMap(JsonValue::asString).orElse("api_error");
            String message = error.flatMap(e -> e.get("message")).flatMap(JsonValue::asString).orElse(data);
            return exception(exceptionFor(type), message);
        }
        return chunk(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String exceptionFor(String errorType) {
        switch (errorType) {
            case "overloaded_error":
                return "serviceUnavailableException";
            case "rate_limit_error":
                return "throttlingException";
            case "invalid_request_error":
                return "validationException";
            default:
                return "internalServerException";
        }
    }

    private static Optional<JsonValue> parse(String json) {
        try {
            return Optional.of(JsonValue.parse(json));
        } catch (IllegalArgumentException notJson) {
            return Optional.empty();
        }
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
