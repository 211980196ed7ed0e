package dev.brook.core.internal;

import dev.brook.core.client.Brook;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.transport.TransportHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Undoes a {@code content-encoding} the transport left in place. Stacks that decompress on their own
 * (OkHttp, Apache classic) remove the header when they do; the JDK client and others pass gzip through,
 * so the core decodes it, the same way for every transport.
 */
public final class ContentDecoding {
    private ContentDecoding() {
    }

    /** Whether the body needs decoding before it is SSE. */
    public static boolean isEncoded(TransportHeaders headers) {
        String encoding = encoding(headers);
        return !encoding.isEmpty() && !encoding.equals("identity");
    }

    /**
     * @throws StreamProtocolException for an encoding other than gzip
     */
    public static InputStream decode(InputStream raw, TransportHeaders headers) {
        String encoding = encoding(headers);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            return raw;
        }
        if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
            return new LazyGzip(raw);
        }
        throw new StreamProtocolException("Unsupported content-encoding '" + encoding + "': Brook decodes gzip only. "
                + "Remove the Accept-Encoding your client or proxy adds, or let the HTTP client decode it.");
    }

    private static String encoding(TransportHeaders headers) {
        return headers.firstValue("content-encoding").orElse("").trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the gzip header on the first read, not on construction, so no I/O happens before the stream's
     * timeouts are armed. Closing closes the raw stream, which wakes a blocked read.
     */
    private static final class LazyGzip extends InputStream {
        private final InputStream raw;
        private volatile GZIPInputStream gzip;

        LazyGzip(InputStream raw) {
            this.raw = raw;
        }

        private GZIPInputStream gzip() throws IOException {
            GZIPInputStream g = gzip;
            if (g == null) {
                g = new GZIPInputStream(raw, 8192);
                gzip = g;
            }
            return g;
        }

        @Override
        public int read() throws IOException {
            return gzip().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return gzip().read(b, off, len);
        }

        /**
         * Closes the raw stream only: ending the inflater here could race a reader inflating on another
         * thread. The reader sees the end; the inflater's memory goes with the stream.
         */
        @Override
        public void close() throws IOException {
            raw.close();
        }
    }
}
