package dev.brook.transport.okhttp;

import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.core.transport.TransportResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * A Brook transport over OkHttp 5.
 *
 * <p>Get one from discovery (name {@code okhttp}) — it then owns a client built from the
 * {@link TransportConfig}: connect timeout as configured, read timeout equal to the idle timeout (zero
 * disables it), no call timeout, redirects not followed — or wrap your own configured client with
 * {@link #of(OkHttpClient)}: its interceptors, event listener, proxy, TLS, dispatcher, pool and timeouts
 * stay yours, and Brook never shuts it down.
 *
 * <p><b>Body.</b> The response body is read incrementally from OkHttp's source as a blocking
 * {@link java.io.InputStream} on the caller's thread: each read returns what the socket delivered, and
 * nothing is buffered whole. Closing the response, from any thread, cancels the {@link Call}: a reader
 * blocked on the socket wakes up at once and the connection is dropped, never drained. A body read to its
 * end is released normally, so its connection is reused.
 *
 * <p><b>Timeouts.</b> OkHttp's own timeouts do the work. A connect timeout becomes a
 * {@link StreamTimeoutException} of kind {@code CONNECT}; a read timeout while waiting for the response
 * headers becomes kind {@code IDLE}; a read timeout in the body surfaces as a
 * {@link SocketTimeoutException}, which the core reports as an idle timeout with the events so far.
 * Around a user's client, its read timeout (OkHttp's default is 10 s) is the idle timeout of every
 * stream, so raise it (or set 0) for long silent phases such as extended thinking, and leave its call
 * timeout at 0 unless it should bound whole streams: when it fires before the headers it is reported as
 * kind {@code TOTAL}. Other failures are thrown as the {@link IOException} OkHttp gave.
 *
 * <p><b>No silent resends.</b> OkHttp retries a failed exchange when {@code retryOnConnectionFailure} is on
 * (its default), and replays a request body for some follow-ups (408, 503 with {@code Retry-After: 0},
 * 307/308 redirects, authenticator challenges). For {@code POST /v1/messages}, which costs tokens, a
 * replay after the bytes went out could run a request twice. This transport marks every request body
 * <em>one-shot</em> ({@link RequestBody#isOneShot()}): OkHttp then still tries other routes and fresh
 * connections while nothing was sent, but never sends the body a second time; the failure or status
 * reaches Brook, whose retry policy (retries before the first event only, with backoff and
 * {@code x-should-retry}) decides. That works around a user's client as well, without changing its
 * settings, so {@code retryOnConnectionFailure} keeps OkHttp's default on the owned client too.
 *
 * <p><b>Compression.</b> Brook sets no {@code Accept-Encoding}, so OkHttp asks for gzip and decompresses
 * transparently (dropping {@code Content-Encoding} and {@code Content-Length} from the headers Brook sees).
 *
 * <p><b>Async.</b> {@link #executeAsync} enqueues the call on OkHttp's {@link Dispatcher}: one of its
 * threads waits for the headers (the {@code blockingExecutor} is not used) and completes the future;
 * the body is then read as a blocking stream by the consumer. The dispatcher's limits
 * ({@code maxRequests}, {@code maxRequestsPerHost}) apply only until the headers have arrived, since
 * OkHttp releases its slot when the callback returns; the owned client allows as many requests per
 * host as in total, because every Brook request goes to the same host. Cancelling the future cancels
 * the call. OkHttp's I/O is blocking, so an open async stream still has one thread of Brook's blocking
 * executor reading its body; stacks with their own async I/O (JDK, Apache async, Vert.x) need none.
 *
 * <p>Thread-safe: one transport serves any number of concurrent streams.
 */
public final class OkHttpTransport implements Transport {
    /**
     * Marks a call whose connection has been established: OkHttp runs network interceptors only once a
     * connection exists, so a timeout on a call without the mark happened while connecting.
     */
    private static final Interceptor CONNECTED_MARKER = chain -> {
        chain.call().tag(Connected.class, () -> Connected.INSTANCE);
        return chain.proceed(chain.request());
    };

    private final OkHttpClient client;
    private final boolean owned;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OkHttpTransport(OkHttpClient client, boolean owned) {
        this.client = client;
        this.owned = owned;
    }

    /**
     * A transport over the user's configured {@code client}, used with all its settings. Calls go through
     * a derived client ({@link OkHttpClient#newBuilder()}) that shares the user's dispatcher, connection
     * pool and interceptors and adds one network interceptor that only notes when a connection is
     * established (to tell connect timeouts from read timeouts). {@link #close()} leaves the user's
     * client untouched.
     *
     * @throws NullPointerException if {@code client} is null
     */
    public static OkHttpTransport of(OkHttpClient client) {
        Objects.requireNonNull(client, "client");
        return new OkHttpTransport(client.newBuilder().addNetworkInterceptor(CONNECTED_MARKER).build(), false);
    }

    /** A transport owning a new client built from {@code config}; {@link #close()} releases its threads and pool. */
    static OkHttpTransport create(TransportConfig config) {
        // Daemon threads of our own, so an application that forgets close() can still exit.
        Dispatcher dispatcher = new Dispatcher(Executors.newCachedThreadPool(new DaemonThreads()));
        dispatcher.setMaxRequestsPerHost(dispatcher.getMaxRequests());
        OkHttpClient client = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool())
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.idleTimeout())
                .callTimeout(Duration.ZERO)
                .followRedirects(false)
                .addNetworkInterceptor(CONNECTED_MARKER)
                .build();
        return new OkHttpTransport(client, true);
    }

    @Override
    public String name() {
        return OkHttpTransportProvider.NAME;
    }

    /**
     * Sends {@code request} and blocks until the status and headers have arrived.
     *
     * @throws StreamTimeoutException when OkHttp's connect timeout, read timeout (waiting for the headers)
     *     or call timeout fired
     * @throws IOException when the exchange failed otherwise, or was cancelled
     */
    @Override
    public TransportResponse execute(TransportRequest request) throws IOException {
        Call call = client.newCall(toOkHttpRequest(request));
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            StreamTimeoutException timeout = timeout(call, e, request);
            if (timeout != null) {
                throw timeout;
            }
            throw e;
        }
        return toResponse(call, response);
    }

    /**
     * Enqueues {@code request} on OkHttp's dispatcher; the future completes on a dispatcher thread once the
     * headers have arrived, or exceptionally with what {@link #execute} would have thrown. Cancelling the
     * future cancels the call. {@code blockingExecutor} is not used.
     */
    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request, Executor blockingExecutor) {
        Call call;
        try {
            call = client.newCall(toOkHttpRequest(request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<TransportResponse> future = new CompletableFuture<>();
        future.whenComplete((response, failure) -> {
            if (failure instanceof CancellationException) {
                call.cancel();
            }
        });
        call.enqueue(new Callback() {
            @Override
            public void onResponse(Call c, Response response) {
                TransportResponse r = toResponse(c, response);
                if (!future.complete(r)) {
                    r.close(); // the future was cancelled meanwhile: nobody will read this body
                }
            }

            @Override
            public void onFailure(Call c, IOException e) {
                StreamTimeoutException timeout = timeout(c, e, request);
                future.completeExceptionally(timeout != null ? timeout : e);
            }
        });
        return future;
    }

    private static Request toOkHttpRequest(TransportRequest request) {
        Headers.Builder headers = new Headers.Builder();
        request.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
        String method = request.method();
        // OkHttp refuses a body on GET and HEAD and requires one on POST, even when it is empty.
        boolean noBody = request.bodyLength() == 0 && (method.equals("GET") || method.equals("HEAD"));
        return new Request.Builder()
                .url(request.uri().toString())
                .headers(headers.build())
                .method(method, noBody ? null : new OneShotBody(request.body()))
                .build();
    }

    private static TransportResponse toResponse(Call call, Response response) {
        CallBodyStream body = new CallBodyStream(call, response);
        return TransportResponse.ofInputStream(response.code(), TransportHeaders.of(response.headers().toMultimap()),
                body, body::abort);
    }

    /** The Brook timeout matching an OkHttp failure before the headers, or null when it was no timeout. */
    private StreamTimeoutException timeout(Call call, IOException e, TransportRequest request) {
        String where = owned ? "Brook.builder()." : "your OkHttpClient's ";
        if (e instanceof SocketTimeoutException && call.tag(Connected.class) == null) {
            Duration value = Duration.ofMillis(client.connectTimeoutMillis());
            return new StreamTimeoutException(StreamTimeoutException.Kind.CONNECT, value,
                    "Connect timeout of " + value.toMillis() + " ms expired connecting to " + request.uri()
                            + "; raise " + where + "connectTimeout(...) or check the network path.", e, null);
        }
        if (e instanceof SocketTimeoutException) {
            Duration value = Duration.ofMillis(client.readTimeoutMillis());
            String knob = owned ? "Brook.builder().idleTimeout(...)" : "your OkHttpClient's readTimeout(...)";
            return new StreamTimeoutException(StreamTimeoutException.Kind.IDLE, value,
                    "Idle timeout of " + value.toMillis() + " ms expired waiting for the response headers from "
                            + request.uri() + "; raise " + knob + " or check the server.", e, null);
        }
        // OkHttp reports its call timeout as a bare InterruptedIOException("timeout") and cancels the call.
        if (e.getClass() == InterruptedIOException.class && client.callTimeoutMillis() > 0 && call.isCanceled()
                && "timeout".equals(e.getMessage())) {
            Duration value = Duration.ofMillis(client.callTimeoutMillis());
            return new StreamTimeoutException(StreamTimeoutException.Kind.TOTAL, value,
                    "Call timeout of " + value.toMillis() + " ms expired before the response headers from "
                            + request.uri() + "; raise your OkHttpClient's callTimeout(...) or set it to 0.", e, null);
        }
        return null;
    }

    /**
     * Shuts down the dispatcher threads and evicts the idle pooled connections of a client Brook created;
     * streams still open keep their connection until they are closed. A user's client is left alone.
     * Idempotent.
     */
    @Override
    public void close() {
        if (owned && closed.compareAndSet(false, true)) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    @Override
    public String toString() {
        return "OkHttpTransport{" + (owned ? "owned" : "user") + " client}";
    }

    /** The tag {@link #CONNECTED_MARKER} puts on a call. */
    private enum Connected {
        INSTANCE
    }

    /**
     * The request bytes, one-shot so OkHttp never sends them twice (see the class comment). No content
     * type: the core's {@code content-type} header is sent exactly as given.
     */
    private static final class OneShotBody extends RequestBody {
        private final byte[] bytes;

        OneShotBody(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public MediaType contentType() {
            return null;
        }

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            sink.write(bytes);
        }

        @Override
        public boolean isOneShot() {
            return true;
        }
    }

    private static final class DaemonThreads implements ThreadFactory {
        private static final AtomicInteger COUNT = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "brook-okhttp-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
