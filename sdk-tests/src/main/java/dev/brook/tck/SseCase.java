package dev.brook.tck;

import java.util.List;

/**
 * One SSE parsing case of {@code sse-cases.json}: the body as transport chunks and the events a correct
 * decoder dispatches. Immutable; the chunk arrays must not be modified.
 */
public record SseCase(String name, List<byte[]> chunks, List<Expected> expected) {
    public SseCase {
        chunks = List.copyOf(chunks);
        expected = List.copyOf(expected);
    }

    /**
     * An expected event. {@code id} is {@code ""} when no id is in effect; {@code retry} is -1 when the
     * event's block set none.
     */
    public record Expected(String event, String data, String id, long retry) {
    }

    /** The whole body in one array. */
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
