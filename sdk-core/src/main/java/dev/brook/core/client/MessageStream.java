package dev.brook.core.client;

import dev.brook.core.accumulate.MessageAccumulator;
import dev.brook.core.accumulate.MessageStreamDecoder;
import dev.brook.core.accumulate.StreamUpdate;
import dev.brook.core.backend.ResponseFraming;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.ConnectionException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta.TextDelta;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.internal.CallClock;
import dev.brook.core.internal.CallEvents;
import dev.brook.core.internal.StreamUpdates;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
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
    /**
     * The read buffer starts small and doubles, up to {@link #MAX_READ_BUFFER}, each time a read fills it:
     * a stream paced like the API's (a delta every few tens of milliseconds, one small read each) keeps
     * 2 KiB, which matters to a process holding thousands of open streams, while a stream the transport
     * has many bytes ready for reaches the full size after three reads. The decoder copies what it keeps,
     * so a buffer can be replaced between reads.
     */
    private static final int FIRST_READ_BUFFER = 2 * 1024;
    private static final int MAX_READ_BUFFER = 16 * 1024;
    private static final Cleaner CLEANER = Cleaner.create();

    private final Transport transport;
    private final TransportResponse response;
    private final InputStream body;
    private final CallClock clock;
    private final String requestId;
    private final CallEvents callEvents;
    private final Cleaner.Cleanable cleanable;
    private final ArrayDeque<StreamEvent> pending = new ArrayDeque<>();
    private final MessageStreamDecoder decoder;
    private byte[] buffer = new byte[FIRST_READ_BUFFER]; // read and replaced by the reading thread only
    private volatile boolean closed;
    private boolean ended;
    private long delivered;
    private BrookException failure;
    private Message finalMessage;

    /**
     * @param body the response body, already watched by {@code clock} (every read counts as waiting)
     * @param clock the call's clock, running since the call started; stopped when the stream ends
     */
    MessageStream(Transport transport, TransportResponse response, InputStream body, ResponseFraming framing,
            int maxEventSize, CallClock clock, String requestId, CallEvents events) {
        this.transport = transport;
        this.response = response;
        this.body = body;
        this.clock = clock;
        this.requestId = requestId;
        this.callEvents = events;
        this.decoder = new MessageStreamDecoder(events.watch(pending::add), framing, maxEventSize, requestId,
                clock.attempts());
        Release release = new Release(response, body, clock, events);
        clock.startBody(release::abort);
        this.cleanable = CLEANER.register(this, release);
    }

    /**
     * The {@code request-id} response header, to quote when reporting a problem.
     *
     * @return the request id; empty when the response had none
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** {@return the HTTP status of the response (a 2xx)} */
    public int statusCode() {
        return response.statusCode();
    }

    /**
     * The events, in order, read as the iterator advances. {@code hasNext()} blocks until the next event
     * arrives or the stream ends; it throws the stream's error, if any, after the last good event.
     *
     * @return the iterator, sharing this stream's one position with {@link #events()} and
     *     {@link #textStream()}
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

    /** {@return the events as a sequential {@link Stream}; closing it closes this stream} */
    public Stream<StreamEvent> events() {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    /**
     * What each event changes, as it arrives: text with the block's text so far, tool input fragments
     * with the input parsed so far (only when asked), thinking, signatures, citations, block starts and
     * final blocks, each with its block index; the same facts an async {@link StreamListener} gets. The
     * "so far" views are live: read them before taking the next update. It costs one more incremental
     * accumulation (each delta appended once, never the whole message rebuilt).
     *
     * @return the updates as a sequential {@link Stream}, sharing this stream's one position with
     *     {@link #events()}; closing it closes this stream
     * @throws IllegalStateException if events were already read from this stream: updates start from
     *     its first event
     */
    public Stream<StreamUpdate> updates() {
        if (delivered > 0) {
            throw new IllegalStateException("updates() starts from the first event, but " + delivered
                    + " events were already read from this stream; call it before reading any");
        }
        // Its own accumulator, fed as each event is taken: the decoder's runs ahead of what was delivered.
        MessageAccumulator live = new MessageAccumulator();
        return events().map(event -> {
            live.accept(event);
            return StreamUpdates.of(event, live);
        }).filter(Objects::nonNull);
    }

    /** {@return the text deltas of every text block, in order, as they arrive} */
    public Stream<String> textStream() {
        return events()
                .filter(e -> e instanceof ContentBlockDeltaEvent d && d.delta() instanceof TextDelta)
                .map(e -> ((TextDelta) ((ContentBlockDeltaEvent) e).delta()).text());
    }

    /**
     * Reads the rest of the stream and returns the accumulated message.
     *
     * @return the complete message
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
                    + " events", null, decoder.snapshot(), requestId, clock.attempts());
        }
        return finalMessage;
    }

    /**
     * Reads the rest of the stream and returns the text of all its text blocks, concatenated.
     *
     * @return the text of the final message; {@code ""} when it has no text block
     * @throws BrookException the stream's error, as {@link #finalMessage()} throws it
     */
    public String finalText() {
        return finalMessage().text();
    }

    /**
     * The message accumulated from the events read so far; empty before {@code message_start}. Each call
     * builds a fresh immutable value.
     *
     * @return the message so far; empty before {@code message_start}
     */
    public Optional<Message> snapshot() {
        return Optional.ofNullable(decoder.snapshot());
    }

    /** {@return whether {@code message_stop} has been read} */
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
        if (callEvents.active() && !callEvents.ended()) {
            reportClosed();
        }
        cleanable.clean();
    }

    /**
     * Tells the call listeners how a stream closed before its end was read ended: whole, when
     * {@code message_stop} had come (the reader stopped there), else cancelled.
     */
    private void reportClosed() {
        Message whole = null;
        try {
            whole = decoder.isComplete() ? decoder.snapshot() : null;
        } catch (RuntimeException racing) {
            // close() from another thread while the reader decodes: report what is certain, a cancel.
        }
        if (whole != null) {
            callEvents.succeeded(whole);
        } else {
            callEvents.failed(new CancellationException("The stream was closed after " + delivered
                    + " events, before its end"));
        }
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
        try {
            n = body.read(buffer, 0, buffer.length); // watched by the clock: a silent server is aborted
        } catch (IOException e) {
            n = -1;
            readError = e;
        } catch (RuntimeException e) {
            // A transport's stream broke its contract; end the stream rather than leave it half-failed.
            finish(new ConnectionException("Reading the response body failed after " + delivered + " events: " + e,
                    e, decoder.snapshot(), requestId, clock.attempts()));
            return;
        }
        if (n >= 0) {
            byte[] read = buffer;
            if (n == read.length && read.length < MAX_READ_BUFFER) {
                buffer = new byte[read.length * 2];
            }
            try {
                decoder.feed(read, 0, n);
            } catch (BrookException e) {
                finish(e);
            } catch (RuntimeException e) {
                finish(new StreamProtocolException("Decoding the stream failed after " + delivered + " events: " + e,
                        null, e, decoder.snapshot(), requestId, clock.attempts()));
            }
            return;
        }
        StreamTimeoutException.Kind fired = clock.fired();
        if (fired != null && !decoder.isComplete()) {
            finish(clock.inBody(fired, delivered, readError, decoder.snapshot(), requestId));
        } else if (closed) {
            finish(null);
        } else if (readError instanceof SocketTimeoutException && !decoder.isComplete()) {
            finish(clock.inBody(StreamTimeoutException.Kind.IDLE, delivered, readError, decoder.snapshot(), requestId));
        } else {
            // EOF, or the connection dropped, or a timeout while only the end of a whole reply was awaited:
            // either way the body ended. Whether that loses anything is the decoder's call: before
            // message_stop it is an incomplete stream carrying the snapshot.
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
        if (error != null) {
            callEvents.failed(error);
        } else if (finalMessage != null) {
            callEvents.succeeded(finalMessage);
        }
        cleanable.clean(); // closed before the end, with no report above: the release reports a cancel
    }

    /** Frees the exchange; holds no reference to the stream, so the stream can become unreachable. */
    private static final class Release implements Runnable {
        private final TransportResponse response;
        private final InputStream body;
        private final CallClock clock;
        private final CallEvents events;

        Release(TransportResponse response, InputStream body, CallClock clock, CallEvents events) {
            this.response = response;
            this.body = body;
            this.clock = clock;
            this.events = events;
        }

        /** Called when the clock fires: wake the reader without stopping the clock's verdict. */
        void abort() {
            closeQuietly();
        }

        @Override
        public void run() {
            clock.stop();
            closeQuietly();
            // A no-op when the end or the close was reported; else the stream was dropped unclosed. Guarded:
            // without a listener, no exception (and no stack trace) is made for every stream.
            if (events.active()) {
                events.failed(new CancellationException("The stream was released before its end: it was closed,"
                        + " or became unreachable without being closed"));
            }
        }

        private void closeQuietly() {
            // The response first: only its abort is sure not to drain; a body stream's close might.
            try {
                response.close();
            } finally {
                try {
                    body.close();
                } catch (IOException | RuntimeException ignored) {
                    // Best effort: the abort above has released the connection.
                }
            }
        }
    }
}
