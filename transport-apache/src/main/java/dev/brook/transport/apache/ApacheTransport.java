package dev.brook.transport.apache;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.core.transport.TransportResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducerWrapper;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorStatus;
import org.apache.hc.core5.util.Timeout;

/**
 * A Brook transport over Apache HttpClient 5, with either of its clients.
 *
 * <ul>
 *   <li>{@link #of(CloseableHttpClient)}, the classic (blocking) client: the body is the entity's
 *       {@link InputStream}, read on the caller's thread. {@link #executeAsync} waits on the given
 *       executor, as for any blocking stack.
 *   <li>{@link #of(CloseableHttpAsyncClient)}, the async client: the body is a {@code Flow.Publisher}
 *       fed by the client's I/O threads under the subscriber's demand, through Apache's capacity channel,
 *       so a slow reader slows the socket and little is buffered. {@link #executeAsync} needs no thread
 *       per exchange.
 * </ul>
 *
 * <p>Either way the response is handed over once the status and headers have arrived, and closing it
 * aborts the exchange: the connection is closed and its pool lease returned, never drained. The user's
 * client keeps its own configuration (proxy, TLS, pool, timeouts) and Brook never closes it.
 *
 * <p>Timeouts are Brook's clock's: the connection counts as up when the client asks the request entity
 * to write itself ({@link TransportExchange#connected()}), and the clock's abort cancels the request or
 * the consumer. HttpClient's own connect and response timeouts are looser backstops on the client that
 * discovery creates; a user's client keeps its own, and they reach Brook as
 * {@link SocketTimeoutException}s (a wait for a pooled connection too).
 *
 * <p>HTTP/1.1 only: over HTTP/2, HttpClient 5.6 cannot abort one stream at once (its cancel closes a
 * pooled multiplexed connection with all its streams, or marks the stream to be reset on its next frame),
 * so Brook's stream close would be late or hit other streams.
 *
 * <p>Discovery ({@link ApacheTransportProvider}) creates an async client of its own, which
 * {@link #close()} shuts down. Thread-safe.
 */
public final class ApacheTransport implements Transport {
    /**
     * Connections the discovered client opens per route and in total: an HTTP/1.1 stream holds its
     * connection, so this is how many streams may be open at once (more wait for a connection).
     */
    static final int MAX_CONNECTIONS = 1024;
    static final String ABORT_INTERCEPTOR = "brook-abort";
    private static final long START_WAIT_MILLIS = 1000;
    private static final String EXCHANGE_ATTRIBUTE = "dev.brook.transport.apache.exchange";
    private static final System.Logger LOG = System.getLogger(ApacheTransport.class.getName());

    private final CloseableHttpClient classic;
    private final CloseableHttpAsyncClient async;
    private final boolean owned;
    private volatile boolean warnedNoAbortSupport;

    private ApacheTransport(CloseableHttpClient classic, CloseableHttpAsyncClient async, boolean owned) {
        this.classic = classic;
        this.async = async;
        this.owned = owned;
    }

    /**
     * A transport over the user's classic {@code client}, used as configured; Brook never closes it.
     *
     * @param client the user's classic client
     * @return a transport that leaves {@code client} open on {@link #close()}
     * @throws NullPointerException if {@code client} is null
     */
    public static ApacheTransport of(CloseableHttpClient client) {
        Objects.requireNonNull(client, "client");
        return new ApacheTransport(client, null, false);
    }

    /**
     * A transport over the user's async {@code client}, used as configured; Brook neither starts nor
     * closes it. Build it with {@link #withAbortSupport} so that closing a stream aborts it at once.
     *
     * <p>A client's reactor turns active a moment after {@code start()}, so a client still inactive is
     * given up to one second before it is taken as never started.
     *
     * @param client the user's async client, started
     * @return a transport that leaves {@code client} running on {@link #close()}
     * @throws NullPointerException if {@code client} is null
     * @throws IllegalStateException if the client was not started, or is shut down
     */
    public static ApacheTransport of(CloseableHttpAsyncClient client) {
        Objects.requireNonNull(client, "client");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_WAIT_MILLIS);
        while (client.getStatus() == IOReactorStatus.INACTIVE && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (client.getStatus() != IOReactorStatus.ACTIVE) {
            throw new IllegalStateException(state(client));
        }
        return new ApacheTransport(null, client, false);
    }

    /**
     * Adds to {@code builder} the small exec interceptor (named {@code brook-abort}) that lets Brook abort
     * a stream at once when it is closed: it hands each Brook exchange's {@code AsyncExecRuntime} to the
     * transport, which discards the connection on close. Other requests pass through untouched.
     *
     * <p>Why: in HttpClient 5.6, cancelling the {@code Future} of an exchange that runs on a connection
     * taken at once from the pool (the usual case with keep-alive) does not abort it, so without this a
     * closed stream keeps its connection leased until the server sends more bytes or the socket timeout
     * expires. Streams over a client built without it still work; only their early close may be late.
     *
     * <pre>{@code
     * CloseableHttpAsyncClient client = ApacheTransport.withAbortSupport(HttpAsyncClients.custom())
     *         .setConnectionManager(myPool)
     *         .build();
     * client.start();
     * Transport transport = ApacheTransport.of(client);
     * }</pre>
     *
     * @param builder the builder of the user's async client
     * @return {@code builder}, for chaining
     * @throws NullPointerException if {@code builder} is null
     */
    public static HttpAsyncClientBuilder withAbortSupport(HttpAsyncClientBuilder builder) {
        Objects.requireNonNull(builder, "builder");
        return builder.addExecInterceptorLast(ABORT_INTERCEPTOR, ApacheTransport::handOverRuntime);
    }

    /** The interceptor of {@link #withAbortSupport}: runs once per attempt, after the connection is set up. */
    private static void handOverRuntime(HttpRequest request, AsyncEntityProducer entityProducer,
            AsyncExecChain.Scope scope, AsyncExecChain chain, AsyncExecCallback callback)
            throws HttpException, IOException {
        if (scope.clientContext.getAttribute(EXCHANGE_ATTRIBUTE) instanceof StreamingResponseConsumer consumer) {
            consumer.runtime(scope.execRuntime);
        }
        chain.proceed(request, entityProducer, scope, callback);
    }

    /**
     * A transport owning a new, started async client: {@value #MAX_CONNECTIONS} connections per route,
     * no redirects, retries or cookies (the core retries), and as connect and response (socket) timeouts
     * the backstops of {@code config}, looser than the core's own timeouts, which are what users meet.
     * {@link #close()} shuts it down.
     *
     * <p>HttpClient applies the response timeout to the whole exchange as a socket timeout, which counts
     * time without reads; while a slow subscriber holds a full window no reads happen, so a pause longer
     * than the read backstop there times the connection out.
     */
    static ApacheTransport create(TransportConfig config) {
        Timeout read = config.readBackstop().isZero() ? Timeout.DISABLED : Timeout.of(config.readBackstop());
        CloseableHttpAsyncClient client = withAbortSupport(HttpAsyncClients.custom())
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(config.connectBackstop()))
                                .setSocketTimeout(read)
                                .build())
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
        client.start();
        return new ApacheTransport(null, client, true);
    }

    /** Returns {@code apache}. */
    @Override
    public String name() {
        return ApacheTransportProvider.NAME;
    }

    /**
     * Sends {@code request} and blocks until the status and headers have arrived, reporting the connection
     * and taking the abort through {@code exchange} (see the class comment).
     *
     * @throws IOException when the exchange fails or is aborted before the headers; a timeout of the
     *     client's own as a {@link SocketTimeoutException}
     * @throws IllegalStateException if the async client is not running
     */
    @Override
    public TransportResponse execute(TransportRequest request, TransportExchange exchange) throws IOException {
        if (classic != null) {
            return executeClassic(request, exchange);
        }
        return exchange.awaitHeaders(executeAsync(request, exchange, Runnable::run));
    }

    /**
     * On the async client, native: the client's I/O thread completes the future when the headers arrive
     * ({@code blockingExecutor} is not used; do not block in callbacks run on that thread). Cancelling
     * the future, or aborting {@code exchange}, aborts the exchange. On the classic client,
     * {@link #execute} runs on {@code blockingExecutor}.
     */
    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request, TransportExchange exchange,
            Executor blockingExecutor) {
        if (classic != null) {
            return Transport.super.executeAsync(request, exchange, blockingExecutor);
        }
        IOReactorStatus status = async.getStatus();
        if (status == IOReactorStatus.SHUTTING_DOWN || status == IOReactorStatus.SHUT_DOWN) {
            return CompletableFuture.failedFuture(new IllegalStateException(state(async)));
        }
        StreamingResponseConsumer consumer = new StreamingResponseConsumer(exchange, cause -> headerFailure(cause, request));
        // The core's abort fails the future at once; this discards the connection (or cancels the client's
        // future) unless the response was handed over, whose holder closes it.
        exchange.onAbort(() -> {
            if (exchange.response().isCompletedExceptionally()) {
                consumer.abort();
            }
        });
        if (exchange.response().isDone()) {
            return exchange.response(); // aborted before it started: nothing is sent
        }
        if (request.bodyLength() == 0) {
            exchange.connected(); // no body whose writing would tell: connecting counts as waiting for headers
        }
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(EXCHANGE_ATTRIBUTE, consumer);
        try {
            Future<Void> future = async.execute(toAsyncRequest(request, exchange), consumer, context, consumer);
            consumer.attach(future);
        } catch (IllegalStateException e) { // the client shut down meanwhile
            consumer.failed(e);
        }
        if (!warnedNoAbortSupport) {
            exchange.response().thenRun(() -> {
                if (!consumer.hasRuntime() && !warnedNoAbortSupport) {
                    warnedNoAbortSupport = true;
                    LOG.log(System.Logger.Level.WARNING, "This CloseableHttpAsyncClient was not built with"
                            + " ApacheTransport.withAbortSupport(builder): HttpClient 5.6 does not abort an exchange"
                            + " on a pooled connection when its Future is cancelled, so a stream closed early may"
                            + " keep its connection until the server sends more or the socket timeout expires.");
                }
            });
        }
        return exchange.response();
    }

    private TransportResponse executeClassic(TransportRequest request, TransportExchange exchange)
            throws IOException {
        HttpUriRequestBase apacheRequest = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().map().forEach((name, values) -> values.forEach(v -> apacheRequest.addHeader(name, v)));
        if (request.bodyLength() > 0) {
            apacheRequest.setEntity(new ReportingEntity(new ByteArrayEntity(request.body(), contentType(request)),
                    exchange));
        } else {
            exchange.connected(); // no body whose writing would tell: connecting counts as waiting for headers
        }
        // Cancelling the request closes the socket it connects or reads on (HttpClient binds the socket to
        // the connection before connecting it), or stops a wait for a pooled connection, or, before
        // executeOpen gets that far, makes it refuse to start: a blocked executeOpen throws at once.
        exchange.onAbort(apacheRequest::cancel);
        if (apacheRequest.isCancelled()) {
            throw aborted(request, null); // aborted before it started: nothing is sent
        }
        ClassicHttpResponse response;
        try {
            response = classic.executeOpen(RoutingSupport.determineHost(apacheRequest), apacheRequest, null);
        } catch (HttpException e) {
            throw new IOException("cannot send " + request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (ConnectionRequestTimeoutException e) {
            throw (SocketTimeoutException) reported(e);
        } catch (RuntimeException e) {
            // A cancel between two of HttpClient's steps can surface as an unchecked exception (a lease
            // future's CancellationException, an endpoint already released): it is still the abort.
            if (apacheRequest.isCancelled()) {
                throw aborted(request, e);
            }
            throw e;
        }
        HttpEntity entity = response.getEntity();
        InputStream content = entity == null ? null : entity.getContent();
        // Closing the entity's stream would read the rest of a chunked body to reuse the connection; the
        // abort cancels the request instead, which closes the socket at once (waking a blocked read) and
        // returns the lease as not reusable. Closing the response after that, or after the body's end,
        // then finds nothing to drain.
        InputStream body = new FilterInputStream(content == null ? InputStream.nullInputStream() : content) {
            @Override
            public void close() throws IOException {
                response.close();
            }
        };
        TransportHeaders headers = headers(response, entity == null ? null : entity.getContentEncoding());
        return TransportResponse.ofInputStream(response.getCode(), headers, body, apacheRequest::cancel);
    }

    /**
     * The response headers as the body will be read. Both clients decompress gzip and deflate by default
     * yet leave {@code Content-Encoding} (and {@code Content-Length}) in place; the entity tells what is
     * still encoded. Those headers are dropped when the client has decoded the body, so the core does not
     * decode it a second time, and kept when it has not (compression disabled), so the core decodes it.
     *
     * @param remainingEncoding the entity's encoding as the body will be read; null for none
     */
    static TransportHeaders headers(HttpResponse response, String remainingEncoding) {
        Header encoding = response.getFirstHeader("content-encoding");
        boolean decoded = remainingEncoding == null && encoding != null
                && !encoding.getValue().trim().equalsIgnoreCase("identity");
        TransportHeaders.Builder headers = TransportHeaders.builder();
        for (Header h : response.getHeaders()) {
            if (decoded && (h.getName().equalsIgnoreCase("content-encoding")
                    || h.getName().equalsIgnoreCase("content-length"))) {
                continue;
            }
            headers.add(h.getName(), h.getValue());
        }
        return headers.build();
    }

    private static AsyncRequestProducer toAsyncRequest(TransportRequest request, TransportExchange exchange) {
        AsyncRequestBuilder b = AsyncRequestBuilder.create(request.method()).setUri(request.uri());
        request.headers().map().forEach((name, values) -> values.forEach(v -> b.addHeader(name, v)));
        if (request.bodyLength() > 0) {
            b.setEntity(new ReportingProducer(AsyncEntityProducers.create(request.body(), contentType(request)),
                    exchange));
        }
        return b.build();
    }

    private static ContentType contentType(TransportRequest request) {
        return request.headers().firstValue("content-type").map(ContentType::parse)
                .orElse(ContentType.APPLICATION_OCTET_STREAM);
    }

    /**
     * What a failure before the headers becomes: a client that does not run, or the cause as the core
     * expects it ({@link #reported}). Never a {@link CancellationException}, which would read as the
     * caller's own cancel.
     */
    private Throwable headerFailure(Throwable cause, TransportRequest request) {
        Throwable t = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (t instanceof CancellationException) {
            // Apache cancels an execution at once when its client is not running (never started or shut down).
            return async.getStatus() == IOReactorStatus.ACTIVE
                    ? new IOException("the exchange with " + request.uri() + " was cancelled", t)
                    : new IllegalStateException(state(async), t);
        }
        return reported(t);
    }

    /**
     * A timeout of HttpClient's own as the {@link SocketTimeoutException} the core expects, keeping it as
     * the cause: its connect and socket (response) timeouts already are one ({@code ConnectTimeoutException}
     * extends it); a wait for a pooled connection that timed out ({@link ConnectionRequestTimeoutException},
     * or the async pool's {@link TimeoutException}) is not. Anything else is returned as it is.
     */
    static Throwable reported(Throwable t) {
        if (t instanceof ConnectionRequestTimeoutException || t instanceof TimeoutException) {
            SocketTimeoutException timeout = new SocketTimeoutException(
                    "timed out waiting for a connection from the pool: " + t.getMessage());
            timeout.initCause(t);
            return timeout;
        }
        return t;
    }

    private static IOException aborted(TransportRequest request, Throwable cause) {
        return new IOException("the exchange with " + request.uri() + " was aborted", cause);
    }

    private static String state(CloseableHttpAsyncClient client) {
        IOReactorStatus status = client.getStatus();
        return status == IOReactorStatus.INACTIVE
                ? "The CloseableHttpAsyncClient has not been started (status INACTIVE); call client.start()"
                        + " before ApacheTransport.of(client): Brook never starts or closes a client it did not create."
                : "The CloseableHttpAsyncClient is not running (status " + status + "); it was shut down.";
    }

    /**
     * Shuts down the async client that discovery created, aborting streams still open on it. A client
     * the user passed in is left open. Idempotent.
     */
    @Override
    public void close() {
        if (owned) {
            async.close(CloseMode.IMMEDIATE);
        }
    }

    /** Which client this transport uses and whether it owns it, such as {@code ApacheTransport{user classic client}}. */
    @Override
    public String toString() {
        return "ApacheTransport{" + (owned ? "owned " : "user ") + (classic != null ? "classic" : "async") + " client}";
    }

    /**
     * The classic request body, reporting the connection when HttpClient asks it to write itself. That
     * happens only once the client holds a leased, connected connection (TLS included) and has written
     * the request head on it, so it is the first sign that the connection is up. (A user's client that
     * sends {@code Expect: 100-continue} asks after the server's go-ahead, so that wait counts as
     * connecting.) A retried write reports again, which the exchange ignores.
     */
    private static final class ReportingEntity extends HttpEntityWrapper {
        private final TransportExchange exchange;

        ReportingEntity(HttpEntity body, TransportExchange exchange) {
            super(body);
            this.exchange = exchange;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            exchange.connected();
            super.writeTo(out);
        }
    }

    /**
     * The async request body, reporting the connection when HttpClient first asks it to produce bytes.
     * Only the connection's protocol handler does, once the connection is leased and connected (TLS
     * included) and the request head is out; the exec chain before it reads only the entity's details
     * (length, type). {@code Expect: 100-continue} delays it as on the classic client.
     */
    private static final class ReportingProducer extends AsyncEntityProducerWrapper {
        private final TransportExchange exchange;

        ReportingProducer(AsyncEntityProducer body, TransportExchange exchange) {
            super(body);
            this.exchange = exchange;
        }

        @Override
        public void produce(DataStreamChannel channel) throws IOException {
            exchange.connected();
            super.produce(channel);
        }
    }
}
