package dev.brook.core.sse;

import dev.brook.core.error.StreamProtocolException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Incremental decoder for a {@code text/event-stream} body, following the WHATWG HTML Living Standard
 * ("Server-sent events": parsing an event stream, interpreting it, dispatching events) exactly.
 *
 * <p>Push bytes in with any of the {@code feed} methods, in chunks of any size split anywhere (inside a
 * UTF-8 character, between a CR and its LF, inside the leading BOM), then call {@link #end()} at end of
 * input. Each complete event is handed to the sink, on the calling thread, as soon as its terminating
 * blank line has been read: nothing waits for more input than the event needs.
 *
 * <p>Rules implemented: UTF-8 input (invalid sequences become U+FFFD when text is decoded, per the
 * WHATWG Encoding Standard); one byte order mark skipped at stream start only; CR, LF and CRLF line
 * ends; comment lines (starting with {@code :}); a line without a colon is a field name with an empty value; one leading space stripped
 * from a value; {@code data} values joined with LF; {@code event} sets the type (default
 * {@code message}, reset after each block); {@code id} sets the last event id unless its value contains
 * NUL; {@code retry} sets the reconnection time only when its value is all ASCII digits; unknown fields
 * are ignored; a block without a {@code data} field dispatches nothing; an unterminated block at end of
 * input is discarded.
 *
 * <p>Like the spec, the last event id is kept in two steps: an {@code id} field sets the <em>last event
 * id buffer</em> at once, and every blank line (even one ending a block that dispatches nothing) copies
 * it to the <em>last event id string</em> reported by {@link #lastEventId()} and carried by events. An id
 * in a block cut off by end of input therefore never becomes the last event id.
 *
 * <p>A {@code retry} value too large for a {@code long} (more than 9,223,372,036,854,775,807 ms) is
 * ignored like an invalid one: no reconnection delay that long is meaningful, and clamping it would
 * invent a value the server did not send.
 *
 * <p>The decoder works on bytes: it scans each chunk in place, matches field names as bytes, and copies
 * only data bytes (into a per-event buffer) and the few bytes of an {@code event} or {@code id} value. It
 * allocates per event (the event, its exact-size data array, and a {@code String} only when the event
 * type or id differs from the previous one), never per byte or per data line.
 *
 * <p><b>Maximum event size.</b> The bytes held for the current block (its data so far, joined with LF,
 * its event type, and the current unfinished line unless that is a {@code data} line already counted in
 * the data) may not exceed the limit given at construction (default {@value #DEFAULT_MAX_EVENT_SIZE}
 * bytes). Past it, {@code feed} throws {@link StreamProtocolException}, the buffers are released, and the
 * decoder is failed: later calls throw {@link IllegalStateException}. No buffer ever grows beyond the
 * limit, and the check runs before bytes are copied, so at most one chunk past the limit is read.
 *
 * <p><b>Not thread-safe.</b> Use one decoder per stream, fed from one thread at a time. The sink must not
 * call back into the decoder. If the sink throws, the exception propagates out of {@code feed} and the
 * rest of that chunk is not decoded; do not feed the decoder further.
 */
public final class SseDecoder {
    /** Default maximum event size: 16 MiB. */
    public static final int DEFAULT_MAX_EVENT_SIZE = 16 * 1024 * 1024;

    private static final byte LF = '\n';
    private static final byte CR = '\r';
    private static final byte COLON = ':';
    private static final byte SPACE = ' ';
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String DEFAULT_TYPE = "message";

    // Line states.
    private static final int LINE_START = 0;
    private static final int NAME = 1;
    private static final int AFTER_COLON = 2;
    private static final int VALUE = 3;

    // Field kinds; only the value of the current line's field is interpreted.
    private static final int F_IGNORE = 0;
    private static final int F_DATA = 1;
    private static final int F_EVENT = 2;
    private static final int F_ID = 3;
    private static final int F_RETRY = 4;

    /** Longest known field name ("event", "retry"); longer names are unknown, so no more is kept. */
    private static final int MAX_NAME = 5;
    private static final byte[] DATA_NAME = {'d', 'a', 't', 'a'};
    private static final byte[] EVENT_NAME = {'e', 'v', 'e', 'n', 't'};

    private static final int INITIAL_DATA_CAPACITY = 256;
    private static final int INITIAL_SMALL_CAPACITY = 32;
    /** A data buffer larger than this is dropped after an event that used less than a quarter of it. */
    private static final int RETAINED_DATA_CAPACITY = 256 * 1024;
    /** Direct and read-only buffers are copied through a scratch array of this size. */
    private static final int SCRATCH_SIZE = 8 * 1024;

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** "data" and "even" as little-endian ints. */
    private static final int DATA_LE = 'd' | 'a' << 8 | 't' << 16 | 'a' << 24;
    private static final int EVEN_LE = 'e' | 'v' << 8 | 'e' << 16 | 'n' << 24;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
    private static final long CRS = 0x0D0D0D0D0D0D0D0DL;

    private final Handler sink;
    private final int maxEventSize;

    // Stream state.
    private int bomMatched;
    private boolean bomDone;
    private boolean skipLf;
    private boolean ended;
    private String failure;
    private byte[] scratch;

    // Current line.
    private int state = LINE_START;
    private int field;
    private final byte[] name = new byte[MAX_NAME];
    private int nameLen;
    /** Bytes of the current line not already counted in the data or type buffers. */
    private long lineLen;
    private byte[] value = new byte[INITIAL_SMALL_CAPACITY];
    private int valueLen;
    private long retryValue;
    private boolean retryOk;
    private int retryDigits;

    // Current block.
    private byte[] data = new byte[INITIAL_DATA_CAPACITY];
    private int dataLen;
    private boolean hasData;
    private byte[] type = new byte[INITIAL_SMALL_CAPACITY];
    private int typeLen;
    private long blockRetry = -1;

    // Across blocks.
    private byte[] idBuffer = new byte[0];
    private String idString = "";
    private String lastEventId = "";
    private long reconnectionTime = -1;
    private byte[] lastTypeBytes = new byte[0];
    private String lastType = DEFAULT_TYPE;

    /**
     * A decoder with the default maximum event size ({@value #DEFAULT_MAX_EVENT_SIZE} bytes).
     *
     * @param sink receives each event, on the thread that calls {@code feed}
     */
    public SseDecoder(Consumer<SseEvent> sink) {
        this(sink, DEFAULT_MAX_EVENT_SIZE);
    }

    /**
     * @param sink receives each event, on the thread that calls {@code feed}
     * @param maxEventSize the most bytes one block may hold (see the class documentation), at least 1
     * @throws IllegalArgumentException if {@code maxEventSize < 1}
     */
    public SseDecoder(Consumer<SseEvent> sink, int maxEventSize) {
        this(copying(Objects.requireNonNull(sink, "sink")), maxEventSize);
    }

    /**
     * A decoder that hands each event's data to {@code handler} in place, without copying it: for a
     * consumer that parses the data at once (Brook's own pipeline does), this saves a copy per event.
     *
     * @param handler receives each event, on the thread that calls {@code feed}
     * @param maxEventSize the most bytes one block may hold (see the class documentation), at least 1
     * @throws IllegalArgumentException if {@code maxEventSize < 1}
     */
    public SseDecoder(Handler handler, int maxEventSize) {
        this.sink = Objects.requireNonNull(handler, "handler");
        if (maxEventSize < 1) {
            throw new IllegalArgumentException("maxEventSize < 1: " + maxEventSize);
        }
        this.maxEventSize = maxEventSize;
    }

    /**
     * Receives an event's fields with its data as a view into the decoder's buffer. Implemented by
     * consumers that read the data at once and keep nothing of the array.
     */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param type the event type ({@code "message"} when the block named none)
         * @param data holds the data (lines joined with LF, UTF-8) at {@code offset}, {@code length}
         *     bytes; valid only during this call, and not to be modified
         * @param offset where the data starts in {@code data}
         * @param length the number of data bytes, 0 or more
         * @param lastEventId the last event id in effect; {@code ""} when none was set
         * @param retry the reconnection time set by this event's block, or -1
         */
        void onEvent(String type, byte[] data, int offset, int length, String lastEventId, long retry);
    }

    private static Handler copying(Consumer<SseEvent> sink) {
        return (type, data, offset, length, id, retry) ->
                sink.accept(new SseEvent(type, Arrays.copyOfRange(data, offset, offset + length), id, retry));
    }

    /**
     * Decodes all of {@code bytes}. The array is not kept and may be reused once this returns.
     *
     * @param bytes the next bytes of the body, split anywhere
     * @throws StreamProtocolException if an event exceeds the maximum event size
     * @throws IllegalStateException if the decoder has failed or {@link #end()} was called
     */
    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /**
     * Decodes {@code length} bytes of {@code bytes} from {@code offset}. The array is not kept.
     *
     * @param bytes holds the next bytes of the body, split anywhere
     * @param offset where those bytes start in {@code bytes}
     * @param length how many bytes to decode
     * @throws IndexOutOfBoundsException if the range is outside the array
     * @throws StreamProtocolException if an event exceeds the maximum event size
     * @throws IllegalStateException if the decoder has failed or {@link #end()} was called
     */
    public void feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        checkUsable();
        int pos = offset;
        int end = offset + length;
        if (!bomDone) {
            pos = skipBom(bytes, pos, end);
        }
        decode(bytes, pos, end);
    }

    /**
     * Decodes the remaining bytes of {@code buffer}, heap or direct, and advances its position to its
     * limit. Heap buffers are scanned in place; direct and read-only buffers are copied through a small
     * scratch array.
     *
     * @param buffer the next bytes of the body, from its position to its limit
     * @throws StreamProtocolException if an event exceeds the maximum event size
     * @throws IllegalStateException if the decoder has failed or {@link #end()} was called
     */
    public void feed(ByteBuffer buffer) {
        checkUsable();
        if (buffer.hasArray()) {
            int pos = buffer.position();
            int length = buffer.remaining();
            buffer.position(buffer.limit());
            feed(buffer.array(), buffer.arrayOffset() + pos, length);
            return;
        }
        byte[] scratch = this.scratch;
        if (scratch == null) {
            scratch = new byte[SCRATCH_SIZE];
            this.scratch = scratch;
        }
        while (buffer.hasRemaining()) {
            int n = Math.min(scratch.length, buffer.remaining());
            buffer.get(scratch, 0, n);
            feed(scratch, 0, n);
        }
    }

    /**
     * Ends the input. An unterminated block (or unterminated last line) is discarded, as the spec
     * requires; {@link #lastEventId()} and {@link #reconnectionTime()} keep their values. Calling it
     * again does nothing; feeding after it throws.
     *
     * @throws IllegalStateException if the decoder has failed
     */
    public void end() {
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        ended = true;
        resetLine();
        dataLen = 0;
        hasData = false;
        typeLen = 0;
        blockRetry = -1;
    }

    /**
     * The last event id string: set at each blank line from the last valid {@code id} field; {@code ""} when none.
     *
     * @return the last event id, or {@code ""} when no {@code id} field has taken effect
     */
    public String lastEventId() {
        return lastEventId;
    }

    /**
     * The reconnection time in milliseconds set by the last valid {@code retry} field, if any.
     *
     * @return the reconnection time in milliseconds; empty when no valid {@code retry} field was read
     */
    public OptionalLong reconnectionTime() {
        return reconnectionTime < 0 ? OptionalLong.empty() : OptionalLong.of(reconnectionTime);
    }

    /** Capacity of the buffers this decoder holds, in bytes; lets tests check memory stays bounded. */
    int bufferCapacity() {
        return data.length + type.length + value.length + idBuffer.length;
    }

    /**
     * The capacity of the largest buffer the decoder holds now (data, type, line value, id, last type;
     * the fixed 8 KiB scratch aside): what the fuzz test checks against the limit, since the class
     * promises that no buffer grows past it.
     */
    int largestBuffer() {
        return Math.max(Math.max(data.length, type.length),
                Math.max(value.length, Math.max(idBuffer.length, lastTypeBytes.length)));
    }

    private void checkUsable() {
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        if (ended) {
            throw new IllegalStateException("SseDecoder.end() was called; use a new decoder for a new stream");
        }
    }

    /** Skips the byte order mark at stream start, which may arrive split over several chunks. */
    private int skipBom(byte[] b, int pos, int end) {
        while (pos < end) {
            if (b[pos] == BOM[bomMatched]) {
                pos++;
                if (++bomMatched == BOM.length) {
                    bomDone = true;
                    return pos;
                }
            } else {
                bomDone = true;
                // A partial match was not a BOM after all: those bytes are ordinary input.
                decode(BOM, 0, bomMatched);
                return pos;
            }
        }
        return pos;
    }

    private void decode(byte[] b, int pos, int end) {
        while (pos < end) {
            if (skipLf) {
                // The previous line ended with CR; an LF right after it (maybe in a new chunk) is its pair.
                skipLf = false;
                if (b[pos] == LF && ++pos == end) {
                    return;
                }
            }
            int s = state;
            if (s == VALUE) {
                pos = scanValue(b, pos, end);
            } else if (s == LINE_START) {
                byte c = b[pos];
                if (c == LF || c == CR) {
                    pos++;
                    skipLf = c == CR;
                    blankLine();
                } else if (c == COLON) {
                    pos++;
                    field = F_IGNORE;
                    lineLen = 1;
                    state = VALUE;
                } else {
                    int fast = end - pos >= 7 ? knownFieldStart(b, pos) : -1;
                    if (fast >= 0) {
                        pos = fast;
                    } else {
                        nameLen = 0;
                        lineLen = 0;
                        state = NAME;
                        pos = scanName(b, pos, end);
                    }
                }
            } else if (s == NAME) {
                pos = scanName(b, pos, end);
            } else {
                // AFTER_COLON: strip one leading space, which may arrive in the next chunk.
                if (b[pos] == SPACE) {
                    pos++;
                    if (field != F_DATA && field != F_EVENT) {
                        lineLen++;
                    }
                }
                state = VALUE;
            }
        }
    }

    /**
     * Fast path for the two prefixes nearly every line has, {@code data:} and {@code event:}, when the
     * chunk holds the whole prefix and the optional space (at least 7 bytes remain): matched as one int
     * read instead of the byte-by-byte name state machine. Returns where the value starts, or -1.
     */
    private int knownFieldStart(byte[] b, int pos) {
        int w = (int) INTS.get(b, pos);
        int at;
        if (w == DATA_LE && b[pos + 4] == COLON) {
            at = pos + 5;
            startField(F_DATA);
        } else if (w == EVEN_LE && b[pos + 4] == 't' && b[pos + 5] == COLON) {
            at = pos + 6;
            startField(F_EVENT);
        } else {
            return -1;
        }
        if (b[at] == SPACE) {
            at++;
        }
        state = VALUE;
        return at;
    }

    private int scanName(byte[] b, int pos, int end) {
        int n = nameLen;
        int i = pos;
        for (; i < end; i++) {
            byte c = b[i];
            if (c == COLON || c == LF || c == CR) {
                break;
            }
            if (n < MAX_NAME) {
                name[n] = c;
            }
            n++;
        }
        nameLen = n;
        lineLen += i - pos;
        if (i == end) {
            // The chunk ends inside the name. The name of a data or event line does not count (its value
            // does, as data or type), so while the name may still be one of those, wait: checking now would
            // make the limit error depend on where the chunk boundaries fall (found by fuzzing).
            if (!mayBeDataOrEvent(name, n)) {
                checkSize(0);
            }
            return end;
        }
        byte c = b[i];
        startField(classify(name, n));
        if (c == COLON) {
            if (field != F_DATA && field != F_EVENT) {
                lineLen++;
            }
            state = AFTER_COLON;
            checkSize(0);
            return i + 1;
        }
        // A line without a colon: the whole line is the name, the value is empty.
        checkSize(0);
        finishLine(c);
        return i + 1;
    }

    /** Whether the first {@code n} bytes of a name may still grow into {@code data} or {@code event}. */
    private static boolean mayBeDataOrEvent(byte[] name, int n) {
        return n <= 4 && Arrays.equals(name, 0, n, DATA_NAME, 0, n)
                || n <= 5 && Arrays.equals(name, 0, n, EVENT_NAME, 0, n);
    }

    private static int classify(byte[] name, int n) {
        if (n == 4) {
            if (name[0] == 'd' && name[1] == 'a' && name[2] == 't' && name[3] == 'a') {
                return F_DATA;
            }
        } else if (n == 5) {
            if (name[0] == 'e' && name[1] == 'v' && name[2] == 'e' && name[3] == 'n' && name[4] == 't') {
                return F_EVENT;
            }
            if (name[0] == 'r' && name[1] == 'e' && name[2] == 't' && name[3] == 'r' && name[4] == 'y') {
                return F_RETRY;
            }
        } else if (n == 2 && name[0] == 'i' && name[1] == 'd') {
            return F_ID;
        }
        return F_IGNORE;
    }

    private void startField(int f) {
        field = f;
        if (f == F_DATA) {
            // The spec appends value + LF and drops the final LF at dispatch: the same as joining with LF.
            lineLen = 0;
            if (hasData) {
                checkSize(1);
                ensureData(1);
                data[dataLen++] = LF;
            }
            hasData = true;
        } else if (f == F_EVENT) {
            typeLen = 0; // the last event field wins, so the previous type can go now
            lineLen = 0;
        } else if (f == F_ID) {
            valueLen = 0;
        } else if (f == F_RETRY) {
            retryValue = 0;
            retryOk = true;
            retryDigits = 0;
        }
    }

    private int scanValue(byte[] b, int pos, int end) {
        int eol = indexOfLineEnd(b, pos, end);
        int n = eol - pos;
        int f = field;
        if (n > 0) {
            if (f == F_DATA) {
                checkSize(n);
                ensureData(n);
                System.arraycopy(b, pos, data, dataLen, n);
                dataLen += n;
            } else if (f == F_EVENT) {
                checkSize(n);
                type = ensure(type, typeLen, n);
                System.arraycopy(b, pos, type, typeLen, n);
                typeLen += n;
            } else {
                lineLen += n;
                checkSize(0);
                if (f == F_ID) {
                    value = ensure(value, valueLen, n);
                    System.arraycopy(b, pos, value, valueLen, n);
                    valueLen += n;
                } else if (f == F_RETRY) {
                    parseRetry(b, pos, eol);
                }
            }
        }
        if (eol == end) {
            return end;
        }
        finishLine(b[eol]);
        return eol + 1;
    }

    private void parseRetry(byte[] b, int from, int to) {
        long v = retryValue;
        boolean ok = retryOk;
        for (int i = from; i < to && ok; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10) {
                ok = false; // not all ASCII digits, or past Long.MAX_VALUE: the field is ignored
            } else {
                v = v * 10 + d;
            }
        }
        retryValue = v;
        retryOk = ok;
        retryDigits += to - from;
    }

    /** Interprets the completed line's field; {@code terminator} is the CR or LF that ended it. */
    private void finishLine(byte terminator) {
        int f = field;
        if (f == F_ID) {
            setIdBuffer();
        } else if (f == F_RETRY && retryOk && retryDigits > 0) {
            reconnectionTime = retryValue;
            blockRetry = retryValue;
        }
        resetLine();
        skipLf = terminator == CR;
    }

    private void setIdBuffer() {
        byte[] v = value;
        int n = valueLen;
        for (int i = 0; i < n; i++) {
            if (v[i] == 0) {
                return; // an id containing NUL is ignored; the previous id stays
            }
        }
        if (!Arrays.equals(v, 0, n, idBuffer, 0, idBuffer.length)) {
            idBuffer = Arrays.copyOf(v, n);
            idString = null; // decoded when a blank line needs it
        }
    }

    private void resetLine() {
        state = LINE_START;
        field = F_IGNORE;
        nameLen = 0;
        lineLen = 0;
        valueLen = 0;
        if (value.length > RETAINED_DATA_CAPACITY) {
            value = new byte[INITIAL_SMALL_CAPACITY];
        }
    }

    private void blankLine() {
        String id = idString;
        if (id == null) {
            id = Utf8.decode(idBuffer);
            idString = id;
        }
        lastEventId = id;
        long retry = blockRetry;
        blockRetry = -1;
        if (!hasData) {
            typeLen = 0;
            return;
        }
        String t = eventType();
        int length = dataLen;
        byte[] bytes = data;
        dataLen = 0;
        hasData = false;
        typeLen = 0;
        if (data.length > RETAINED_DATA_CAPACITY && length < data.length / 4) {
            data = new byte[INITIAL_DATA_CAPACITY]; // do not pin a huge buffer after one huge event
        }
        if (type.length > RETAINED_DATA_CAPACITY) {
            type = new byte[INITIAL_SMALL_CAPACITY];
        }
        sink.onEvent(t, bytes, 0, length, id, retry);
    }

    /** The event type, reusing the previous event's String when the bytes are the same. */
    private String eventType() {
        int n = typeLen;
        if (n == 0) {
            return DEFAULT_TYPE;
        }
        if (!Arrays.equals(type, 0, n, lastTypeBytes, 0, lastTypeBytes.length)) {
            lastTypeBytes = Arrays.copyOf(type, n);
            lastType = Utf8.decode(lastTypeBytes);
        }
        return lastType;
    }

    /**
     * Fails the decoder if the block would hold more than the limit after {@code more} bytes are added
     * to the data or type buffer.
     */
    private void checkSize(int more) {
        long held = (long) dataLen + typeLen + lineLen + more;
        if (held > maxEventSize) {
            String message = String.format(Locale.ROOT,
                    "SSE event exceeds the maximum event size of %,d bytes; "
                            + "raise it with Brook.builder().maxEventSize(...) or check the server",
                    maxEventSize);
            failure = "SseDecoder failed earlier and cannot be used again: " + message;
            // Release what was buffered: the stream is over.
            data = new byte[0];
            type = new byte[0];
            value = new byte[0];
            dataLen = 0;
            typeLen = 0;
            valueLen = 0;
            throw new StreamProtocolException(message);
        }
    }

    private void ensureData(int more) {
        data = ensure(data, dataLen, more);
    }

    /** Grows {@code buf} to hold {@code len + more} bytes; never past the limit (checked before). */
    private byte[] ensure(byte[] buf, int len, int more) {
        int needed = len + more;
        if (needed <= buf.length) {
            return buf;
        }
        long doubled = Math.max((long) buf.length * 2, INITIAL_SMALL_CAPACITY);
        int capacity = (int) Math.min(Math.max(doubled, needed), maxEventSize);
        return Arrays.copyOf(buf, capacity);
    }

    /**
     * Index of the first CR or LF in {@code b[from, end)}, or {@code end}. Reads eight bytes at a time
     * and finds a matching byte with the classic "has zero byte" bit trick, so long data lines are
     * scanned at memory speed.
     */
    static int indexOfLineEnd(byte[] b, int from, int end) {
        int i = from;
        int last = end - Long.BYTES;
        while (i <= last) {
            long w = (long) LONGS.get(b, i);
            long x = w ^ LFS;
            long y = w ^ CRS;
            // Exact for the lowest set bit: borrows only create false hits above a true zero byte.
            long hits = (((x - ONES) & ~x) | ((y - ONES) & ~y)) & HIGHS;
            if (hits != 0) {
                return i + (Long.numberOfTrailingZeros(hits) >>> 3);
            }
            i += Long.BYTES;
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c == LF || c == CR) {
                return i;
            }
        }
        return end;
    }
}
