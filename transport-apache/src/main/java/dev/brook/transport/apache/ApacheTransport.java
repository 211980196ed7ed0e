package dev.brook.transport.apache;

import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.core.transport.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.ConnectTimeoutException;
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
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
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
 * client keeps its own configuration (proxy, TLS, pool, timeouts) and Brook never closes it. Timeouts
 * the client reports before the headers become {@link StreamTimeoutException} ({@code CONNECT} or
 * {@code IDLE}); later ones surface as a {@link SocketTimeoutException} from the body.
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
    private static final Set<String> FRAMING_HEADERS = Set.of("content-length", "transfer-encoding", "host",
            "connection");

    private final CloseableHttpClient classic;
    private final CloseableHttpAsyncClient async;
    private final boolean owned;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private volatile boolean warnedNoAbortSupport;

    private ApacheTransport(CloseableHttpClient classic, CloseableHttpAsyncClient async, boolean owned,
            Duration connectTimeout, Duration idleTimeout) {
        this.classic = classic;
        this.async = async;
        this.owned = owned;
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
    }

    /**
     * A transport over the user's classic {@code client}, used as configured; Brook never closes it.
     *
     * @throws NullPointerException if {@code client} is null
     */
    public static ApacheTransport of(CloseableHttpClient client) {
        Objects.requireNonNull(client, "client");
        return new ApacheTransport(client, null, false, null, null);
    }

    /**
     * A transport over the user's async {@code client}, used as configured; Brook neither starts nor
     * closes it. Build it with {@link #withAbortSupport} so that closing a stream aborts it at once.
     *
     * <p>A client's reactor turns active a moment after {@code start()}, so a client still inactive is
     * given up to one second before it is taken as never started.
     *
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
        return new ApacheTransport(null, client, false, null, null);
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
     * A transport owning a new, started async client: connect timeout and response (socket) timeout from
     * {@code config}, {@value #MAX_CONNECTIONS} connections per route, no redirects, retries or cookies
     * (the core retries). {@link #close()} shuts it down.
     *
     * <p>HttpClient applies the response timeout to the whole exchange as a socket timeout, which counts
     * time without reads; while a slow subscriber holds a full window no reads happen, so a pause longer
     * than the idle timeout there times the connection out.
     */
    static ApacheTransport create(TransportConfig config) {
        Timeout idle = config.idleTimeout().isZero() ? Timeout.DISABLED : Timeout.of(config.idleTimeout());
        CloseableHttpAsyncClient client = withAbortSupport(HttpAsyncClients.custom())
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(config.connectTimeout()))
                                .setSocketTimeout(idle)
                                .build())
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(idle).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
        client.start();
        return new ApacheTransport(null, client, true, config.connectTimeout(), config.idleTimeout());
    }

    /** Returns {@code apache}. */
    @Override
    public String name() {
        return ApacheTransportProvider.NAME;
    }

    /**
     * Sends {@code request} and blocks until the status and headers have arrived.
     *
     * @throws StreamTimeoutException when the client's connect or response timeout expires first
     * @throws IOException when the exchange fails before the headers
     * @throws IllegalStateException if the async client is not running
     */
    @Override
    public TransportResponse execute(TransportRequest request) throws IOException {
        if (classic != null) {
            return executeClassic(request);
        }
        CompletableFuture<TransportResponse> headers = executeAsync(request, Runnable::run);
        try {
            return headers.get();
        } catch (InterruptedException e) {
            headers.cancel(true);
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while waiting for " + request.uri());
            io.initCause(e);
            throw io;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
    }

    /**
     * On the async client, native: the client's I/O thread completes the future when the headers arrive
     * ({@code blockingExecutor} is not used; do not block in callbacks run on that thread). Cancelling
     * the future aborts the exchange. On the classic client, {@link #execute} runs on
     * {@code blockingExecutor}.
     */
    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request, Executor blockingExecutor) {
        if (classic != null) {
            return Transport.super.executeAsync(request, blockingExecutor);
        }
        IOReactorStatus status = async.getStatus();
        if (status == IOReactorStatus.SHUTTING_DOWN || status == IOReactorStatus.SHUT_DOWN) {
            return CompletableFuture.failedFuture(new IllegalStateException(state(async)));
        }
        StreamingResponseConsumer consumer = new StreamingResponseConsumer(cause -> headerFailure(cause, request));
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(EXCHANGE_ATTRIBUTE, consumer);
        try {
            Future<Void> exchange = async.execute(toAsyncRequest(request), consumer, context, consumer);
            consumer.attach(exchange);
        } catch (IllegalStateException e) { // the client shut down meanwhile
            consumer.failed(e);
        }
        if (!warnedNoAbortSupport) {
            consumer.headers().thenRun(() -> {
                if (!consumer.hasRuntime() && !warnedNoAbortSupport) {
                    warnedNoAbortSupport = true;
                    LOG.log(System.Logger.Level.WARNING, "This CloseableHttpAsyncClient was not built with"
                            + " ApacheTransport.withAbortSupport(builder): HttpClient 5.6 does not abort an exchange"
                            + " on a pooled connection when its Future is cancelled, so a stream closed early may"
                            + " keep its connection until the server sends more or the socket timeout expires.");
                }
            });
        }
        return consumer.headers();
    }

    private TransportResponse executeClassic(TransportRequest request) throws IOException {
        HttpUriRequestBase apacheRequest = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().map().forEach((name, values) -> {
            if (!FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> apacheRequest.addHeader(name, v));
            }
        });
        if (request.bodyLength() > 0) {
            apacheRequest.setEntity(new ByteArrayEntity(request.body(), contentType(request)));
        }
        ClassicHttpResponse response;
        try {
            response = classic.executeOpen(RoutingSupport.determineHost(apacheRequest), apacheRequest, null);
        } catch (HttpException e) {
            throw new IOException("cannot send " + request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            throw timeout(e, request);
        }
        HttpEntity entity = response.getEntity();
        InputStream content = entity == null ? null : entity.getContent();
        ClassicBody body = new ClassicBody(content == null ? InputStream.nullInputStream() : content, apacheRequest,
                response);
        TransportHeaders headers = headers(response, entity == null ? null : entity.getContentEncoding());
        return TransportResponse.ofInputStream(response.getCode(), headers, body, body::abort);
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

    private static AsyncRequestProducer toAsyncRequest(TransportRequest request) {
        AsyncRequestBuilder b = AsyncRequestBuilder.create(request.method()).setUri(request.uri());
        request.headers().map().forEach((name, values) -> {
            if (!FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> b.addHeader(name, v));
            }
        });
        if (request.bodyLength() > 0) {
            b.setEntity(AsyncEntityProducers.create(request.body(), contentType(request)));
        }
        return b.build();
    }

    private static ContentType contentType(TransportRequest request) {
        return request.headers().firstValue("content-type").map(ContentType::parse)
                .orElse(ContentType.APPLICATION_OCTET_STREAM);
    }

    /**
     * What a failure before the headers becomes: a timeout Brook can name, a client that does not run,
     * or the cause itself. Never a {@link CancellationException}, which would read as the caller's own
     * cancel.
     */
    private Throwable headerFailure(Throwable cause, TransportRequest request) {
        Throwable t = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (t instanceof SocketTimeoutException s) {
            return timeout(s, request);
        }
        if (t instanceof CancellationException) {
            // Apache cancels an execution at once when its client is not running (never started or shut down).
            return async.getStatus() == IOReactorStatus.ACTIVE
                    ? new IOException("the exchange with " + request.uri() + " was cancelled", t)
                    : new IllegalStateException(state(async), t);
        }
        return t;
    }

    private StreamTimeoutException timeout(SocketTimeoutException e, TransportRequest request) {
        // A ConnectTimeoutException is a SocketTimeoutException too: test for it first.
        if (e instanceof ConnectTimeoutException) {
            return connectTimeout != null
                    ? new StreamTimeoutException(StreamTimeoutException.Kind.CONNECT, connectTimeout,
                            "Connect timeout of " + connectTimeout.toMillis() + " ms expired connecting to "
                                    + request.uri() + "; raise Brook.builder().connectTimeout(...) or check the"
                                    + " network path.", e, null)
                    : new StreamTimeoutException(StreamTimeoutException.Kind.CONNECT, Duration.ZERO,
                            "The Apache client's connect timeout expired connecting to " + request.uri() + " ("
                                    + e.getMessage() + "); raise the connectTimeout of its ConnectionConfig or check"
                                    + " the network path.", e, null);
        }
        return idleTimeout != null
                ? new StreamTimeoutException(StreamTimeoutException.Kind.IDLE, idleTimeout,
                        "Idle timeout of " + idleTimeout.toMillis() + " ms expired waiting for the response headers"
                                + " from " + request.uri() + "; raise Brook.builder().idleTimeout(...) or check the"
                                + " server.", e, null)
                : new StreamTimeoutException(StreamTimeoutException.Kind.IDLE, Duration.ZERO,
                        "The Apache client's response timeout expired waiting for the response headers from "
                                + request.uri() + " (" + e.getMessage() + "); raise the responseTimeout of its"
                                + " RequestConfig or check the server.", e, null);
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
}
