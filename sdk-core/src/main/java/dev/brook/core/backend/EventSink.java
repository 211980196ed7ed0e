package dev.brook.core.backend;

/**
 * Receives the events a {@link FrameDecoder} finds in a response body: each one a Messages API event as
 * its name and its JSON data.
 */
@FunctionalInterface
public interface EventSink {
    /**
     * One event. The bytes are read before this returns and not kept, so the caller may reuse them.
     *
     * @param type the event's name ({@code message_start}, ...), or {@code null} when the framing carries
     *     none and the JSON's {@code type} field names the event
     * @param data the array holding the event's UTF-8 JSON
     * @param offset where the JSON starts in {@code data}
     * @param length how many bytes it has
     */
    void event(String type, byte[] data, int offset, int length);
}
