package dev.brook.core.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One event dispatched by {@link SseDecoder}: its type, its data, the last event id in effect when it
 * was dispatched, and the reconnection time its block set.
 *
 * <p>The data is kept as the UTF-8 bytes received, so a JSON parser can read it without an
 * intermediate {@code String}; {@link #data()} decodes it on demand (invalid sequences become
 * U+FFFD). Immutable and thread-safe.
 */
public final class SseEvent {
    /**
     * Reads an event's data bytes in place. The bytes must not be modified or kept.
     *
     * @param <R> what the reader makes of the data
     */
    @FunctionalInterface
    public interface DataReader<R> {
        /**
         * Reads the data.
         *
         * @param bytes holds the data (UTF-8) at {@code offset}, {@code length} bytes; valid only during
         *     this call, and not to be modified
         * @param offset where the data starts in {@code bytes}
         * @param length the number of data bytes, 0 or more
         * @return what the reader made of the data
         */
        R read(byte[] bytes, int offset, int length);
    }

    private final String type;
    private final byte[] data;
    private final String lastEventId;
    private final long retry;
    private String decoded;

    /**
     * @param type the event type; {@code "message"} when the block named none
     * @param data the data lines joined with LF, as UTF-8 bytes; the array is owned by the event
     *     from now on
     * @param lastEventId the last event id in effect; {@code ""} when none was ever set
     * @param retry the reconnection time in milliseconds set by this event's block, or -1 for none
     */
    public SseEvent(String type, byte[] data, String lastEventId, long retry) {
        this.type = Objects.requireNonNull(type, "type");
        this.data = Objects.requireNonNull(data, "data");
        this.lastEventId = Objects.requireNonNull(lastEventId, "lastEventId");
        this.retry = retry < 0 ? -1 : retry;
    }

    /**
     * Convenience for tests and tools: an event whose data is the UTF-8 encoding of {@code data}.
     *
     * @param type the event type
     * @param data the event's data, as text
     * @return an event with no last event id ({@code ""}) and no reconnection time
     */
    public static SseEvent of(String type, String data) {
        return new SseEvent(type, data.getBytes(StandardCharsets.UTF_8), "", -1);
    }

    /** {@return the event type: the last {@code event:} field of the block, or {@code "message"}} */
    public String type() {
        return type;
    }

    /**
     * The data, decoded from UTF-8; each invalid sequence becomes U+FFFD exactly as the WHATWG Encoding
     * Standard says (which differs from the JDK decoder on encoded surrogates). Decoded once, then cached.
     *
     * @return the data as text; {@code ""} when the event has no data bytes
     */
    public String data() {
        String s = decoded;
        if (s == null) {
            s = Utf8.decode(data);
            decoded = s;
        }
        return s;
    }

    /** {@return the number of data bytes} */
    public int dataLength() {
        return data.length;
    }

    /** {@return a copy of the data bytes, which the caller may change} */
    public byte[] dataBytes() {
        return data.clone();
    }

    /**
     * Gives the data bytes to {@code reader} without copying them.
     *
     * @param <R> what the reader makes of the data
     * @param reader reads the bytes during the call, and keeps and modifies none of them
     * @return what {@code reader} returned
     */
    public <R> R readData(DataReader<R> reader) {
        return reader.read(data, 0, data.length);
    }

    /** {@return the last event id in effect when this event was dispatched; {@code ""} when none was set} */
    public String lastEventId() {
        return lastEventId;
    }

    /**
     * The reconnection time (ms) set by this event's own block, if it had a valid {@code retry:} field.
     *
     * @return the reconnection time in milliseconds; empty when the block set none
     */
    public OptionalLong retry() {
        return retry < 0 ? OptionalLong.empty() : OptionalLong.of(retry);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseEvent e
                && type.equals(e.type)
                && Arrays.equals(data, e.data)
                && lastEventId.equals(e.lastEventId)
                && retry == e.retry;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(data), lastEventId, retry);
    }

    @Override
    public String toString() {
        return "SseEvent{type=" + type + ", data=" + data() + ", lastEventId=" + lastEventId
                + (retry < 0 ? "" : ", retry=" + retry) + '}';
    }
}
