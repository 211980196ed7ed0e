package dev.brook.tck;

import java.util.List;

/**
 * One SSE parsing case of {@code sse-cases.json}: the body as transport chunks and the events a correct
 * decoder dispatches. Immutable; the chunk arrays must not be modified.
 *
 * @param name the case's {@code name} in the file
 * @param chunks the body, split as the server sends it; each chunk is flushed on its own
 * @param expected the events a correct decoder dispatches, in order
 */
public record SseCase(String name, List<byte[]> chunks, List<Expected> expected) {
    /**
     * Copies the lists.
     *
     * @param name the case's {@code name} in the file
     * @param chunks the body, split as the server sends it
     * @param expected the events a correct decoder dispatches, in order
     */
    public SseCase {
        chunks = List.copyOf(chunks);
        expected = List.copyOf(expected);
    }

    /**
     * An expected event. {@code id} is {@code ""} when no id is in effect; {@code retry} is -1 when the
     * event's block set none.
     *
     * @param event the event type, {@code message} when the block named none
     * @param data the data lines joined with LF
     * @param id the last event id in effect, or {@code ""}
     * @param retry the reconnection time in milliseconds set by the event's block, or -1
     */
    public record Expected(String event, String data, String id, long retry) {
    }

    /** {@return the whole body in one array: the chunks joined, in order} */
    public byte[] body() {
        int n = 0;
        for (byte[] c : chunks) {
            n += c.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        return all;
    }

    @Override
    public String toString() {
        return name;
    }
}
