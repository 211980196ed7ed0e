package dev.brook.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * One response for {@link FakeMessagesServer} to replay: a status, headers, and a body given as a
 * script of steps — chunks (each with a delay before it, each flushed to the socket on its own), stalls,
 * waits for a signal from the test, copies of a chunk paced by permits from the test, and faults that end
 * the connection mid-body.
 *
 * <p>By default the body is sent with {@code Transfer-Encoding: chunked}, one HTTP chunk per scripted
 * chunk, so each arrives at the client as soon as it is written. The server adds the framing headers
 * ({@code Transfer-Encoding} or {@code Content-Length}, {@code Content-Encoding} for {@link
 * Builder#gzip()}, {@code Connection: close} when it will close); the script may not set them itself.
 *
 * <pre>{@code
 * ScriptedResponse response = ScriptedResponse.builder()
 *         .header("content-type", "text/event-stream")
 *         .chunk("event: message_start\ndata: {...}\n\n")
 *         .chunk("event: content_block_delta\ndata: {...}\n\n", Duration.ofMillis(50))
 *         .awaitSignal(clientSawDelta, Duration.ofSeconds(5))
 *         .chunk("event: message_stop\ndata: {...}\n\n")
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; one instance may be served any number of times, also concurrently. A
 * signal step holds a reference to its future or latch; once that completes, later serves do not wait.
 */
public final class ScriptedResponse {
    private static final String SSE_CONTENT_TYPE = "text/event-stream";

    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final List<Step> steps;
    private final boolean gzip;
    private final boolean fixedLength;
    private final Duration headersDelay;
    private final boolean goAwayBeforeHeaders;

    private ScriptedResponse(Builder b) {
        this.status = b.status;
        this.headers = Collections.unmodifiableList(new ArrayList<>(b.headers));
        this.steps = List.copyOf(b.steps);
        this.gzip = b.gzip;
        this.fixedLength = b.fixedLength;
        this.headersDelay = b.headersDelay;
        this.goAwayBeforeHeaders = b.goAwayBeforeHeaders;
    }

    /**
     * Starts an empty script: status 200, no headers, an empty chunked body.
     *
     * @return a new builder; builders are not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A 200 event stream: {@code content-type: text/event-stream}, {@code cache-control: no-cache},
     * the whole body as one chunk, chunked transfer encoding.
     *
     * @param body the event-stream text, sent as UTF-8
     * @return the response
     * @throws NullPointerException if {@code body} is null
     */
    public static ScriptedResponse sse(String body) {
        return sse(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A 200 event stream: {@code content-type: text/event-stream}, {@code cache-control: no-cache},
     * the whole body as one chunk, chunked transfer encoding.
     *
     * @param body the event-stream bytes; copied
     * @return the response
     * @throws NullPointerException if {@code body} is null
     */
    public static ScriptedResponse sse(byte[] body) {
        return sseBuilder().chunk(body).build();
    }

    /**
     * A 200 event stream replayed in fixed-size pieces, regardless of where events and lines end: the
     * first piece at once, each next one {@code delayBetween} later. Useful to prove a client decodes
     * the same events from any split.
     *
     * @param body the event-stream bytes; copied
     * @param chunkSize the largest piece in bytes; the last piece may be smaller
     * @param delayBetween the pause before every piece but the first; {@link Duration#ZERO} for none
     * @return the response
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code chunkSize < 1} or {@code delayBetween} is negative
     */
    public static ScriptedResponse sseInChunks(byte[] body, int chunkSize, Duration delayBetween) {
        Objects.requireNonNull(body, "body");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize < 1: " + chunkSize);
        }
        checkNotNegative(delayBetween, "delayBetween");
        Builder b = sseBuilder();
        for (int start = 0; start < body.length; start += chunkSize) {
            byte[] piece = Arrays.copyOfRange(body, start, Math.min(body.length, start + chunkSize));
            b.chunk(piece, start == 0 ? Duration.ZERO : delayBetween);
        }
        return b.build();
    }

    /**
     * A 200 event stream replayed event by event: the body is cut after each blank line (see {@link
     * #splitAfterBlankLines(byte[])}), the first event sent at once and each next one {@code
     * delayBetween} later.
     *
     * @param body the event-stream bytes; copied
     * @param delayBetween the pause before every event but the first; {@link Duration#ZERO} for none
     * @return the response
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code delayBetween} is negative
     */
    public static ScriptedResponse sseByEvent(byte[] body, Duration delayBetween) {
        Objects.requireNonNull(body, "body");
        checkNotNegative(delayBetween, "delayBetween");
        Builder b = sseBuilder();
        List<byte[]> events = splitAfterBlankLines(body);
        for (int i = 0; i < events.size(); i++) {
            b.chunk(events.get(i), i == 0 ? Duration.ZERO : delayBetween);
        }
        return b.build();
    }

    /**
     * A JSON response with a {@code Content-Length}: {@code content-type: application/json}.
     *
     * @param status the HTTP status, 100 to 999
     * @param body the JSON text, sent as UTF-8
     * @return the response
     * @throws NullPointerException if {@code body} is null
     * @throws IllegalArgumentException if {@code status} is out of range
     */
    public static ScriptedResponse json(int status, String body) {
        Objects.requireNonNull(body, "body");
        return builder()
                .status(status)
                .header("content-type", "application/json")
                .body(body)
                .fixedLength()
                .build();
    }

    /**
     * Splits an event stream after each blank line, that is after every line terminator (CRLF, LF or
     * CR) that directly follows another one or the start of the body. Bytes after the last blank line
     * (an unterminated event) form the last piece. Concatenating the pieces gives the body back.
     *
     * @param body the event-stream bytes; not modified
     * @return the pieces, each a new array; empty for an empty body
     * @throws NullPointerException if {@code body} is null
     */
    public static List<byte[]> splitAfterBlankLines(byte[] body) {
        Objects.requireNonNull(body, "body");
        List<byte[]> pieces = new ArrayList<>();
        int pieceStart = 0;
        int lineStart = 0;
        int i = 0;
        while (i < body.length) {
            byte c = body[i];
            if (c != '\n' && c != '\r') {
                i++;
                continue;
            }
            int terminatorEnd = (c == '\r' && i + 1 < body.length && body[i + 1] == '\n') ? i + 2 : i + 1;
            boolean blank = i == lineStart;
            i = terminatorEnd;
            lineStart = terminatorEnd;
            if (blank) {
                pieces.add(Arrays.copyOfRange(body, pieceStart, terminatorEnd));
                pieceStart = terminatorEnd;
            }
        }
        if (pieceStart < body.length) {
            pieces.add(Arrays.copyOfRange(body, pieceStart, body.length));
        }
        return pieces;
    }

    private static Builder sseBuilder() {
        return builder().header("content-type", SSE_CONTENT_TYPE).header("cache-control", "no-cache");
    }

    /** @return the HTTP status code */
    public int status() {
        return status;
    }

    /**
     * @return the scripted headers in order, names as given; without the framing headers the server
     *     adds. Unmodifiable.
     */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /**
     * @return every scripted chunk joined, before any compression — also chunks scripted after a
     *     fault, which are never sent; without the copies of {@link Builder#chunksOnPermits}, whose
     *     number may be endless
     */
    public byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Step step : steps) {
            if (step.kind == Step.Kind.CHUNK) {
                out.writeBytes(step.bytes);
            }
        }
        return out.toByteArray();
    }

    /** @return whether the body is gzip-encoded on the wire */
    public boolean isGzip() {
        return gzip;
    }

    /** @return whether the body is framed by {@code Content-Length} rather than chunked */
    public boolean isFixedLength() {
        return fixedLength;
    }

    /** @return the pause before the status line is sent; {@link Duration#ZERO} by default */
    public Duration headersDelay() {
        return headersDelay;
    }

    /**
     * @return whether the server refuses the request instead of answering it; see {@link
     *     Builder#goAwayBeforeHeaders()}
     */
    public boolean isGoAwayBeforeHeaders() {
        return goAwayBeforeHeaders;
    }

    List<Step> steps() {
        return steps;
    }

    /**
     * @return a builder holding this response's settings and script, to derive a variant (for example
     *     {@code ScriptedResponse.sse(body).newBuilder().closeMidBody().build()})
     */
    public Builder newBuilder() {
        Builder b = new Builder();
        b.status = status;
        b.headers.addAll(headers);
        b.steps.addAll(steps);
        b.gzip = gzip;
        b.fixedLength = fixedLength;
        b.headersDelay = headersDelay;
        b.goAwayBeforeHeaders = goAwayBeforeHeaders;
        return b;
    }

    @Override
    public String toString() {
        return "ScriptedResponse{status=" + status + ", headers=" + headers + ", steps=" + steps
                + (gzip ? ", gzip" : "") + (fixedLength ? ", fixedLength" : "")
                + (goAwayBeforeHeaders ? ", goAwayBeforeHeaders" : "") + "}";
    }

    private static void checkNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " < 0: " + d);
        }
    }

    /**
     * Builds a {@link ScriptedResponse}. Steps run in the order they are added. Not thread-safe.
     */
    public static final class Builder {
        private int status = 200;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private final List<Step> steps = new ArrayList<>();
        private boolean gzip;
        private boolean fixedLength;
        private Duration headersDelay = Duration.ZERO;
        private boolean goAwayBeforeHeaders;

        private Builder() {}

        /**
         * Sets the status. Default 200. For 1xx, 204 and 304 no body is sent and no framing header is
         * added.
         *
         * @param status the HTTP status code, 100 to 999
         * @return this builder
         * @throws IllegalArgumentException if {@code status} is out of range
         */
        public Builder status(int status) {
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException("status must be 100 to 999: " + status);
            }
            this.status = status;
            return this;
        }

        /**
         * Adds a header; calling it twice with one name sends both lines. None by default.
         *
         * @param name the header name, sent as given
         * @param value the header value
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the name is empty or not an HTTP token, if either holds CR
         *     or LF, or if the name is {@code Content-Length} or {@code Transfer-Encoding} (use {@link
         *     #fixedLength()}: the server frames the body itself)
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty() || !isToken(name)) {
                throw new IllegalArgumentException("Invalid header name: \"" + name + "\"");
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("Header value for " + name + " holds CR or LF: \"" + value + "\"");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-length") || lower.equals("transfer-encoding")) {
                throw new IllegalArgumentException(
                        name + " is set by the server from the script; call fixedLength() for Content-Length");
            }
            headers.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            return this;
        }

        /**
         * Adds a chunk sent at once after the previous step.
         *
         * @param text the chunk, sent as UTF-8
         * @return this builder
         * @throws NullPointerException if {@code text} is null
         */
        public Builder chunk(String text) {
            return chunk(text, Duration.ZERO);
        }

        /**
         * Adds a chunk sent at once after the previous step.
         *
         * @param bytes the chunk; copied
         * @return this builder
         * @throws NullPointerException if {@code bytes} is null
         */
        public Builder chunk(byte[] bytes) {
            return chunk(bytes, Duration.ZERO);
        }

        /**
         * Adds a chunk sent {@code delayBefore} after the previous step, then flushed to the socket.
         *
         * @param text the chunk, sent as UTF-8
         * @param delayBefore the pause before it; {@link Duration#ZERO} for none
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code delayBefore} is negative
         */
        public Builder chunk(String text, Duration delayBefore) {
            Objects.requireNonNull(text, "text");
            return chunk(text.getBytes(StandardCharsets.UTF_8), delayBefore);
        }

        /**
         * Adds a chunk sent {@code delayBefore} after the previous step, then flushed to the socket. In
         * chunked encoding an empty chunk is skipped (it would end the body), but its delay still runs.
         *
         * @param bytes the chunk; copied
         * @param delayBefore the pause before it; {@link Duration#ZERO} for none
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code delayBefore} is negative
         */
        public Builder chunk(byte[] bytes, Duration delayBefore) {
            Objects.requireNonNull(bytes, "bytes");
            checkNotNegative(delayBefore, "delayBefore");
            steps.add(Step.chunk(bytes.clone(), delayBefore));
            return this;
        }

        /**
         * Adds the whole body as one chunk; same as {@link #chunk(String)}.
         *
         * @param text the body, sent as UTF-8
         * @return this builder
         * @throws NullPointerException if {@code text} is null
         */
        public Builder body(String text) {
            return chunk(text);
        }

        /**
         * Holds the connection open sending nothing for {@code duration}, then goes on. The server
         * still notices a client that closes meanwhile.
         *
         * @param duration how long to send nothing
         * @return this builder
         * @throws NullPointerException if {@code duration} is null
         * @throws IllegalArgumentException if {@code duration} is negative
         */
        public Builder stall(Duration duration) {
            checkNotNegative(duration, "duration");
            steps.add(Step.stall(duration));
            return this;
        }

        /**
         * Holds the connection open, sending nothing, until {@code signal} completes (normally or
         * exceptionally), then goes on. If it does not complete within {@code max}, the server closes
         * the connection mid-body as {@link #closeMidBody()} does, so a client that waits for bytes it
         * should already have fails loudly instead of passing late.
         *
         * @param signal completed by the test, typically once the client saw the bytes sent so far
         * @param max the longest wait
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code max} is negative
         */
        public Builder awaitSignal(CompletableFuture<?> signal, Duration max) {
            Objects.requireNonNull(signal, "signal");
            checkNotNegative(max, "max");
            steps.add(Step.await(signal::isDone, max, "future"));
            return this;
        }

        /**
         * Holds the connection open, sending nothing, until {@code signal} reaches zero, then goes on.
         * If it does not within {@code max}, the server closes the connection mid-body as {@link
         * #closeMidBody()} does.
         *
         * @param signal counted down by the test
         * @param max the longest wait
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code max} is negative
         */
        public Builder awaitSignal(CountDownLatch signal, Duration max) {
            Objects.requireNonNull(signal, "signal");
            checkNotNegative(max, "max");
            steps.add(Step.await(() -> signal.getCount() == 0, max, "latch"));
            return this;
        }

        /**
         * Adds {@code count} copies of {@code chunk}, each sent (and flushed on its own) only once the
         * server has taken one permit from {@code permits}. The test releases a permit whenever it is
         * ready for the next copy, typically once the client has delivered the previous one, so the body
         * is paced by the client: no two copies are ever in flight together, and a client cannot merge
         * them into one read. The copies are made as they are sent, never held, so {@code count} may be as
         * large as {@link Long#MAX_VALUE} (a body that goes on for as long as permits come).
         *
         * <p>While it waits for a permit the server watches the client, as {@link
         * #awaitSignal(CompletableFuture, Duration)} does, so a client that leaves is seen at once. If no
         * permit comes within {@code maxWaitEach}, the server closes the connection mid-body as {@link
         * #closeMidBody()} does and later steps never run, so a client that stopped asking fails loudly.
         * Permits released ahead are used by later copies; one semaphore serves every serve of this
         * response, so give each exchange its own response and semaphore.
         *
         * <p>Only with chunked transfer encoding and without compression: the length of such a body is
         * not known up front, and compression would merge copies. {@link #build()} refuses a script that
         * also calls {@link #fixedLength()} or {@link #gzip()}.
         *
         * <pre>{@code
         * Semaphore permits = new Semaphore(1); // the first copy goes at once
         * server.enqueue(ScriptedResponse.builder().chunksOnPermits(chunk, 1_000_000, permits, Duration.ofSeconds(10)).build());
         * // ... and in the client, after each copy it read: permits.release();
         * }</pre>
         *
         * @param chunk the bytes of each copy, at least one; copied
         * @param count how many copies, 0 or more
         * @param permits one permit is taken before each copy; shared with the test, not copied
         * @param maxWaitEach the longest wait for each permit
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code chunk} is empty (an empty HTTP chunk would end the
         *     body), {@code count} is negative or {@code maxWaitEach} is negative
         */
        public Builder chunksOnPermits(byte[] chunk, long count, Semaphore permits, Duration maxWaitEach) {
            Objects.requireNonNull(chunk, "chunk");
            Objects.requireNonNull(permits, "permits");
            checkNotNegative(maxWaitEach, "maxWaitEach");
            if (chunk.length == 0) {
                throw new IllegalArgumentException("chunk is empty: an empty HTTP chunk would end the body");
            }
            if (count < 0) {
                throw new IllegalArgumentException("count < 0: " + count);
            }
            steps.add(Step.onPermits(chunk.clone(), count, permits, maxWaitEach));
            return this;
        }

        /**
         * Adds {@code count} copies of {@code chunk} back to back, generated while they are written and
         * never held together: the server packs copies into HTTP chunks of about 64 KiB and writes each
         * as soon as it is full, so a body of many gigabytes takes no more memory than one such chunk.
         * For large bodies, such as a JSONL file of a million identical lines; with {@link #chunk} before
         * and after it, a head and a tail. Copies have no pacing and no delay.
         *
         * <p>Only with chunked transfer encoding and without compression; {@link #build()} refuses a
         * script that also calls {@link #fixedLength()} or {@link #gzip()}.
         *
         * <pre>{@code
         * byte[] line = "{\"custom_id\":\"r\",\"result\":{\"type\":\"canceled\"}}\n".getBytes(UTF_8);
         * server.enqueue(ScriptedResponse.builder().header("content-type", "application/binary")
         *         .repeat(line, 20_000_000).build()); // about 1 GiB, generated as it is sent
         * }</pre>
         *
         * @param chunk the bytes of each copy, at least one; copied
         * @param count how many copies, 0 or more
         * @return this builder
         * @throws NullPointerException if {@code chunk} is null
         * @throws IllegalArgumentException if {@code chunk} is empty or {@code count} is negative
         */
        public Builder repeat(byte[] chunk, long count) {
            Objects.requireNonNull(chunk, "chunk");
            if (chunk.length == 0) {
                throw new IllegalArgumentException("chunk is empty: there is nothing to repeat");
            }
            if (count < 0) {
                throw new IllegalArgumentException("count < 0: " + count);
            }
            steps.add(Step.repeat(chunk.clone(), count));
            return this;
        }

        /**
         * Ends the connection here, after the chunks so far, without finishing the body: no terminating
         * chunk (and no gzip trailer) is sent, then the server sends FIN and closes. The bytes already
         * written are all delivered first, so the client reads them and then meets an EOF mid-body,
         * never a clean end. With {@link #fixedLength()}, the declared length counts the chunks
         * scripted after this step, or one byte more than was sent when there are none. Later steps
         * never run.
         *
         * @return this builder
         */
        public Builder closeMidBody() {
            steps.add(Step.close());
            return this;
        }

        /**
         * Like {@link #closeMidBody()} but aborts with a TCP reset (RST, {@code SO_LINGER} 0) instead of
         * FIN: the client sees "connection reset". The kernel drops bytes not yet sent, so the client
         * may miss some of the last chunks; use {@link #closeMidBody()} when it must see them.
         *
         * @return this builder
         */
        public Builder resetMidBody() {
            steps.add(Step.reset());
            return this;
        }

        /**
         * Encodes the body with gzip ({@code Content-Encoding: gzip}); each chunk is flushed through
         * the compressor with {@code SYNC_FLUSH}, so it decompresses as soon as it arrives. Default off.
         *
         * @return this builder
         */
        public Builder gzip() {
            this.gzip = true;
            return this;
        }

        /**
         * Frames the body with {@code Content-Length} (the total of all chunks, as sent on the wire)
         * instead of chunked transfer encoding. Chunks are still written and flushed one by one.
         * Default off.
         *
         * @return this builder
         */
        public Builder fixedLength() {
            this.fixedLength = true;
            return this;
        }

        /**
         * Waits before sending the status line, to test time-to-first-byte timeouts. Default {@link
         * Duration#ZERO}.
         *
         * @param delay the pause after the request was read
         * @return this builder
         * @throws NullPointerException if {@code delay} is null
         * @throws IllegalArgumentException if {@code delay} is negative
         */
        public Builder headersDelay(Duration delay) {
            checkNotNegative(delay, "delay");
            this.headersDelay = delay;
            return this;
        }

        /**
         * Refuses the request instead of answering it, the way a server that is shutting down or a load
         * balancer draining a backend does: no response byte is sent, and the client is told the request
         * was not processed, so it may safely send it again. Over HTTP/2 the server sends {@code GOAWAY}
         * with error code {@code NO_ERROR} and a last-stream-id below this request's stream (so this
         * stream, and any later one on the connection, count as unprocessed), then closes the TCP
         * connection, which ends the other streams on it too. Over HTTP/1.1, which has no such frame, the
         * server closes the connection (FIN) before the status line, which clients report as a
         * connection closed before any response.
         *
         * <p>The request is not recorded: {@link FakeMessagesServer#requests()}, {@link
         * FakeMessagesServer#takeRequest(Duration)} and {@link FakeMessagesServer#requestCount()} leave
         * it out, since the server did not process it, but it does use up this response (when queued),
         * so a client that retries gets the next one. {@link #headersDelay(Duration)} still runs first;
         * the status, headers and body of the script are never sent. Default off.
         *
         * @return this builder
         */
        public Builder goAwayBeforeHeaders() {
            this.goAwayBeforeHeaders = true;
            return this;
        }

        /**
         * @return the immutable response
         * @throws IllegalStateException if {@link #gzip()} was called and a {@code Content-Encoding}
         *     header was also added, or if {@link #chunksOnPermits} or {@link #repeat} was combined with
         *     {@link #gzip()} or {@link #fixedLength()}
         */
        public ScriptedResponse build() {
            if (gzip || fixedLength) {
                for (Step step : steps) {
                    if (step.kind == Step.Kind.PERMITS || step.kind == Step.Kind.REPEAT) {
                        throw new IllegalStateException((step.kind == Step.Kind.PERMITS ? "chunksOnPermits" : "repeat")
                                + " needs a chunked, uncompressed body: remove " + (gzip ? "gzip()" : "fixedLength()"));
                    }
                }
            }
            if (gzip) {
                for (Map.Entry<String, String> h : headers) {
                    if (h.getKey().equalsIgnoreCase("content-encoding")) {
                        throw new IllegalStateException(
                                "gzip() adds Content-Encoding itself; remove the header " + h);
                    }
                }
            }
            return new ScriptedResponse(this);
        }

        private static boolean isToken(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }
}
