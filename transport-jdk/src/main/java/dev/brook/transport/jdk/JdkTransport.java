package dev.brook.transport.jdk;

import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.core.transport.TransportResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * and a sync reader waits on Brook's bounded bridge (which also enforces the idle timeout: the JDK's
 * request timeout stops once the headers have arrived). Closing a response cancels the body
 * subscription, which makes the client drop the connection instead of draining it.
 *
 * <p>Thread-safe. Build one around your own configured client with {@link #of(HttpClient)} (proxy, TLS,
 * executor, HTTP version stay yours and Brook never shuts it down), or let discovery create one.
 */
public final class JdkTransport implements Transport {
    private final HttpClient client;
    private final Duration headerTimeout;
    private final Duration connectTimeout;
    private final ExecutorService ownedExecutor;

    private JdkTransport(HttpClient client, Duration headerTimeout, Duration connectTimeout,
            ExecutorService ownedExecutor) {
        this.client = client;
        this.headerTimeout = headerTimeout;
        this.connectTimeout = connectTimeout;
        this.ownedExecutor = ownedExecutor;
    }

    /**
     * A transport over the user's {@code client}, used as configured. Brook never closes it.
     */
    public static JdkTransport of(HttpClient client) {
        Objects.requireNonNull(client, "client");
        return new JdkTransport(client, Duration.ZERO, client.connectTimeout().orElse(null), null);
    }

    /** A transport owning a new client built from {@code config}; {@link #close()} releases its threads. */
    static JdkTransport create(TransportConfig config) {
        // Bounded: the client's executor only hands bytes to subscribers, so a few threads serve any number
        // of streams; a cached pool would grow a thread per stream under a burst.
        ExecutorService executor = Executors.newFixedThreadPool(
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), new DaemonThreads());
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        return new JdkTransport(client, config.idleTimeout(), config.connectTimeout(), executor);
    }

    @Override
    public String name() {
        return JdkTransportProvider.NAME;
    }

    @Override
    public TransportResponse execute(TransportRequest request) throws IOException {
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
        try {
            response = client.send(toHttpRequest(request), HttpResponse.BodyHandlers.ofPublisher());
        } catch (HttpTimeoutException e) {
            throw timeout(e, request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while waiting for " + request.uri());
            io.initCause(e);
            throw io;
        }
        return toResponse(response);
    }

    /** Native: the client's own I/O threads complete the future; {@code blockingExecutor} is not used. */
    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request, Executor blockingExecutor) {
        return client.sendAsync(toHttpRequest(request), HttpResponse.BodyHandlers.ofPublisher())
                .handle((response, failure) -> {
                    if (failure == null) {
                        return toResponse(response);
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    throw new CompletionException(cause instanceof HttpTimeoutException t ? timeout(t, request) : cause);
                });
    }

    private HttpRequest toHttpRequest(TransportRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
                .method(request.method(), request.bodyLength() == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().map().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        if (!headerTimeout.isZero()) {
            b.timeout(headerTimeout);
        }
        return b.build();
    }

    private static TransportResponse toResponse(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
        BufferListPublisher body = new BufferListPublisher(response.body());
        return TransportResponse.ofPublisher(response.statusCode(), TransportHeaders.of(response.headers().map()),
                body, body::abort);
    }

    private StreamTimeoutException timeout(HttpTimeoutException e, TransportRequest request) {
        if (e instanceof HttpConnectTimeoutException) {
            Duration value = connectTimeout == null ? Duration.ZERO : connectTimeout;
            return new StreamTimeoutException(StreamTimeoutException.Kind.CONNECT, value,
                    "Connect timeout of " + value.toMillis() + " ms expired connecting to " + request.uri()
                            + "; raise Brook.builder().connectTimeout(...) or check the network path.", e, null);
        }
        return new StreamTimeoutException(StreamTimeoutException.Kind.IDLE, headerTimeout,
                "Idle timeout of " + headerTimeout.toMillis() + " ms expired waiting for the response headers from "
                        + request.uri() + "; raise Brook.builder().idleTimeout(...) or check the server.", e, null);
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
