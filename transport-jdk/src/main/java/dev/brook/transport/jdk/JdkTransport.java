package dev.brook.transport.jdk;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.core.transport.TransportResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Brook transport over the JDK's {@link HttpClient}: no dependency beyond the JDK.
 *
 * <p>The body is taken as the client's native publisher, so bytes flow as the client's I/O delivers them
 * and a sync reader waits on Brook's bounded bridge. Closing a response cancels the body subscription,
 * which makes the client drop the connection instead of draining it.
 *
 * <p><b>Timeouts.</b> Brook's clock enforces them, on a user's client as on one it creates: every
 * exchange, sync ones too, is sent with {@code sendAsync}, so the clock can abort the wait for headers by
 * cancelling it; the connection counts as established when the client subscribes to the request body,
 * which it does only once connected. The client Brook creates has a connect timeout and a request
 * timeout looser than Brook's, as backstops; a user's client keeps its own (a tighter one fires first,
 * and Brook reports it as the timeout of the phase it came in).
 *
 * <p>Thread-safe. Build one around your own configured client with {@link #of(HttpClient)} (proxy, TLS,
 * executor, HTTP version stay yours and Brook never shuts it down), or let discovery create one.
 */
public final class JdkTransport implements Transport {
    private final HttpClient client;
    private final Duration requestBackstop;
    private final ExecutorService ownedExecutor;

    private JdkTransport(HttpClient client, Duration requestBackstop, ExecutorService ownedExecutor) {
        this.client = client;
        this.requestBackstop = requestBackstop;
        this.ownedExecutor = ownedExecutor;
    }

    /**
     * A transport over the user's {@code client}, used as configured. Brook never closes it.
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
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), new DaemonThreads());
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
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> sent =
                client.sendAsync(toHttpRequest(request, exchange), HttpResponse.BodyHandlers.ofPublisher());
        exchange.onAbort(() -> sent.cancel(true));
        try {
            return toResponse(sent.get());
        } catch (ExecutionException e) {
            throw reported(e.getCause());
        } catch (CancellationException e) {
            throw new IOException("The exchange with " + request.uri() + " was aborted", e);
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while waiting for " + request.uri());
            io.initCause(e);
            throw io;
        }
    }

    /** Native: the client's own I/O threads complete the future; {@code blockingExecutor} is not used. */
    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request, TransportExchange exchange,
            Executor blockingExecutor) {
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> sent =
                client.sendAsync(toHttpRequest(request, exchange), HttpResponse.BodyHandlers.ofPublisher());
        exchange.onAbort(() -> sent.cancel(true));
        return sent.handle((response, failure) -> {
            if (failure == null) {
                return toResponse(response);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            throw new CompletionException(cause instanceof CancellationException
                    ? new IOException("The exchange with " + request.uri() + " was aborted", cause) : reported(cause));
        });
    }

    /** What the client raised, as the core expects it: its timeouts as {@link SocketTimeoutException}. */
    private static IOException reported(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            SocketTimeoutException timeout = new SocketTimeoutException(cause.getMessage());
            timeout.initCause(cause);
            return timeout;
        }
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        return new IOException(cause);
    }

    private HttpRequest toHttpRequest(TransportRequest request, TransportExchange exchange) {
        HttpRequest.BodyPublisher body = request.bodyLength() == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
                .method(request.method(), new ConnectedOnSubscribe(body, exchange));
        request.headers().map().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        if (!requestBackstop.isZero()) {
            b.timeout(requestBackstop);
        }
        return b.build();
    }

    private static TransportResponse toResponse(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
        BufferListPublisher body = new BufferListPublisher(response.body());
        return TransportResponse.ofPublisher(response.statusCode(), TransportHeaders.of(response.headers().map()),
                body, body::abort);
    }

    /** Shuts down the threads of a client Brook created; a user's client is left alone. */
    @Override
    public void close() {
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    @Override
    public String toString() {
        return "JdkTransport{" + (ownedExecutor != null ? "owned" : "user") + " client}";
    }

    /**
     * The request body, reporting the connection when the client subscribes to it: the client asks for the
     * body only once it has a connection to write it to.
     */
    private static final class ConnectedOnSubscribe implements HttpRequest.BodyPublisher {
        private final HttpRequest.BodyPublisher body;
        private final TransportExchange exchange;

        ConnectedOnSubscribe(HttpRequest.BodyPublisher body, TransportExchange exchange) {
            this.body = body;
            this.exchange = exchange;
        }

        @Override
        public long contentLength() {
            return body.contentLength();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            exchange.connected();
            body.subscribe(subscriber);
        }
    }

    private static final class DaemonThreads implements ThreadFactory {
        private static final AtomicInteger COUNT = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "brook-jdk-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
