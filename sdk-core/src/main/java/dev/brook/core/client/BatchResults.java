package dev.brook.core.client;

import dev.brook.core.error.BrookException;
import dev.brook.core.error.ConnectionException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.error.StreamTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The results of a Message Batch ({@link Batches#results}), read from the response body one JSONL line at
 * a time as they are asked for: memory holds one line (and a 64 KiB read buffer), whatever the size of the
 * file. Blank lines are skipped; LF and CRLF both end a line.
 *
 * <p>Close it (try-with-resources) to release the connection when you stop early; it closes itself when
 * the body ends or a read fails. Reading runs on the call's clock: the idle timeout applies between body
 * bytes, the total timeout (if set) to the whole read.
 *
 * <pre>{@code
 * try (BatchResults results = brook.messages().batches().results(batchId)) {
 *     results.forEachRemaining(result -> System.out.println(result.customId() + " " + result.type()));
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one thread reads it; {@link #close()} may be called from any thread.
 */
public final class BatchResults implements Iterator<BatchResult>, AutoCloseable {
    /** The longest line read; a longer one is a protocol error. Same bound as a {@link Messages#create} reply. */
    static final int MAX_LINE = Messages.MAX_MESSAGE_BODY;
    private static final int READ_SIZE = 64 * 1024;

    private final Messages.OpenBody open;
    private final InputStream in;
    private byte[] buf = new byte[READ_SIZE];
    private int start;
    private int end;
    private int scanned;
    private boolean eof;
    private long lineNumber;
    private BatchResult next;
    private volatile boolean closed;

    BatchResults(Messages.OpenBody open) {
        this.open = open;
        this.in = open.body();
    }

    /** {@return the response's {@code request-id}, if it sent one} */
    public Optional<String> requestId() {
        return Optional.ofNullable(open.requestId());
    }

    /**
     * Reads up to the next result line if needed.
     *
     * @return whether there is another result
     * @throws StreamProtocolException when a line is not a result object or is longer than 64 MiB
     * @throws StreamTimeoutException when a timeout fires while reading
     * @throws ConnectionException when the connection fails while reading
     */
    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (closed) {
            return false;
        }
        try {
            while (true) {
                int length = nextLine();
                if (length < 0) {
                    close();
                    return false;
                }
                lineNumber++;
                int from = lastLineStart;
                int len = length > 0 && buf[from + length - 1] == '\r' ? length - 1 : length;
                if (isBlank(from, len)) {
                    continue;
                }
                try {
                    next = BatchResult.fromJson(buf, from, len);
                } catch (IllegalArgumentException e) {
                    throw new StreamProtocolException("Line " + lineNumber + " of the batch results is not a result: "
                            + e.getMessage() + "; check baseUrl and any proxy in between.", null, e, null,
                            open.requestId(), open.clock().attempts());
                }
                return true;
            }
        } catch (IOException e) {
            BrookException failure = open.failure(e);
            close();
            throw failure;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * @return the next result
     * @throws NoSuchElementException when there is none
     * @throws StreamProtocolException when a line is not a result object or is longer than 64 MiB
     * @throws StreamTimeoutException when a timeout fires while reading
     * @throws ConnectionException when the connection fails while reading
     */
    @Override
    public BatchResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more batch results");
        }
        BatchResult result = next;
        next = null;
        return result;
    }

    /**
     * The remaining results as a sequential stream that reads as it goes; closing the stream closes this.
     *
     * @return the stream
     */
    public Stream<BatchResult> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }

    /** Releases the connection (abort, not drain) and stops the call's clock. Idempotent; any thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        open.close();
    }

    @Override
    public String toString() {
        return "BatchResults{line " + lineNumber + (closed ? ", closed" : "") + "}";
    }

    /** Where the line last returned by {@link #nextLine()} starts in {@link #buf}. */
    private int lastLineStart;

    /**
     * Finds the next line: returns its length (without '\n') and sets {@link #lastLineStart}; -1 at the end.
     */
    private int nextLine() throws IOException {
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buf[i] == '\n') {
                    lastLineStart = start;
                    int length = i - start;
                    start = i + 1;
                    scanned = start;
                    return length;
                }
            }
            scanned = end;
            if (eof) {
                if (start < end) {
                    lastLineStart = start;
                    int length = end - start;
                    start = end;
                    return length;
                }
                return -1;
            }
            fill();
        }
    }

    /** Reads more bytes, first moving the partial line to the front, growing the buffer for a long line. */
    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            scanned -= start;
            start = 0;
        }
        if (end == buf.length) {
            if (buf.length > MAX_LINE) {
                throw new StreamProtocolException("A line of the batch results is longer than " + MAX_LINE
                        + " bytes (line " + (lineNumber + 1) + "); the results are not JSONL.", null, null, null,
                        open.requestId(), open.clock().attempts());
            }
            byte[] bigger = new byte[(int) Math.min((long) buf.length * 2, MAX_LINE + 1L)];
            System.arraycopy(buf, 0, bigger, 0, end);
            buf = bigger;
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    private boolean isBlank(int from, int length) {
        for (int i = from; i < from + length; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
