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
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
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
 * {@link PushedBodyPublisher} that pauses the response when nobody asks for more and resumes it on
 * demand, so a slow reader stops socket reads instead of growing memory. See the package documentation
 * for why the core client is used rather than {@code WebClient.send()}.
 *
 * <p>Never blocks an event loop: {@link #executeAsync} completes on the Vert.x context when the headers
 * arrive, and the blocking paths ({@link #execute}, a sync {@code MessageStream}'s reads) refuse to run on
 * an event-loop thread with an {@link IllegalStateException} (see {@link #checkBlockingAllowed()}).
 *
 * <p>Timeouts: Brook's core enforces its connect, idle and total timeouts on every client, a user's
 * included, with its own clock; this transport only reports when the connection is up
 * ({@link TransportExchange#connected()}) and resets the request when the core aborts the exchange. A
 * client created by discovery also carries Vert.x timeouts, set looser than the core's so they are only
 * backstops: a TCP connect timeout and a per-request idle timeout that covers the wait for the headers
 * (Vert.x cancels it once they arrive). A user's own client or options keep their settings; a Vert.x
 * timeout there that is tighter than Brook's fires first, reaches the core as a
 * {@link SocketTimeoutException}, and is reported as a timeout of the phase it came in (a TCP connect
 * timeout as a connect timeout). Only a connection-level Vert.x idle timeout is not seen as one: it
 * closes the connection without saying why, so the core sees a closed connection.
 *
 * <p>Thread-safe: one transport serves many concurrent streams. Build one from your own {@link Vertx}
 * with {@link #of(Vertx, HttpClientOptions)} or {@link #of(Vertx, HttpClient)}, or let discovery create
 * one ({@link VertxTransportProvider}) that owns its {@code Vertx}. {@link #close()} closes only what
 * Brook created: never the user's {@code Vertx} nor a client the user passed in.
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
     * that client but never {@code vertx}.
     *
     * <p>A connection idle timeout in {@code options} also fires while Brook has paused the socket for a
     * slow reader; Brook's own idle timeout ({@code Brook.builder().idleTimeout(...)}) counts only the
     * time a reader waits, so prefer it.
     *
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
     * @throws NullPointerException if an argument is null
     */
    public static VertxTransport of(Vertx vertx, HttpClient client) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(client, "client");
        return new VertxTransport(vertx, client, false, false, Duration.ZERO);
    }

    /**
     * A transport owning a new {@code Vertx} and client built from {@code config}; {@link #close()} closes
     * both. Its Vert.x timeouts are backstops behind the core's clock: {@link TransportConfig#connectBackstop()}
     * as the TCP connect timeout and {@link TransportConfig#readBackstop()} as a per-request idle timeout
     * on the wait for the headers (none when it is zero). No connection-level idle timeout is set: it
     * would also fire while the socket is paused for a slow reader, whose silence the core does not count.
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
     * Sends {@code request} and blocks until the status and headers have arrived: waits on
     * {@link #executeAsync}, which {@code exchange}'s abort fails.
     *
     * @throws IllegalStateException when called on a Vert.x event-loop thread
     * @throws IOException when the exchange fails or is aborted before the headers; a
     *     {@link SocketTimeoutException} when a Vert.x timeout fired
     */
    @Override
    public TransportResponse execute(TransportRequest request, TransportExchange exchange) throws IOException {
        checkBlockingAllowed();
        CompletableFuture<TransportResponse> future = executeAsync(request, exchange, Runnable::run);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // The cancelled future resets the request; a response that still arrives is closed.
            future.cancel(false);
            InterruptedIOException io = new InterruptedIOException("interrupted while waiting for " + request.uri());
            io.initCause(e);
            throw io;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(describe(cause), cause);
        }
    }

    /**
     * Native: sends on a Vert.x context and completes on that context (an event-loop thread) when the
     * headers arrive, so dependent stages run there and must not block. {@code blockingExecutor} is not
     * used. The future fails with an {@link IOException} (a {@link SocketTimeoutException} for a Vert.x
     * timeout); aborting {@code exchange} or cancelling the future before the headers arrive fails it at
     * once and resets the request.
     */
    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request, TransportExchange exchange,
            Executor blockingExecutor) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(exchange, "exchange");
        CompletableFuture<TransportResponse> result = new CompletableFuture<>();
        // Failing the future is the whole abort until a request exists; send() then resets that request
        // (see there), also when it is obtained after the abort. Runs at once if already aborted.
        exchange.onAbort(() -> result.completeExceptionally(
                new IOException("the exchange was aborted (" + request.method() + ' ' + request.uri() + ')')));
        if (result.isDone()) {
            return result;
        }
        if (closed.get()) {
            result.completeExceptionally(new IOException("the Vert.x transport is closed"));
            return result;
        }
        // The whole exchange is set up in one task on one context: Vert.x dispatches the response and its
        // body there too, so the body handlers are in place before any buffer can be delivered.
        try {
            Context context = vertx.getOrCreateContext();
            context.runOnContext(v -> send(context, request, exchange, result));
        } catch (RejectedExecutionException | IllegalStateException e) {
            result.completeExceptionally(new IOException("the Vertx instance is closed: " + e.getMessage(), e));
        }
        return result;
    }

    private void send(Context context, TransportRequest request, TransportExchange exchange,
            CompletableFuture<TransportResponse> result) {
        if (result.isDone()) {
            return; // aborted or cancelled before it started: open no connection
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
                result.completeExceptionally(failure(obtained.cause(), request));
                return;
            }
            HttpClientRequest httpRequest = obtained.result();
            // The request future completes only once the pool has handed out an established connection
            // (TCP and, for https, TLS done) with a stream for this request; what follows is writing the
            // request. So the connect phase ends here.
            exchange.connected();
            // Failures also reach the response future below; without a handler Vert.x would log them.
            httpRequest.exceptionHandler(t -> { });
            // An abort or cancel fails the result before Vert.x has answered: reset the request, at once
            // if that happened while the connection was being obtained. Vert.x hops onto the
            // connection's event loop itself, so this may run on any thread.
            result.whenComplete((r, t) -> {
                if (t != null && !httpRequest.response().isComplete()) {
                    httpRequest.reset();
                }
            });
            if (result.isDone()) {
                return;
            }
            Buffer body = request.bodyLength() == 0 ? null : Buffer.buffer(request.body());
            (body == null ? httpRequest.send() : httpRequest.send(body)).onComplete(answered -> {
                if (answered.failed()) {
                    result.completeExceptionally(failure(answered.cause(), request));
                    return;
                }
                HttpClientResponse response = answered.result();
                Context current = Vertx.currentContext();
                PushedBodyPublisher publisher = VertxResponseStack.publisher(current != null ? current : context,
                        httpRequest, response);
                TransportResponse transportResponse = TransportResponse.ofPublisher(response.statusCode(),
                        headers(response.headers()), publisher, publisher::abort);
                if (!result.complete(transportResponse)) {
                    transportResponse.close(); // aborted or given up on meanwhile: nobody reads this body
                }
            });
        });
    }

    private static MultiMap headers(TransportHeaders headers) {
        MultiMap map = HttpHeaders.headers();
        headers.map().forEach((name, values) -> values.forEach(value -> map.add(name, value)));
        return map;
    }

    private static TransportHeaders headers(MultiMap headers) {
        TransportHeaders.Builder b = TransportHeaders.builder();
        for (Map.Entry<String, String> header : headers) {
            b.add(header.getKey(), header.getValue());
        }
        return b.build();
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
