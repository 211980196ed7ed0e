package dev.brook.core.accumulate;

import java.util.Arrays;
import java.util.Objects;

/**
 * Text that only grows, kept as sealed chunks plus a bounded tail, so that an append never copies the
 * text already there. A {@link StringBuilder} that doubles allocates about twice the final text over a
 * stream and copies it each time; here each appended char is copied once into the tail, once more when
 * {@link #toString()} joins the chunks into a string of exactly the text's size, and the chunks are
 * what the text holds anyway. Reads ({@link #charAt}, {@link #subSequence}) go to the chunk holding the
 * index, so this object is itself the live view that {@link MessageAccumulator#textSoFar} hands out.
 *
 * <p>Not thread-safe: it belongs to one accumulator, which is not thread-safe either. Package-private,
 * so the only writer is the accumulator; callers see a read-only {@link CharSequence}.
 */
final class ChunkedText implements CharSequence {
    /**
     * A tail of this many chars is sealed into a chunk. Large enough that a long text has few chunks
     * (fast index lookups and joins), small enough that the tail's own growth is a one-off cost.
     */
    private static final int SEAL_AT = 2048;

    private String[] chunks = new String[0];
    /** {@code starts[i]} is where {@code chunks[i]} begins in the text. */
    private int[] starts = new int[0];
    private int chunkCount;
    /** Chars held by the chunks; the tail follows them. */
    private int sealed;
    private final StringBuilder tail = new StringBuilder();
    /** The whole text while nothing was appended since it was built; null otherwise. */
    private String whole;

    ChunkedText(String initial) {
        append(initial);
    }

    void append(String s) {
        if (s.isEmpty()) {
            return;
        }
        whole = null;
        if (s.length() >= SEAL_AT) {
            // A large piece is a chunk as it is: no copy at all.
            seal();
            addChunk(s);
            return;
        }
        tail.append(s);
        if (tail.length() >= SEAL_AT) {
            seal();
        }
    }

    private void seal() {
        if (tail.length() > 0) {
            addChunk(tail.toString());
            tail.setLength(0); // keeps its capacity: the tail stops reallocating once it reached SEAL_AT
        }
    }

    private void addChunk(String s) {
        if (chunkCount == chunks.length) {
            int grown = Math.max(4, chunkCount * 2);
            chunks = Arrays.copyOf(chunks, grown);
            starts = Arrays.copyOf(starts, grown);
        }
        chunks[chunkCount] = s;
        starts[chunkCount] = sealed;
        chunkCount++;
        sealed += s.length();
    }

    @Override
    public int length() {
        return sealed + tail.length();
    }

    @Override
    public char charAt(int index) {
        Objects.checkIndex(index, length());
        if (index >= sealed) {
            return tail.charAt(index - sealed);
        }
        int c = chunkAt(index);
        return chunks[c].charAt(index - starts[c]);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        Objects.checkFromToIndex(start, end, length());
        if (start >= sealed) {
            return tail.substring(start - sealed, end - sealed);
        }
        StringBuilder out = new StringBuilder(end - start);
        int at = start;
        while (at < end) {
            if (at >= sealed) {
                out.append(tail, at - sealed, end - sealed);
                break;
            }
            int c = chunkAt(at);
            String chunk = chunks[c];
            int to = Math.min(chunk.length(), end - starts[c]);
            out.append(chunk, at - starts[c], to);
            at = starts[c] + to;
        }
        return out.toString();
    }

    /** The index of the chunk holding char {@code index}, which is below {@link #sealed}. */
    private int chunkAt(int index) {
        int found = Arrays.binarySearch(starts, 0, chunkCount, index);
        return found >= 0 ? found : -found - 2;
    }

    /**
     * The whole text. Built once per change, in one allocation of its exact size; the result then
     * replaces the chunks, so asking again before the next append costs nothing and the text is not held
     * twice.
     */
    @Override
    public String toString() {
        String w = whole;
        if (w != null) {
            return w;
        }
        if (chunkCount == 0) {
            w = tail.toString();
        } else {
            String[] parts = Arrays.copyOf(chunks, chunkCount + 1);
            parts[chunkCount] = tail.toString();
            // String.join sizes its result exactly and fills it without an intermediate buffer.
            w = String.join("", parts);
        }
        Arrays.fill(chunks, 0, chunkCount, null);
        chunkCount = 0;
        sealed = 0;
        tail.setLength(0);
        if (!w.isEmpty()) {
            addChunk(w);
        }
        whole = w;
        return w;
    }
}
