package dev.brook.transport.okhttp;

import dev.brook.core.transport.DaemonThreads;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.core.transport.TransportResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.SocketFactory;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
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
 * disables it), no call timeout, redirects not followed, Nagle's algorithm off ({@link #noDelaySockets()}) — or wrap your own configured client with
 * {@link #of(OkHttpClient)}: its interceptors, event listener, proxy, TLS, dispatcher, pool and timeouts
 * stay yours, and Brook never shuts it down.
 *
 * <p><b>Body and timeouts.</b> The body is OkHttp's source, read on the caller's thread as each socket
 * read delivers. The abort of Brook's clock, and closing a response before its end, cancel the
 * {@link Call}, which wakes a blocked thread at once and drops the connection; the connection counts as
 * up when OkHttp asks the request body to write itself, which it does only on a connected exchange. A
 * user's client keeps its own timeouts (OkHttp's default read timeout of 10 s would end long silent
 * phases such as extended thinking: raise it, or set 0 and let Brook's idle timeout decide); OkHttp's
 * call timeout is reported as a {@link SocketTimeoutException} like its others.
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
    private final OkHttpClient client;
    private final boolean owned;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OkHttpTransport(OkHttpClient client, boolean owned) {
        this.client = client;
        this.owned = owned;
    }

    /**
     * A transport over the user's configured {@code client}, used with all its settings (dispatcher,
     * pool, interceptors, timeouts). {@link #close()} leaves it untouched.
     *
     * @param client the user's configured client
     * @return a transport that leaves {@code client} untouched on {@link #close()}
     * @throws NullPointerException if {@code client} is null
     */
    public static OkHttpTransport of(OkHttpClient client) {
        Objects.requireNonNull(client, "client");
        return new OkHttpTransport(client, false);
    }

    /**
     * Sockets with Nagle's algorithm off, for a client of your own:
     * {@code new OkHttpClient.Builder().socketFactory(OkHttpTransport.noDelaySockets())}. OkHttp leaves
     * Nagle on, and over HTTP/2 (which OkHttp negotiates with the API over TLS) that can hold each request
     * up to 40 ms: its {@code HEADERS} and {@code DATA} frames are two small writes, and the second waits
     * for the server's delayed acknowledgement of the first. The client discovery creates uses them.
     *
     * @return a shared, thread-safe factory of plain sockets with {@code TCP_NODELAY} set
     */
    public static SocketFactory noDelaySockets() {
        return NoDelaySocketFactory.INSTANCE;
    }

    /** A transport owning a new client built from {@code config}; {@link #close()} releases its threads and pool. */
    static OkHttpTransport create(TransportConfig config) {
        Dispatcher dispatcher = new Dispatcher(Executors.newCachedThreadPool(new DaemonThreads("brook-okhttp")));
        dispatcher.setMaxRequestsPerHost(dispatcher.getMaxRequests());
        OkHttpClient client = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool())
                .socketFactory(NoDelaySocketFactory.INSTANCE)
                .connectTimeout(config.connectBackstop())
                .readTimeout(config.readBackstop())
                .callTimeout(Duration.ZERO)
                .followRedirects(false)
                .build();
        return new OkHttpTransport(client, true);
    }

    @Override
    public String name() {
        return OkHttpTransportProvider.NAME;
    }

    /** Executes the call on this thread; the exchange's abort cancels it. */
    @Override
    public TransportResponse execute(TransportRequest request, TransportExchange exchange) throws IOException {
        Call call = client.newCall(toOkHttpRequest(request, exchange));
        exchange.onAbort(call::cancel);
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            throw reported(e);
        }
        return toResponse(call, response);
    }

    /**
     * Enqueues the call on OkHttp's dispatcher, whose thread completes the future at the headers
     * ({@code blockingExecutor} is not used). The exchange's abort, or cancelling the future, cancels it.
     */
    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request, TransportExchange exchange,
            Executor blockingExecutor) {
        Call call;
        try {
            call = client.newCall(toOkHttpRequest(request, exchange));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        exchange.onAbort(call::cancel);
        call.enqueue(new Callback() {
            @Override
            public void onResponse(Call c, Response response) {
                exchange.respond(toResponse(c, response));
            }

            @Override
            public void onFailure(Call c, IOException e) {
                exchange.fail(reported(e));
            }
        });
        return exchange.response();
    }

    private static Request toOkHttpRequest(TransportRequest request, TransportExchange exchange) {
        Headers.Builder headers = new Headers.Builder();
        request.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
        String method = request.method();
        // OkHttp refuses a body on GET and HEAD and requires one on POST, even when it is empty.
        boolean noBody = request.bodyLength() == 0 && (method.equals("GET") || method.equals("HEAD"));
        if (noBody) {
            exchange.connected(); // nothing will be written: connecting counts as waiting for the headers
        }
        return new Request.Builder()
                .url(request.uri().toString())
                .headers(headers.build())
                .method(method, noBody ? null : new OneShotBody(request.body(), exchange))
                .build();
    }

    /**
     * The body is OkHttp's source as a stream: each read returns what one socket read delivered. Cancelling
     * the call closes the socket (HTTP/1) or resets the stream (HTTP/2), which wakes a blocked reader.
     */
    private static TransportResponse toResponse(Call call, Response response) {
        return TransportResponse.ofInputStream(response.code(), TransportHeaders.of(response.headers().toMultimap()),
                response.body().byteStream(), call::cancel);
    }

    /**
     * OkHttp's failure as the core expects it. OkHttp reports its call timeout as a bare
     * {@code InterruptedIOException("timeout")}: a timeout of the stack's, so a {@link SocketTimeoutException}.
     */
    private static IOException reported(IOException e) {
        if (e.getClass() == InterruptedIOException.class && "timeout".equals(e.getMessage())) {
            SocketTimeoutException timeout = new SocketTimeoutException("OkHttp call timeout");
            timeout.initCause(e);
            return timeout;
        }
        return e;
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

    /**
     * The request bytes, one-shot so OkHttp never sends them twice (see the class comment). No content
     * type: the core's {@code content-type} header is sent exactly as given. OkHttp asks for them only on
     * a connected exchange, which is when the core's connect timeout ends.
     */
    private static final class OneShotBody extends RequestBody {
        private final byte[] bytes;
        private final TransportExchange exchange;

        OneShotBody(byte[] bytes, TransportExchange exchange) {
            this.bytes = bytes;
            this.exchange = exchange;
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
            exchange.connected();
            sink.write(bytes);
        }

        @Override
        public boolean isOneShot() {
            return true;
        }
    }
}
