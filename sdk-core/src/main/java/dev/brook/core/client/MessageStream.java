package dev.brook.core.client;

import dev.brook.core.accumulate.MessageStreamDecoder;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.ConnectionException;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta.TextDelta;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One streamed reply: iterate its events, or take its text, or wait for the final message.
 *
 * <pre>{@code
 * try (MessageStream stream = brook.messages().stream(request)) {
 *     stream.textStream().forEach(System.out::print);
 *     Message reply = stream.finalMessage();
 * }
 * }</pre>
 *
 * <p>Events are read on the calling thread as it asks for them; nothing is buffered beyond the events of
 * the last chunk read. The stream can be iterated once: {@link #iterator()}, {@link #events()} and
 * {@link #textStream()} share one position. A stream error is thrown from the iteration after every
 * event before it was delivered, and carries the message accumulated so far:
 * {@code StreamErrorException} ({@code event: error}), {@code IncompleteStreamException} (the body ended
 * or the connection dropped before {@code message_stop}), {@code StreamProtocolException},
 * {@code StreamTimeoutException} (idle or total timeout).
 *
 * <p>Close it (try-with-resources): a stream abandoned without closing is released when it becomes
 * unreachable, but only at the garbage collector's pace. Not thread-safe, except {@link #close()}, which
 * may be called from any thread: it aborts the exchange, releases the connection without reading the
 * rest, and wakes a blocked reader, whose iteration then ends.
 */
public final class MessageStream implements AutoCloseable, Iterable<StreamEvent> {
    private static final int READ_BUFFER = 16 * 1024;
    private static final Cleaner CLEANER = Cleaner.create();

    private final Transport transport;
    private final TransportResponse response;
    private final InputStream body;
    private final Duration idleTimeout;
    private final Duration totalTimeout;
    private final StreamWatchdog watchdog;
    private final Cleaner.Cleanable cleanable;
    private final ArrayDeque<StreamEvent> pending = new ArrayDeque<>();
    private final MessageStreamDecoder decoder;
    private final byte[] buffer = new byte[READ_BUFFER];
    private volatile boolean closed;
    private boolean ended;
    private long delivered;
    private BrookException failure;
    private Message finalMessage;

    MessageStream(Transport transport, TransportResponse response, InputStream body, int maxEventSize,
            Duration idleTimeout, Duration totalTimeout) {
        this.transport = transport;
        this.response = response;
        this.body = body;
        this.idleTimeout = idleTimeout;
        this.totalTimeout = totalTimeout;
        this.decoder = new MessageStreamDecoder(pending::add, maxEventSize);
        Release release = new Release(response, body);
        this.watchdog = new StreamWatchdog(idleTimeout, totalTimeout, release::abort);
        release.watchdog = watchdog;
        this.cleanable = CLEANER.register(this, release);
    }

    /** The {@code request-id} response header, to quote when reporting a problem. */
    public Optional<String> requestId() {
        return response.headers().firstValue("request-id");
    }

    /** The HTTP status of the response (a 2xx). */
    public int statusCode() {
        return response.statusCode();
    }

    /**
     * The events, in order, read as the iterator advances. {@code hasNext()} blocks until the next event
     * arrives or the stream ends; it throws the stream's error, if any, after the last good event.
     */
    @Override
    public Iterator<StreamEvent> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return fill();
            }

            @Override
            public StreamEvent next() {
                if (!fill()) {
                    throw new NoSuchElementException("the stream has ended");
                }
                delivered++;
                return pending.poll();
            }
        };
    }

    /** The events as a sequential {@link Stream}; closing it closes this stream. */
    public Stream<StreamEvent> events() {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    /** The text deltas of every text block, in order, as they arrive. */
    public Stream<String> textStream() {
        return events()
                .filter(e -> e instanceof ContentBlockDeltaEvent d && d.delta() instanceof TextDelta)
                .map(e -> ((TextDelta) ((ContentBlockDeltaEvent) e).delta()).text());
    }

    /**
     * Reads the rest of the stream and returns the accumulated message.
     *
     * @throws BrookException the stream's error, carrying the snapshot; a {@code ConnectionException}
     *     when the stream was closed before {@code message_stop}
     */
    public Message finalMessage() {
        while (fill()) {
            pending.poll();
            delivered++;
        }
        if (finalMessage == null) {
            throw new ConnectionException("The stream was closed before message_stop, after " + delivered
                    + " events", null, decoder.snapshot());
        }
        return finalMessage;
    }

    /** Reads the rest of the stream and returns the text of all its text blocks, concatenated. */
    public String finalText() {
        return finalMessage().text();
    }

    /**
     * The message accumulated from the events read so far; empty before {@code message_start}. Each call
     * builds a fresh immutable value.
     */
    public Optional<Message> snapshot() {
        return Optional.ofNullable(decoder.snapshot());
    }

    /** Whether {@code message_stop} has been read. */
    public boolean isComplete() {
        return decoder.isComplete();
    }

    /**
     * Aborts the exchange and releases the connection without reading the rest of the body. Callable
     * from any thread, more than once; a reader blocked in this stream wakes up and sees the end.
     */
    @Override
    public void close() {
        closed = true;
        cleanable.clean();
    }

    /** Reads until an event is pending or the stream has ended; true when an event is pending. */
    private boolean fill() {
        while (pending.isEmpty()) {
            if (ended) {
                if (failure != null) {
                    throw failure;
                }
                return false;
            }
            if (closed) {
                ended = true;
                return false;
            }
            readOnce();
        }
        return true;
    }

    private void readOnce() {
        transport.checkBlockingAllowed();
        int n;
        IOException readError = null;
        watchdog.readStarted();
        try {
            n = body.read(buffer, 0, buffer.length);
        } catch (IOException e) {
            n = -1;
            readError = e;
        } finally {
            watchdog.readEnded();
        }
        if (n >= 0) {
            try {
                decoder.feed(buffer, 0, n);
            } catch (BrookException e) {
                finish(e);
            }
            return;
        }
        StreamTimeoutException.Kind fired = watchdog.fired();
        if (fired != null) {
            finish(timeout(fired, fired == StreamTimeoutException.Kind.IDLE ? idleTimeout : totalTimeout, readError));
        } else if (closed) {
            finish(null);
        } else if (readError instanceof SocketTimeoutException) {
            finish(timeout(StreamTimeoutException.Kind.IDLE, idleTimeout, readError));
        } else {
            // EOF, or the connection dropped: either way the body ended. Whether that loses anything is
            // the decoder's call: before message_stop it is an incomplete stream carrying the snapshot.
            try {
                finalMessage = decoder.end();
                finish(null);
            } catch (BrookException e) {
                if (readError != null) {
                    e.addSuppressed(readError);
                }
                finish(e);
            }
        }
    }

    private void finish(BrookException error) {
        ended = true;
        failure = error;
        cleanable.clean();
    }

    private StreamTimeoutException timeout(StreamTimeoutException.Kind kind, Duration value, IOException cause) {
        return StreamWatchdog.timeoutError(kind, value, delivered, cause, decoder.snapshot());
    }

    /** Frees the exchange; holds no reference to the stream, so the stream can become unreachable. */
    private static final class Release implements Runnable {
        private final TransportResponse response;
        private final InputStream body;
        private StreamWatchdog watchdog;

        Release(TransportResponse response, InputStream body) {
            this.response = response;
            this.body = body;
        }

        /** Called by the watchdog: wake the reader without stopping the watchdog's verdict. */
        void abort() {
            closeQuietly();
        }

        @Override
        public void run() {
            if (watchdog != null) {
                watchdog.stop();
            }
            closeQuietly();
        }

        private void closeQuietly() {
            try {
                body.close();
            } catch (IOException | RuntimeException ignored) {
                // Best effort: the response abort below releases the connection regardless.
            }
            response.close();
        }
    }
}
