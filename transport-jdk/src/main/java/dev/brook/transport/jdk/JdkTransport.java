package dev.brook.transport.jdk;

import dev.brook.core.transport.DaemonThreads;
import dev.brook.core.transport.PushedBodyPublisher;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.core.transport.TransportResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Brook transport over the JDK's {@link HttpClient}: no dependency beyond the JDK.
 *
 * <p>The body arrives through the client's own body subscriber under the reader's demand
 * ({@link JdkBodySubscriber}); closing a response cancels it, which makes the client drop the connection
 * instead of draining it. Every exchange, sync ones too, is sent with {@code sendAsync}, whose future
 * Brook's clock cancels to abort it; the connection counts as up when the client subscribes to the
 * request body, which it does only once connected. A client that discovery creates has a connect and a
 * request timeout looser than Brook's, as backstops; a user's client keeps its own.
 *
 * <p>Thread-safe. Build one around your own configured client with {@link #of(HttpClient)} (proxy, TLS,
 * executor, HTTP version stay yours and Brook never shuts it down), or let discovery create one.
 */
public final class JdkTransport implements Transport {
    private static final long CLOSE_WAIT_MILLIS = 1000;
    private final HttpClient client;
    private final Duration requestBackstop;
    private final ExecutorService ownedExecutor;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdkTransport(HttpClient client, Duration requestBackstop, ExecutorService ownedExecutor) {
        this.client = client;
        this.requestBackstop = requestBackstop;
        this.ownedExecutor = ownedExecutor;
    }

    /**
     * A transport over the user's {@code client}, used as configured. Brook never closes it.
     *
     * @param client the user's client, with its proxy, TLS, executor and HTTP version
     * @return a transport that leaves {@code client} open on {@link #close()}
     * @throws NullPointerException if {@code client} is null
     */
    public static JdkTransport of(HttpClient client) {
        Objects.requireNonNull(client, "client");
        return new JdkTransport(client, Duration.ZERO, null);
    }

    /** A transport owning a new client built from {@code config}; {@link #close()} releases its threads. */
    static JdkTransport create(TransportConfig config) {
        // Bounded: the client's executor only hands bytes to subscribers, so a few threads serve any number
        // of streams; a cached pool would grow a thread per stream under a burst.
        ExecutorService executor = Executors.newFixedThreadPool(
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), new DaemonThreads("brook-jdk"));
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(config.connectBackstop())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        // The JDK's request timeout runs from sending to the headers, connecting included.
        Duration request = config.readBackstop().isZero() ? Duration.ZERO : config.readBackstop().plus(config.connectBackstop());
        return new JdkTransport(client, request, executor);
    }

    @Override
    public String name() {
        return JdkTransportProvider.NAME;
    }

    /** Blocks on {@code sendAsync}, which the exchange's abort cancels. */
    @Override
    public TransportResponse execute(TransportRequest request, TransportExchange exchange) throws IOException {
        return exchange.awaitHeaders(executeAsync(request, exchange, Runnable::run));
    }

    /** Native: the client's own I/O threads complete the future; {@code blockingExecutor} is not used. */
    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request, TransportExchange exchange,
            Executor blockingExecutor) {
        CompletableFuture<HttpResponse<PushedBodyPublisher>> sent =
                client.sendAsync(toHttpRequest(request, exchange), info -> new JdkBodySubscriber());
        exchange.onAbort(() -> sent.cancel(true));
        sent.whenComplete((response, failure) -> {
            if (failure == null) {
                exchange.respond(toResponse(response));
            } else {
                exchange.fail(reported(failure)); // after an abort, its cancel is ignored here
            }
        });
        return exchange.response();
    }

    /** What the client raised, as the core expects it: its timeouts as {@link SocketTimeoutException}. */
    private static Throwable reported(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            SocketTimeoutException timeout = new SocketTimeoutException(cause.getMessage());
            timeout.initCause(cause);
            return timeout;
        }
        return cause;
    }

    private HttpRequest toHttpRequest(TransportRequest request, TransportExchange exchange) {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (request.bodyLength() == 0) {
            exchange.connected(); // no body whose subscription would tell: connecting counts as waiting
        } else {
            // The client subscribes to the request body only once it has a connection to write it to.
            HttpRequest.BodyPublisher bytes = HttpRequest.BodyPublishers.ofByteArray(request.body());
            body = HttpRequest.BodyPublishers.fromPublisher(subscriber -> {
                exchange.connected();
                bytes.subscribe(subscriber);
            }, bytes.contentLength());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).method(request.method(), body);
        request.headers().map().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        if (!requestBackstop.isZero()) {
            b.timeout(requestBackstop);
        }
        return b.build();
    }

    private static TransportResponse toResponse(HttpResponse<PushedBodyPublisher> response) {
        PushedBodyPublisher body = response.body();
        return TransportResponse.ofPublisher(response.statusCode(), TransportHeaders.of(response.headers().map()),
                body, body::abort);
    }

    /**
     * Shuts down a client Brook created; a user's client is left alone. Idempotent.
     *
     * <p>On JDK 21 and newer an {@link HttpClient} is {@link AutoCloseable}, and the client is closed
     * too: that ends its selector thread, which otherwise sits in a native {@code epoll} wait that the
     * JVM's exit waits up to 300 ms for (measured: a process that ran one exchange exits 300 ms sooner).
     * The JDK's {@code close()} lets exchanges still running finish, so it runs on a daemon thread and is
     * waited for at most {@value #CLOSE_WAIT_MILLIS} ms; a stream left open keeps its client until it ends.
     * On JDK 17 there is no way to close the client; its executor's threads are shut down.
     */
    @Override
    public void close() {
        if (ownedExecutor == null || !closed.compareAndSet(false, true)) {
            return;
        }
        if (!(client instanceof AutoCloseable closeable)) {
            ownedExecutor.shutdown();
            return;
        }
        Thread closer = new DaemonThreads("brook-jdk-close").newThread(() -> {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // HttpClient.close() declares no checked exception; closing is best effort.
            } finally {
                ownedExecutor.shutdown();
            }
        });
        closer.start();
        try {
            closer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "JdkTransport{" + (ownedExecutor != null ? "owned" : "user") + " client}";
    }
}
