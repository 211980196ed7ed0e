package dev.brook.core.internal;

import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The hot path of {@link EventParser}: a strict, allocation-lean reader for the common shape of
 * {@code content_block_delta} with a text, thinking, signature or input-JSON delta, straight from the
 * UTF-8 bytes.
 *
 * <p>It accepts only valid JSON of exactly that shape (keys {@code type}, {@code index}, {@code delta} in
 * any order; delta keys {@code type} and the one payload key). Anything else — other keys, escapes in
 * keys, duplicate keys, invalid UTF-8, malformed JSON — returns {@code null} and the caller falls back to
 * Jackson, which then either handles the shape or reports the error. So this class can only make the
 * common case faster, never change a result.
 *
 * <p><b>Not thread-safe:</b> it keeps a small buffer to decode escaped or non-ASCII text into, so that a
 * delta allocates only its {@code String}. Use one instance per stream.
 */
public final class FastDeltaParser {
    private static final int FAIL = -1;

    private static final byte[] K_TYPE = ascii("type");
    private static final byte[] K_INDEX = ascii("index");
    private static final byte[] K_DELTA = ascii("delta");
    private static final byte[] V_CONTENT_BLOCK_DELTA = ascii("content_block_delta");
    // Delta kinds and their payload keys, in matching order.
    private static final byte[][] DELTA_TYPES = {
        ascii("text_delta"), ascii("input_json_delta"), ascii("thinking_delta"), ascii("signature_delta")};
    private static final byte[][] PAYLOAD_KEYS = {
        ascii("text"), ascii("partial_json"), ascii("thinking"), ascii("signature")};

    // The compact form the API sends: {"type":"content_block_delta","index":N,"delta":{"type":"K","P":"…"}}.
    private static final byte[] COMPACT_HEAD = ascii("{\"type\":\"content_block_delta\",\"index\":");
    private static final byte[] COMPACT_DELTA = ascii(",\"delta\":{\"type\":\"");
    // Per delta kind, in DELTA_TYPES order: the kind, then its payload key up to the payload's opening quote.
    private static final byte[][] COMPACT_KINDS = {
        ascii("text_delta\",\"text\":\""), ascii("input_json_delta\",\"partial_json\":\""),
        ascii("thinking_delta\",\"thinking\":\""), ascii("signature_delta\",\"signature\":\"")};
    private static final byte[] COMPACT_TAIL = ascii("\"}}");

    /** Deltas longer than this decode into a buffer of their own, so the kept buffer stays small. */
    private static final int MAX_KEPT_BUFFER = 8 * 1024;

    private char[] buffer = new char[64];

    FastDeltaParser() {
    }

    /**
     * Parses {@code b[off, off+len)} as a {@code content_block_delta} of a common kind, or returns
     * {@code null} when it is anything else (including malformed).
     *
     * @param requireType whether the JSON {@code type} field must be present (true when the SSE event had
     *     no name, so the JSON type is what says this is a delta)
     */
    ContentBlockDeltaEvent tryParse(byte[] b, int off, int len, boolean requireType) {
        final int end = off + len;
        ContentBlockDeltaEvent compact = tryCompact(b, off, end);
        if (compact != null) {
            return compact;
        }
        int p = skipWs(b, off, end);
        if (p >= end || b[p] != '{') {
            return null;
        }
        p = skipWs(b, p + 1, end);
        boolean seenType = false;
        int index = -1;
        int deltaKind = -1;
        int payloadStart = -1;
        int payloadQuote = -1;
        if (p < end && b[p] == '}') {
            return null; // empty object: not the shape
        }
        while (true) {
            // key
            if (p >= end || b[p] != '"') {
                return null;
            }
            int kq = scanString(b, p + 1, end);
            if (kq == FAIL) {
                return null;
            }
            int ks = p + 1;
            p = skipWs(b, kq + 1, end);
            if (p >= end || b[p] != ':') {
                return null;
            }
            p = skipWs(b, p + 1, end);
            if (p >= end) {
                return null;
            }
            if (equals(b, ks, kq, K_TYPE)) {
                if (seenType || b[p] != '"') {
                    return null;
                }
                int vq = scanString(b, p + 1, end);
                if (vq == FAIL || !equals(b, p + 1, vq, V_CONTENT_BLOCK_DELTA)) {
                    return null;
                }
                seenType = true;
                p = vq + 1;
            } else if (equals(b, ks, kq, K_INDEX)) {
                if (index >= 0) {
                    return null;
                }
                int q = indexEnd(b, p, end);
                if (q == FAIL || (q < end && (b[q] == '.' || b[q] == 'e' || b[q] == 'E'))) {
                    return null;
                }
                index = indexValue(b, p, q);
                p = q;
            } else if (equals(b, ks, kq, K_DELTA)) {
                if (deltaKind >= 0 || b[p] != '{') {
                    return null;
                }
                // delta object: "type" and exactly one payload key
                p = skipWs(b, p + 1, end);
                int kind = -1;
                int payloadKey = -1;
                if (p < end && b[p] == '}') {
                    return null;
                }
                while (true) {
                    if (p >= end || b[p] != '"') {
                        return null;
                    }
                    int dq = scanString(b, p + 1, end);
                    if (dq == FAIL) {
                        return null;
                    }
                    int ds = p + 1;
                    p = skipWs(b, dq + 1, end);
                    if (p >= end || b[p] != ':') {
                        return null;
                    }
                    p = skipWs(b, p + 1, end);
                    if (p >= end || b[p] != '"') {
                        return null; // every value of this shape is a string
                    }
                    int vq = scanString(b, p + 1, end);
                    if (vq == FAIL) {
                        return null;
                    }
                    if (equals(b, ds, dq, K_TYPE)) {
                        if (kind >= 0) {
                            return null;
                        }
                        kind = indexOf(DELTA_TYPES, b, p + 1, vq);
                        if (kind < 0) {
                            return null;
                        }
                    } else {
                        int k = indexOf(PAYLOAD_KEYS, b, ds, dq);
                        if (k < 0 || payloadKey >= 0) {
                            return null;
                        }
                        payloadKey = k;
                        payloadStart = p + 1;
                        payloadQuote = vq;
                    }
                    p = skipWs(b, vq + 1, end);
                    if (p < end && b[p] == ',') {
                        p = skipWs(b, p + 1, end);
                        continue;
                    }
                    if (p < end && b[p] == '}') {
                        p++;
                        break;
                    }
                    return null;
                }
                if (kind < 0 || kind != payloadKey) {
                    return null;
                }
                deltaKind = kind;
            } else {
                return null;
            }
            p = skipWs(b, p, end);
            if (p < end && b[p] == ',') {
                p = skipWs(b, p + 1, end);
                continue;
            }
            if (p < end && b[p] == '}') {
                p++;
                break;
            }
            return null;
        }
        if (skipWs(b, p, end) != end || index < 0 || deltaKind < 0 || (requireType && !seenType)) {
            return null;
        }
        String payload = decode(b, payloadStart, payloadQuote);
        if (payload == null) {
            return null;
        }
        return new ContentBlockDeltaEvent(index, delta(deltaKind, payload));
    }

    /** The delta of kind {@code kind} (an index into {@link #DELTA_TYPES}) carrying {@code payload}. */
    private static Delta delta(int kind, String payload) {
        switch (kind) {
            case 0: return new Delta.TextDelta(payload);
            case 1: return new Delta.InputJsonDelta(payload);
            case 2: return new Delta.ThinkingDelta(payload);
            default: return new Delta.SignatureDelta(payload);
        }
    }

    /**
     * The API's own compact form, matched by whole runs of fixed bytes (vectorised comparisons) rather
     * than token by token; null for anything else, which the general grammar above then reads. It accepts
     * a subset of what that grammar accepts and builds the same event.
     */
    private ContentBlockDeltaEvent tryCompact(byte[] b, int off, int end) {
        if (!startsWith(b, off, end, COMPACT_HEAD)) {
            return null;
        }
        int p = off + COMPACT_HEAD.length;
        int q = indexEnd(b, p, end);
        if (q == FAIL || !startsWith(b, q, end, COMPACT_DELTA)) {
            return null;
        }
        int index = indexValue(b, p, q);
        p = q + COMPACT_DELTA.length;
        int kind = -1;
        for (int k = 0; k < COMPACT_KINDS.length; k++) {
            if (startsWith(b, p, end, COMPACT_KINDS[k])) {
                kind = k;
                break;
            }
        }
        if (kind < 0) {
            return null;
        }
        int payloadStart = p + COMPACT_KINDS[kind].length;
        int payloadQuote = scanString(b, payloadStart, end);
        if (payloadQuote == FAIL || !startsWith(b, payloadQuote, end, COMPACT_TAIL)
                || skipWs(b, payloadQuote + COMPACT_TAIL.length, end) != end) {
            return null;
        }
        String payload = decode(b, payloadStart, payloadQuote);
        return payload == null ? null : new ContentBlockDeltaEvent(index, delta(kind, payload));
    }

    /**
     * Where the digits of an index starting at {@code p} end: a non-negative integer that fits an
     * {@code int}, without sign or leading zero; {@link #FAIL} otherwise. What follows is the caller's to
     * check (a fraction or exponent would make it no integer).
     */
    private static int indexEnd(byte[] b, int p, int end) {
        int q = p;
        long v = 0;
        while (q < end && b[q] >= '0' && b[q] <= '9') {
            v = v * 10 + (b[q] - '0');
            if (v > Integer.MAX_VALUE) {
                return FAIL;
            }
            q++;
        }
        return q == p || (q - p > 1 && b[p] == '0') ? FAIL : q;
    }

    /** The value of the digits in {@code b[p, q)}, already checked by {@link #indexEnd}. */
    private static int indexValue(byte[] b, int p, int q) {
        int v = 0;
        for (int i = p; i < q; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    private static boolean startsWith(byte[] b, int p, int end, byte[] lit) {
        return end - p >= lit.length && Arrays.equals(b, p, p + lit.length, lit, 0, lit.length);
    }

    private static int skipWs(byte[] b, int p, int end) {
        while (p < end) {
            byte c = b[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            p++;
        }
        return p;
    }

    /**
     * Finds the closing quote of a string whose content starts at {@code p}; {@link #FAIL} on a raw
     * control character, a bad escape or the end of input. UTF-8 is validated later, by {@link #decode}.
     */
    private static int scanString(byte[] b, int p, int end) {
        while (p < end) {
            int c = b[p];
            if (c == '"') {
                return p;
            }
            if (c == '\\') {
                if (p + 1 >= end) {
                    return FAIL;
                }
                byte e = b[p + 1];
                if (e == 'u') {
                    if (p + 5 >= end) {
                        return FAIL;
                    }
                    for (int i = p + 2; i < p + 6; i++) {
                        if (hex(b[i]) < 0) {
                            return FAIL;
                        }
                    }
                    p += 6;
                    continue;
                }
                if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
                        && e != 't') {
                    return FAIL;
                }
                p += 2;
                continue;
            }
            if (c >= 0 && c < 0x20) {
                return FAIL;
            }
            p++;
        }
        return FAIL;
    }

    /** The string in {@code b[s, q)} (already scanned), or null when its UTF-8 is invalid. */
    private String decode(byte[] b, int s, int q) {
        int i = s;
        while (i < q && b[i] >= 0 && b[i] != '\\') {
            i++;
        }
        if (i == q) {
            // All ASCII, no escapes: one copy into a compact Latin-1 string.
            return new String(b, s, q - s, StandardCharsets.ISO_8859_1);
        }
        // Never more chars than bytes: an escape or a multi-byte sequence only shrinks.
        char[] out = bufferFor(q - s);
        int n = 0;
        for (int j = s; j < i; j++) {
            out[n++] = (char) b[j];
        }
        while (i < q) {
            int c = b[i];
            if (c == '\\') {
                byte e = b[i + 1];
                switch (e) {
                    case 'n': out[n++] = '\n'; i += 2; break;
                    case 't': out[n++] = '\t'; i += 2; break;
                    case 'r': out[n++] = '\r'; i += 2; break;
                    case 'b': out[n++] = '\b'; i += 2; break;
                    case 'f': out[n++] = '\f'; i += 2; break;
                    case 'u':
                        out[n++] = (char) ((hex(b[i + 2]) << 12) | (hex(b[i + 3]) << 8)
                                | (hex(b[i + 4]) << 4) | hex(b[i + 5]));
                        i += 6;
                        break;
                    default: out[n++] = (char) e; i += 2; break; // " \ /
                }
            } else if (c >= 0) {
                out[n++] = (char) c;
                i++;
            } else if ((c & 0xE0) == 0xC0) {
                if (i + 1 >= q || !cont(b[i + 1])) {
                    return null;
                }
                int cp = ((c & 0x1F) << 6) | (b[i + 1] & 0x3F);
                if (cp < 0x80) {
                    return null; // overlong
                }
                out[n++] = (char) cp;
                i += 2;
            } else if ((c & 0xF0) == 0xE0) {
                if (i + 2 >= q || !cont(b[i + 1]) || !cont(b[i + 2])) {
                    return null;
                }
                int cp = ((c & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F);
                if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    return null; // overlong or an encoded surrogate
                }
                out[n++] = (char) cp;
                i += 3;
            } else if ((c & 0xF8) == 0xF0) {
                if (i + 3 >= q || !cont(b[i + 1]) || !cont(b[i + 2]) || !cont(b[i + 3])) {
                    return null;
                }
                int cp = ((c & 0x07) << 18) | ((b[i + 1] & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6)
                        | (b[i + 3] & 0x3F);
                if (cp < 0x10000 || cp > 0x10FFFF) {
                    return null;
                }
                out[n++] = Character.highSurrogate(cp);
                out[n++] = Character.lowSurrogate(cp);
                i += 4;
            } else {
                return null;
            }
        }
        return new String(out, 0, n);
    }

    private char[] bufferFor(int chars) {
        if (chars <= buffer.length) {
            return buffer;
        }
        if (chars > MAX_KEPT_BUFFER) {
            return new char[chars];
        }
        buffer = new char[Math.max(chars, Math.min(MAX_KEPT_BUFFER, buffer.length * 2))];
        return buffer;
    }

    private static boolean cont(byte c) {
        return (c & 0xC0) == 0x80;
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean equals(byte[] b, int s, int e, byte[] lit) {
        if (e - s != lit.length) {
            return false;
        }
        for (int i = 0; i < lit.length; i++) {
            if (b[s + i] != lit[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[][] lits, byte[] b, int s, int e) {
        for (int i = 0; i < lits.length; i++) {
            if (equals(b, s, e, lits[i])) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
