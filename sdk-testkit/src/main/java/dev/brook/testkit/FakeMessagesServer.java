package dev.brook.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP/1.1 server (or, with {@link #http2()}, HTTP/2) on 127.0.0.1 that replays {@link
 * ScriptedResponse}s — chunk by chunk, with delays, stalls, signals and faults — and records every
 * request. Brook's conformance suites run every transport against it; applications can use it to test
 * their own streaming code.
 *
 * <pre>{@code
 * try (FakeMessagesServer server = new FakeMessagesServer().start()) {
 *     server.enqueue(ScriptedResponse.sse(streamText));
 *     // point the client at server.baseUri(), stream, assert
 *     RecordedRequest request = server.takeRequest(Duration.ofSeconds(5)).orElseThrow();
 * }
 * }</pre>
 *
 * <p><b>Responses.</b> Each request takes the next {@linkplain #enqueue(ScriptedResponse) enqueued}
 * response. {@link #respondAlways(ScriptedResponse)} serves one response to every request instead (load
 * tests). When the queue is empty the {@linkplain #setDefaultResponse(ScriptedResponse) default
 * response} is served, or else a 500 with an Anthropic-style JSON error saying no response was scripted.
 * Responses are served whatever the request's method and path ({@code POST /v1/messages},
 * {@code GET /v1/models?limit=2}, {@code DELETE /v1/messages/batches/{id}}, …): script one
 * {@link ScriptedResponse#json(int, String)} per call the client makes, then check each
 * {@link RecordedRequest}'s method, path and body. A large body ({@link ScriptedResponse.Builder#repeat})
 * is generated while it is written, never held.
 *
 * <p><b>Protocol.</b> By default HTTP/1.1 with keep-alive (a connection serves requests until the client closes it,
 * sends {@code Connection: close}, or a fault ends it); HTTP/1.0 requests get {@code Connection: close}.
 * Request bodies may use {@code Content-Length} or chunked encoding; {@code Expect: 100-continue} is
 * answered. Limits: request header section 64 KiB (431), request body 64 MiB (413), 4,096 open
 * connections (more are closed on accept), the last 10,000 requests kept for {@link #requests()} and
 * {@link #takeRequest(Duration)}.
 *
 * <p><b>HTTP/2.</b> {@link #http2()} switches the server to HTTP/2, built on Netty's {@code codec-http2}:
 * in cleartext with prior knowledge or by {@code Upgrade: h2c}, over TLS by ALPN {@code h2}. The scripts,
 * the queue and the records are the same; each request is one stream, and its response one HEADERS
 * frame, DATA frames and END_STREAM, many at once on one connection. See {@link #http2()} for how each
 * step and fault maps to frames.
 *
 * <p><b>Clients that leave.</b> While a script waits (a chunk delay, a stall, a signal) its thread keeps
 * reading the socket, so a client that closes or resets mid-response is seen at once: the server stops
 * writing and counts the connection closed. A client that half-closes its side (shuts down output) counts
 * as gone too.
 *
 * <p><b>Why not {@code com.sun.net.httpserver}.</b> The JDK's {@code HttpServer} cannot do what the tests
 * need: closing an exchange's body always finishes the chunked body cleanly (there is no way to end the
 * TCP connection mid-body so the client sees a truncated response), it exposes no socket to reset, it
 * gives no count of open connections, and it cannot tell that a client went away while the handler sends
 * nothing. So this is a small blocking server on {@link ServerSocket}: one daemon thread accepts, one
 * daemon thread serves each connection (stack 256 KiB; a thousand concurrent streams are fine on
 * loopback).
 *
 * <p>Thread-safe: every method may be called from any thread, also while requests are being served.
 */
public final class FakeMessagesServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FakeMessagesServer.class.getName());
    private static final int MAX_CONNECTIONS = 4096;
    private static final int MAX_RECORDED = 10_000;
    private static final int BACKLOG = 1024;
    private static final long THREAD_STACK_BYTES = 256 * 1024;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final ConcurrentLinkedQueue<ScriptedResponse> queue = new ConcurrentLinkedQueue<>();
    private volatile ScriptedResponse defaultResponse;
    private volatile ScriptedResponse alwaysResponse;
    private volatile RequestCheck requestCheck;

    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private final Object connectionLock = new Object();
    private int openConnections; // guarded by connectionLock
    private final AtomicInteger totalConnections = new AtomicInteger();

    private final Object streamLock = new Object();
    private int openStreams; // guarded by streamLock
    private int maxConcurrentStreams; // guarded by streamLock

    private final Object recordLock = new Object();
    private final ArrayDeque<RecordedRequest> recorded = new ArrayDeque<>(); // guarded by recordLock
    private final LinkedBlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>(MAX_RECORDED);
    private final AtomicInteger requestCount = new AtomicInteger();

    private final Object stateLock = new Object();
    private ServerSocket serverSocket; // guarded by stateLock
    private Thread acceptor; // guarded by stateLock
    private volatile boolean started;
    private volatile boolean closed;
    private volatile int port = -1;
    private SSLContext tls; // guarded by stateLock
    private boolean http2; // guarded by stateLock
    private Http2Server http2Server; // guarded by stateLock

    private final ServerConnection.Host host = new ServerConnection.Host() {
        @Override
        public ScriptedResponse accept(RecordedRequest request) {
            return FakeMessagesServer.this.accept(request);
        }

        @Override
        public void exchangeStarted(int onItsConnection) {
            FakeMessagesServer.this.exchangeStarted(onItsConnection);
        }

        @Override
        public void exchangeEnded() {
            FakeMessagesServer.this.exchangeEnded();
        }

        @Override
        public void connectionClosed(ServerConnection connection) {
            if (connections.remove(connection)) {
                synchronized (connectionLock) {
                    openConnections--;
                    connectionLock.notifyAll();
                }
            }
        }
    };

    private final Http2Server.Host http2Host = new Http2Server.Host() {
        @Override
        public ScriptedResponse accept(RecordedRequest request) {
            return FakeMessagesServer.this.accept(request);
        }

        @Override
        public void exchangeStarted(int onItsConnection) {
            FakeMessagesServer.this.exchangeStarted(onItsConnection);
        }

        @Override
        public void exchangeEnded() {
            FakeMessagesServer.this.exchangeEnded();
        }

        @Override
        public int connectionOpened() {
            synchronized (connectionLock) {
                if (closed || openConnections >= MAX_CONNECTIONS) {
                    return -1;
                }
                openConnections++;
            }
            return totalConnections.getAndIncrement();
        }

        @Override
        public void connectionClosed() {
            synchronized (connectionLock) {
                openConnections--;
                connectionLock.notifyAll();
            }
        }
    };

    /** Creates a server that is not listening yet; call {@link #start()}. */
    public FakeMessagesServer() {}

    /**
     * Serves HTTPS with {@code context}'s key (for example {@link SelfSignedTls#serverContext()}) instead
     * of plain HTTP. Call before {@link #start()}.
     *
     * @param context the server-side TLS context, holding the key and certificate to present
     * @return this server, for chaining
     * @throws IllegalStateException if the server was already started
     */
    public FakeMessagesServer useTls(SSLContext context) {
        Objects.requireNonNull(context, "context");
        synchronized (stateLock) {
            if (started) {
                throw new IllegalStateException("useTls must be called before start()");
            }
            tls = context;
            return this;
        }
    }

    /**
     * Serves HTTP/2 instead of HTTP/1.1 only, on Netty's {@code codec-http2}. Call before {@link #start()};
     * combine with {@link #useTls(SSLContext)} for HTTPS. Default off: the HTTP/1.1 server described
     * above, on {@link ServerSocket}.
     *
     * <p><b>Protocols.</b> In cleartext ({@code h2c}) a connection that opens with the HTTP/2 preface
     * (prior knowledge: OkHttp's {@code H2_PRIOR_KNOWLEDGE}, Apache's and Vert.x's HTTP/2-only clients)
     * speaks HTTP/2 at once, and an HTTP/1.1 request with {@code Upgrade: h2c} (the JDK {@code HttpClient}
     * set to {@code HTTP_2}) is answered {@code 101 Switching Protocols}, then on stream 1. Over TLS the
     * server offers {@code h2} and {@code http/1.1} by ALPN, preferring {@code h2}, with the {@code
     * SSLContext} given to {@code useTls} (the JDK's TLS). A client that asks for neither gets HTTP/1.1,
     * answered from the same scripts by Netty's HTTP/1.1 codec: framed as the HTTP/1.1 server frames it,
     * keep-alive and pipelining included, but with Netty's limits and error answers for malformed
     * requests. {@link RecordedRequest#protocol()} tells which protocol answered.
     *
     * <p><b>Scripts on a stream.</b> Status and headers go in one HEADERS frame (names in lowercase, as
     * HTTP/2 requires; connection-specific headers such as {@code Connection} are left out); each chunk
     * in one DATA frame, split at the client's maximum frame size (16 KiB unless it allows more); the
     * end of the body sets END_STREAM, on the last chunk's frame or on an empty DATA frame after a
     * stall, signal or permit step. Delays, stalls, signals, permits, {@link
     * ScriptedResponse.Builder#repeat repeat}, {@link ScriptedResponse.Builder#gzip() gzip} and {@link
     * ScriptedResponse.Builder#fixedLength() fixedLength} ({@code content-length}) mean what they mean
     * over HTTP/1.1, per stream. A 1xx status sends an informational HEADERS frame and leaves the stream
     * open. Faults:
     * <ul>
     *   <li>{@link ScriptedResponse.Builder#resetMidBody()} resets that stream only: {@code RST_STREAM}
     *       with {@code INTERNAL_ERROR}, after the DATA written so far has left; the connection and its
     *       other streams go on.
     *   <li>{@link ScriptedResponse.Builder#closeMidBody()}, and a signal or permit that never comes,
     *       close the whole TCP connection (no {@code GOAWAY}), ending every stream on it.
     *   <li>{@link ScriptedResponse.Builder#goAwayBeforeHeaders()} sends {@code GOAWAY} with a
     *       last-stream-id below the stream, then closes the connection.
     * </ul>
     * Unlike an HTTP/1.1 client, which reads the bytes before a fault in order from its socket, an HTTP/2
     * client may drop DATA it received but has not read yet once the stream is reset or the connection
     * ends (the JDK's does). A test that must see the chunks before a fault should put an {@link
     * ScriptedResponse.Builder#awaitSignal(java.util.concurrent.CountDownLatch, Duration)
     * awaitSignal} before it, released once the client read them.
     *
     * <p><b>Flow control.</b> A response writes its next chunk only while fewer than 128 KiB of it are
     * waiting to leave and its stream can send (the client's flow-control window is open and the TCP
     * connection drains), so a client that reads slowly slows the script down and the server holds about
     * one chunk per stream, whatever the body's size. {@code SETTINGS_MAX_CONCURRENT_STREAMS} is 1,000.
     *
     * <p><b>Threads.</b> Two daemon threads do the I/O of every connection; each response's script runs
     * on a daemon thread of its own (stack 256 KiB), so a waiting script holds up nothing else. A client
     * that resets its stream, or closes the connection, stops that stream's script at once, as over
     * HTTP/1.1; {@link #openStreams()} and {@link #awaitOpenStreams(int, Duration)} show it.
     *
     * @return this server, for chaining
     * @throws IllegalStateException if the server was already started
     */
    public FakeMessagesServer http2() {
        synchronized (stateLock) {
            if (started) {
                throw new IllegalStateException("http2 must be called before start()");
            }
            http2 = true;
            return this;
        }
    }

    /**
     * Binds 127.0.0.1 on a free port chosen by the system and starts accepting connections.
     *
     * @return this server, for chaining
     * @throws IllegalStateException if it was already started or closed
     * @throws UncheckedIOException if the port cannot be bound
     */
    public FakeMessagesServer start() {
        synchronized (stateLock) {
            if (closed) {
                throw new IllegalStateException("FakeMessagesServer is closed; create a new one");
            }
            if (started) {
                throw new IllegalStateException("FakeMessagesServer is already started on port " + port);
            }
            if (http2) {
                Http2Server server = new Http2Server(http2Host, tls);
                port = server.start();
                http2Server = server;
                started = true;
                return this;
            }
            ServerSocket ss;
            try {
                ss = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
                ss.setReuseAddress(true);
                ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot bind 127.0.0.1 on a free port", e);
            }
            serverSocket = ss;
            port = ss.getLocalPort();
            acceptor = new Thread(null, this::acceptLoop, "brook-fake-server-" + port + "-accept", THREAD_STACK_BYTES);
            acceptor.setDaemon(true);
            started = true;
            acceptor.start();
            return this;
        }
    }

    /**
     * @return the port the server listens on
     * @throws IllegalStateException if the server was not started
     */
    public int port() {
        checkStarted();
        return port;
    }

    /**
     * @return the base URI, for example {@code http://127.0.0.1:54321}, without a trailing slash
     * @throws IllegalStateException if the server was not started
     */
    public URI baseUri() {
        checkStarted();
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + port);
    }

    /**
     * @param path a path starting with {@code /}, optionally with a query, for example {@code /v1/messages}
     * @return the URI of {@code path} on this server
     * @throws IllegalArgumentException if {@code path} does not start with {@code /} or is not a valid URI
     * @throws IllegalStateException if the server was not started
     */
    public URI url(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': \"" + path + "\"");
        }
        return URI.create(baseUri() + path);
    }

    /**
     * Adds a response to the end of the queue; requests take queued responses in order, one each.
     * May be called before or after {@link #start()}.
     *
     * @param response the response to serve
     * @throws NullPointerException if {@code response} is null
     */
    public void enqueue(ScriptedResponse response) {
        queue.add(Objects.requireNonNull(response, "response"));
    }

    /**
     * Sets the response served when the queue is empty. Default none: a 500 with a JSON error body
     * saying no response was scripted.
     *
     * @param response the fallback response, or null to go back to the 500
     */
    public void setDefaultResponse(ScriptedResponse response) {
        this.defaultResponse = response;
    }

    /**
     * Serves {@code response} to every request, ahead of the queue, which is left untouched (for load
     * tests). Default none.
     *
     * @param response the response for every request, or null to serve from the queue again
     */
    public void respondAlways(ScriptedResponse response) {
        this.alwaysResponse = response;
    }

    /**
     * Checks every request before it takes a response, as a cloud endpoint checks authentication: a
     * request the check refuses gets the check's response (a 401 or 403, say), and the scripted responses
     * are left for the next requests. Every request is recorded either way. Default none. The cloud fakes
     * are checks: {@link BedrockSignatureCheck}, {@code VertexRequestCheck}, {@code FoundryRequestCheck}.
     *
     * @param check the check for every request, or null for none
     */
    public void checkRequests(RequestCheck check) {
        this.requestCheck = check;
    }

    /** @return how many responses are still queued */
    public int queuedResponses() {
        return queue.size();
    }

    /**
     * @return the requests received so far, oldest first: at most the last 10,000. A snapshot; taking
     *     requests with {@link #takeRequest(Duration)} does not remove them here.
     */
    public List<RecordedRequest> requests() {
        synchronized (recordLock) {
            return List.copyOf(recorded);
        }
    }

    /**
     * Removes and returns the oldest request not taken yet, waiting for one to arrive.
     *
     * @param timeout the longest wait
     * @return the request, or empty if none arrived within {@code timeout}
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws NullPointerException if {@code timeout} is null
     */
    public Optional<RecordedRequest> takeRequest(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return Optional.ofNullable(untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** @return how many requests were received since the server started (not capped) */
    public int requestCount() {
        return requestCount.get();
    }

    /**
     * @return how many TCP connections are open now: accepted and not yet closed by either side. A
     *     connection the client closed counts until the server noticed, which is at once while it waits
     *     or reads, and on the next write otherwise.
     */
    public int openConnections() {
        synchronized (connectionLock) {
            return openConnections;
        }
    }

    /** @return how many TCP connections were accepted since the server started */
    public int totalConnections() {
        return totalConnections.get();
    }

    /**
     * @return how many responses are being served now, on all connections: one per HTTP/2 stream or
     *     HTTP/1.1 exchange whose script is running. A response counts from the moment its request was
     *     read until its last byte left for the socket, a fault ended it, or the server saw the client
     *     leave (a reset stream, a closed connection), so after a client cancels a stream this drops
     *     even though an HTTP/2 connection stays open
     */
    public int openStreams() {
        synchronized (streamLock) {
            return openStreams;
        }
    }

    /**
     * Waits until at most {@code count} responses are being served (see {@link #openStreams()}), for
     * example to prove that cancelling a stream stopped its script.
     *
     * @param count the count to wait for, 0 or more
     * @param timeout the longest wait
     * @return true if the count dropped to {@code count} or below in time; false otherwise
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public boolean awaitOpenStreams(int count, Duration timeout) throws InterruptedException {
        if (count < 0) {
            throw new IllegalArgumentException("count < 0: " + count);
        }
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (streamLock) {
            while (openStreams > count) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(streamLock, remaining);
            }
            return true;
        }
    }

    /**
     * @return the most responses one connection was serving at once since the server started: 0 before
     *     the first request, 1 over HTTP/1.1 (one response at a time), up to 1,000 over HTTP/2. Proves a
     *     client multiplexed its streams, for example that 500 concurrent streams shared a connection.
     */
    public int maxConcurrentStreamsSeen() {
        synchronized (streamLock) {
            return maxConcurrentStreams;
        }
    }

    /**
     * Waits until at most {@code count} connections are open, for example to prove a client released
     * its connection after cancelling a stream.
     *
     * @param count the open-connection count to wait for, 0 or more
     * @param timeout the longest wait
     * @return true if the count dropped to {@code count} or below in time; false otherwise
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public boolean awaitOpenConnections(int count, Duration timeout) throws InterruptedException {
        if (count < 0) {
            throw new IllegalArgumentException("count < 0: " + count);
        }
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (connectionLock) {
            while (openConnections > count) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(connectionLock, remaining);
            }
            return true;
        }
    }

    /**
     * Stops accepting, closes every connection (responses in progress end abruptly) and waits up to 5
     * seconds for the server's threads to end. Idempotent.
     */
    @Override
    public void close() {
        Thread acceptorThread;
        Http2Server netty;
        synchronized (stateLock) {
            if (closed) {
                return;
            }
            closed = true;
            acceptorThread = acceptor;
            netty = http2Server;
            if (serverSocket != null) {
                try {
                    serverSocket.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "closing the server socket failed", e);
                }
            }
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        if (netty != null) {
            try {
                netty.close(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        for (ServerConnection c : connections) {
            c.abort();
        }
        try {
            if (acceptorThread != null) {
                acceptorThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            for (ServerConnection c : connections) {
                c.abort(); // also those accepted while closing
                Thread t = c.thread();
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (t != null && left > 0) {
                    t.join(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "FakeMessagesServer{" + (started ? "127.0.0.1:" + port : "not started") + (http2 ? ", http2" : "")
                + (closed ? ", closed" : "")
                + ", requests=" + requestCount() + ", open=" + openConnections() + "}";
    }

    // ---------------------------------------------------------------- internals

    private void checkStarted() {
        if (!started) {
            throw new IllegalStateException("FakeMessagesServer is not started; call start() first");
        }
    }

    private void acceptLoop() {
        ServerSocket ss;
        synchronized (stateLock) {
            ss = serverSocket;
        }
        while (!closed) {
            Socket socket;
            try {
                socket = ss.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "accept failed; retrying", e);
                try {
                    Thread.sleep(10); // e.g. out of file descriptors: do not spin
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            try {
                serve(socket);
            } catch (IOException | RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, "cannot serve a new connection", e);
                closeQuietly(socket);
                if (e instanceof Error && !(e instanceof OutOfMemoryError)) {
                    throw (Error) e;
                }
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        synchronized (connectionLock) {
            if (closed || openConnections >= MAX_CONNECTIONS) {
                closeQuietly(socket);
                return;
            }
            openConnections++;
        }
        socket.setTcpNoDelay(true); // each flushed chunk leaves at once
        int index = totalConnections.getAndIncrement();
        ServerConnection connection;
        try {
            connection = new ServerConnection(socket, index, host);
        } catch (IOException e) {
            synchronized (connectionLock) {
                openConnections--;
                connectionLock.notifyAll();
            }
            throw e;
        }
        connections.add(connection);
        Thread t = new Thread(null, connection, "brook-fake-server-" + port + "-conn-" + index, THREAD_STACK_BYTES);
        t.setDaemon(true);
        connection.setThread(t);
        t.start();
        if (closed) {
            connection.abort();
        }
    }

    /**
     * Picks the response and records the request in one step, so records and responses are in the same
     * order; a request the response refuses is not recorded (see {@link
     * ScriptedResponse.Builder#goAwayBeforeHeaders()}).
     */
    private ScriptedResponse accept(RecordedRequest request) {
        synchronized (recordLock) {
            ScriptedResponse response = responseFor(request);
            if (!response.isGoAwayBeforeHeaders()) {
                record(request);
            }
            return response;
        }
    }

    private void exchangeStarted(int onItsConnection) {
        synchronized (streamLock) {
            openStreams++;
            maxConcurrentStreams = Math.max(maxConcurrentStreams, onItsConnection);
        }
    }

    private void exchangeEnded() {
        synchronized (streamLock) {
            openStreams--;
            streamLock.notifyAll();
        }
    }

    private ScriptedResponse responseFor(RecordedRequest request) {
        RequestCheck check = requestCheck;
        if (check != null) {
            Optional<ScriptedResponse> refusal = check.refusal(request);
            if (refusal.isPresent()) {
                return refusal.get();
            }
        }
        ScriptedResponse always = alwaysResponse;
        if (always != null) {
            return always;
        }
        ScriptedResponse next = queue.poll();
        if (next != null) {
            return next;
        }
        ScriptedResponse fallback = defaultResponse;
        if (fallback != null) {
            return fallback;
        }
        return ScriptedResponse.json(500, errorJson("api_error",
                "FakeMessagesServer has no response scripted for " + request.method() + " " + request.path()
                        + " (request " + (requestCount.get() + 1) + "); call enqueue(...), setDefaultResponse(...)"
                        + " or respondAlways(...)"));
    }

    private void record(RecordedRequest request) {
        requestCount.incrementAndGet();
        synchronized (recordLock) {
            if (recorded.size() == MAX_RECORDED) {
                recorded.removeFirst();
            }
            recorded.addLast(request);
            while (!untaken.offer(request)) {
                untaken.poll(); // drop the oldest untaken request
            }
        }
    }

    /** An Anthropic-style error body: {@code {"type":"error","error":{"type":...,"message":...}}}. */
    static String errorJson(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + jsonEscape(type) + "\",\"message\":\""
                + jsonEscape(message) + "\"}}";
    }

    private static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
