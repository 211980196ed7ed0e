package dev.brook.core.sse;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 decoding exactly as the WHATWG Encoding Standard specifies, which event streams require.
 *
 * <p>The JDK decoder agrees on valid input but not on every invalid one: it turns a 3-byte encoded
 * surrogate ({@code ED A0 80}) into one U+FFFD where the standard gives one per byte (the standard's
 * "maximal subpart" rule). Valid input, by far the common case, takes the JDK's fast path; only a
 * result that contains U+FFFD is decoded again here.
 */
final class Utf8 {
    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {}

    /** Decodes {@code b[off, off + len)}; each invalid sequence becomes U+FFFD as WHATWG prescribes. */
    static String decode(byte[] b, int off, int len) {
        String fast = new String(b, off, len, StandardCharsets.UTF_8);
        if (fast.indexOf(REPLACEMENT) < 0) {
            return fast; // no replacement means the input was valid, and then both decoders agree
        }
        return decodeWhatwg(b, off, len);
    }

    static String decode(byte[] b) {
        return decode(b, 0, b.length);
    }

    /** The Encoding Standard's UTF-8 decoder, with the replacement error mode. */
    static String decodeWhatwg(byte[] b, int off, int len) {
        StringBuilder out = new StringBuilder(len);
        int needed = 0;
        int seen = 0;
        int codePoint = 0;
        int lower = 0x80;
        int upper = 0xBF;
        int end = off + len;
        int i = off;
        while (i < end) {
            int x = b[i] & 0xFF;
            if (needed == 0) {
                i++;
                if (x <= 0x7F) {
                    out.append((char) x);
                } else if (x >= 0xC2 && x <= 0xDF) {
                    needed = 1;
                    codePoint = x & 0x1F;
                } else if (x >= 0xE0 && x <= 0xEF) {
                    if (x == 0xE0) {
                        lower = 0xA0;
                    } else if (x == 0xED) {
                        upper = 0x9F;
                    }
                    needed = 2;
                    codePoint = x & 0x0F;
                } else if (x >= 0xF0 && x <= 0xF4) {
                    if (x == 0xF0) {
                        lower = 0x90;
                    } else if (x == 0xF4) {
                        upper = 0x8F;
                    }
                    needed = 3;
                    codePoint = x & 0x07;
                } else {
                    out.append(REPLACEMENT);
                }
                continue;
            }
            if (x < lower || x > upper) {
                // The sequence so far is one error; this byte is not consumed and starts afresh.
                needed = 0;
                seen = 0;
                codePoint = 0;
                lower = 0x80;
                upper = 0xBF;
                out.append(REPLACEMENT);
                continue;
            }
            i++;
            lower = 0x80;
            upper = 0xBF;
            codePoint = (codePoint << 6) | (x & 0x3F);
            if (++seen == needed) {
                out.appendCodePoint(codePoint);
                needed = 0;
                seen = 0;
                codePoint = 0;
            }
        }
        if (needed != 0) {
            out.append(REPLACEMENT);
        }
        return out.toString();
    }
}
