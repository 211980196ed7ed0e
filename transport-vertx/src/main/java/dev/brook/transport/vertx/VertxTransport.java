package dev.brook.transport.vertx;

import dev.brook.core.transport.PushedBodyPublisher;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.core.transport.TransportResponse;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Brook transport over the Vert.x 5 core {@link HttpClient}: the client the Vert.x Web Client is built
 * on. The status and headers are handed over as soon as they arrive and the body follows as a
 * {@link PushedBodyPublisher} that pauses the response when nobody asks for more, so a slow reader stops
 * socket reads instead of growing memory. It never blocks an event loop: {@link #executeAsync} completes
 * on the Vert.x context, and the blocking paths refuse to run on an event-loop thread. The package
 * documentation says why the core client rather than {@code WebClient.send()}, which threads signals
 * come on, and which Vert.x timeouts reach Brook as {@link SocketTimeoutException}s (a connection-level
 * idle timeout closes the connection without saying why, so Brook sees a closed connection).
 *
 * <p>Thread-safe: one transport serves many concurrent streams. Build one from your own {@link Vertx}
 * with {@link #of(Vertx, HttpClientOptions)} or {@link #of(Vertx, HttpClient)}, or let discovery create
 * one that owns its {@code Vertx}. {@link #close()} closes only what Brook created.
 */
public final class VertxTransport implements Transport {
    /**
     * Most HTTP/1.1 connections per server of a client Brook creates. A stream holds its connection for its
     * whole life, so Vert.x's default of 5 would queue the sixth concurrent stream behind the others.
     */
    static final int POOL_SIZE = 1024;
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final Vertx vertx;
    private final HttpClient client;
    private final boolean ownsClient;
    private final boolean ownsVertx;
    /** The per-request idle timeout Vert.x applies until the headers arrive; zero for none. */
    private final Duration headerBackstop;
    private final AtomicBoolean closed = new AtomicBoolean();

    private VertxTransport(Vertx vertx, HttpClient client, boolean ownsClient, boolean ownsVertx,
            Duration headerBackstop) {
        this.vertx = vertx;
        this.client = client;
        this.ownsClient = ownsClient;
        this.ownsVertx = ownsVertx;
        this.headerBackstop = headerBackstop;
    }

    /**
     * A transport over a new HTTP client that Brook creates on the user's {@code vertx} from
     * {@code options} (a {@code WebClientOptions} works too: it is an {@link HttpClientOptions}). Proxy,
     * TLS, HTTP version, connect and idle timeouts are taken as given; the pool allows up to 1,024
     * connections per server, since each stream holds one (pass a ready client to
     * {@link #of(Vertx, HttpClient)} to choose the pool yourself). {@link #close()} closes
     * that client but never {@code vertx}. Prefer Brook's idle timeout to a connection idle timeout in
     * {@code options}, which also fires while Brook has paused the socket for a slow reader.
     *
     * @param vertx the user's Vert.x instance, on which the client is created
     * @param options the client's options (copied)
     * @return a transport owning the new client, but not {@code vertx}
     * @throws NullPointerException if an argument is null
     */
    public static VertxTransport of(Vertx vertx, HttpClientOptions options) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(options, "options");
        HttpClient client = vertx.createHttpClient(new HttpClientOptions(options),
                new PoolOptions().setHttp1MaxSize(POOL_SIZE));
        return new VertxTransport(vertx, client, true, false, Duration.ZERO);
    }

    /**
     * A transport over the user's ready {@code client} (such as {@code vertx.createHttpClient(...)}, or the
     * client a {@code WebClient.wrap(client)} shares), used as configured. {@code vertx} must be the
     * instance that created {@code client}; Brook runs each exchange on one of its contexts. Brook closes
     * neither.
     *
     * @param vertx the Vert.x instance that created {@code client}
     * @param client the user's HTTP client
     * @return a transport that closes neither {@code vertx} nor {@code client}
     * @throws NullPointerException if an argument is null
     */
    public static VertxTransport of(Vertx vertx, HttpClient client) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(client, "client");
        return new VertxTransport(vertx, client, false, false, Duration.ZERO);
    }

    /**
     * A transport owning a new {@code Vertx} and client built from {@code config}, with the backstops as a
     * TCP connect timeout and a per-request idle timeout on the wait for the headers (see the package
     * documentation); {@link #close()} closes both.
     */
    static VertxTransport create(TransportConfig config) {
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(Math.min(2, Runtime.getRuntime().availableProcessors()))
                .setWorkerPoolSize(1)); // nothing here runs blocking code on Vert.x workers
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.connectBackstop().toMillis()))
                .setIdleTimeout(0);
        HttpClient client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(POOL_SIZE));
        return new VertxTransport(vertx, client, true, true, config.readBackstop());
    }

    /** Returns {@value VertxTransportProvider#NAME}. */
    @Override
    public String name() {
        return VertxTransportProvider.NAME;
    }

    /**
     * Waits on {@link #executeAsync}.
     *
     * @throws IllegalStateException when called on a Vert.x event-loop thread
     */
    @Override
    public TransportResponse execute(TransportRequest request, TransportExchange exchange) throws IOException {
        checkBlockingAllowed();
        return exchange.awaitHeaders(executeAsync(request, exchange, Runnable::run));
    }

    /**
     * Native: sends on a Vert.x context and completes on that context (an event-loop thread) when the
     * headers arrive, so dependent stages run there and must not block. {@code blockingExecutor} is not
     * used. An abort resets the request once Vert.x has one; before that, failing the future is the whole
     * abort and no connection is asked for.
     */
    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request, TransportExchange exchange,
            Executor blockingExecutor) {
        if (closed.get()) {
            exchange.fail(new IOException("the Vert.x transport is closed"));
            return exchange.response();
        }
        // The whole exchange is set up in one task on one context: Vert.x dispatches the response and its
        // body there too, so the body handlers are in place before any buffer can be delivered.
        try {
            Context context = vertx.getOrCreateContext();
            context.runOnContext(v -> send(context, request, exchange));
        } catch (RejectedExecutionException | IllegalStateException e) {
            exchange.fail(new IOException("the Vertx instance is closed: " + e.getMessage(), e));
        }
        return exchange.response();
    }

    private void send(Context context, TransportRequest request, TransportExchange exchange) {
        if (exchange.response().isDone()) {
            return; // aborted before it started: open no connection
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method()))
                .setAbsoluteURI(request.uri().toString())
                .setFollowRedirects(false)
                .setHeaders(headers(request.headers()));
        if (!headerBackstop.isZero()) {
            options.setIdleTimeout(headerBackstop.toMillis());
        }
        client.request(options).onComplete(obtained -> {
            if (obtained.failed()) {
                exchange.fail(failure(obtained.cause(), request));
                return;
            }
            HttpClientRequest httpRequest = obtained.result();
            // The request future completes only once the pool has handed out an established connection
            // (TCP and, for https, TLS done) with a stream for this request; what follows is writing the
            // request. So the connect phase ends here.
            exchange.connected();
            // Failures also reach the response future below; without a handler Vert.x would log them.
            httpRequest.exceptionHandler(t -> { });
            // Vert.x hops onto the connection's event loop itself, so the reset may run on any thread; at
            // once if the exchange was aborted while the connection was being obtained.
            exchange.onAbort(() -> {
                if (!httpRequest.response().isComplete()) {
                    httpRequest.reset();
                }
            });
            if (exchange.response().isDone()) {
                return;
            }
            Buffer body = request.bodyLength() == 0 ? null : Buffer.buffer(request.body());
            (body == null ? httpRequest.send() : httpRequest.send(body)).onComplete(answered -> {
                if (answered.failed()) {
                    exchange.fail(failure(answered.cause(), request));
                    return;
                }
                HttpClientResponse response = answered.result();
                Context current = Vertx.currentContext();
                PushedBodyPublisher publisher = VertxResponseBody.publisher(current != null ? current : context,
                        httpRequest, response);
                exchange.respond(TransportResponse.ofPublisher(response.statusCode(), TransportHeaders.ofEntries(response.headers()),
                        publisher, publisher::abort));
            });
        });
    }

    private static MultiMap headers(TransportHeaders headers) {
        MultiMap map = HttpHeaders.headers();
        headers.map().forEach((name, values) -> values.forEach(value -> map.add(name, value)));
        return map;
    }

    /**
     * What {@link #execute} throws for a failure before the headers: Vert.x's own timeouts (Netty's TCP
     * connect timeout; the {@link TimeoutException} of a request's idle or connect timeout) become a
     * {@link SocketTimeoutException} so that the core can tell them from a broken connection.
     */
    private static IOException failure(Throwable t, TransportRequest request) {
        String where = " (" + request.method() + ' ' + request.uri() + ')';
        if (t instanceof ConnectTimeoutException || t instanceof TimeoutException) {
            SocketTimeoutException timeout = new SocketTimeoutException(describe(t) + where);
            timeout.initCause(t);
            return timeout;
        }
        if (t instanceof IOException io) {
            return io;
        }
        return new IOException(describe(t) + where, t);
    }

    /** A failure's message, or its class name when it has none. */
    static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null ? t.getClass().getName() : message;
    }

    /**
     * Refuses to block a Vert.x event-loop thread: a sync {@code MessageStream} read or {@link #execute}
     * there would stall every connection and timer of that loop.
     *
     * @throws IllegalStateException when the current thread is a Vert.x event-loop thread (of any
     *     {@code Vertx} instance); worker threads and plain threads may block
     */
    @Override
    public void checkBlockingAllowed() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("Brook's blocking MessageStream was used on a Vert.x event-loop thread ("
                    + Thread.currentThread().getName() + "); this would block the event loop. Use "
                    + "brook.messages().streamAsync(...) or run the blocking call with vertx.executeBlocking(...).");
        }
    }

    /**
     * Closes the client Brook created and, for a transport from discovery, its {@code Vertx}, waiting up to
     * 10 s for them to finish (not at all on an event-loop thread). A user's {@code Vertx} and a client the
     * user passed in stay open. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        io.vertx.core.Future<Void> done = ownsClient ? client.close() : io.vertx.core.Future.succeededFuture();
        if (ownsVertx) {
            done = done.eventually(() -> vertx.close());
        }
        if (Context.isOnEventLoopThread()) {
            return;
        }
        try {
            done.toCompletionStage().toCompletableFuture().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Closing is best effort: Vert.x goes on closing in the background.
        }
    }

    @Override
    public String toString() {
        return "VertxTransport{" + (ownsVertx ? "owned Vertx" : "user Vertx") + ", "
                + (ownsClient ? "owned" : "user") + " client}";
    }
}
