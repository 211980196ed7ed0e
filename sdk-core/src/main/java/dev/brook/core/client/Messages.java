package dev.brook.core.client;

import dev.brook.core.error.ApiException;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.ConnectionException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.event.Message;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.core.transport.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * The Messages API ({@code POST /v1/messages}) of one {@link Brook} client. Thread-safe.
 */
public final class Messages {
    /** Largest non-streaming response body read by {@link #create}. */
    static final int MAX_MESSAGE_BODY = 64 * 1024 * 1024;

    private final Brook brook;
    private final URI endpoint;
    private final String userAgent;

    Messages(Brook brook) {
        this.brook = brook;
        this.endpoint = URI.create(brook.baseUrl() + "/v1/messages");
        this.userAgent = "brook-java/" + Brook.VERSION + " (transport " + brook.transport().name()
                + "; java " + System.getProperty("java.version") + ")";
    }

    /**
     * Sends {@code request} with {@code "stream": true} and returns the open stream once the response
     * headers have arrived. Failures before the first body byte are retried as configured.
     *
     * @throws ApiException (a subclass per status) when the API answers with an error status
     * @throws ConnectionException when no connection could be made, after the retries
     * @throws StreamTimeoutException when connecting or waiting for the headers timed out, after the retries
     * @throws StreamProtocolException when the response is not {@code text/event-stream}
     */
    public MessageStream stream(MessageRequest request) {
        Objects.requireNonNull(request, "request");
        TransportResponse response = send(request.toJson(true), "text/event-stream");
        String contentType = response.headers().firstValue("content-type").orElse("");
        if (!mediaType(contentType).equals("text/event-stream")) {
            response.close();
            throw notAnEventStream(contentType, response.statusCode());
        }
        InputStream body;
        try {
            body = ContentDecoding.decode(body(response), response.headers());
        } catch (StreamProtocolException e) {
            response.close();
            throw e;
        }
        return new MessageStream(brook.transport(), response, body, brook.maxEventSize(), brook.idleTimeout(),
                brook.totalTimeout());
    }

    /**
     * Streams without blocking, delivering each event to {@code listener} (see {@link StreamListener} for
     * threads and ordering). The request is sent at once.
     *
     * @return the handle: {@link AsyncMessageStream#finalMessage()}, {@link AsyncMessageStream#cancel()}
     */
    public AsyncMessageStream streamAsync(MessageRequest request, StreamListener listener) {
        Objects.requireNonNull(listener, "listener");
        return startAsync(request, listener);
    }

    /**
     * Streams without blocking; the events go to the one subscriber of
     * {@link AsyncMessageStream#events()}, with its demand carried to the socket. The request is sent at
     * once; errors before the first event (API errors after retries, connection failures) reach the
     * subscriber's {@code onError} and the final-message future.
     */
    public AsyncMessageStream streamAsync(MessageRequest request) {
        return startAsync(request, null);
    }

    private AsyncMessageStream startAsync(MessageRequest request, StreamListener listener) {
        Objects.requireNonNull(request, "request");
        TransportRequest transportRequest = TransportRequest.of("POST", endpoint, headers("text/event-stream"),
                request.toJson(true));
        AsyncStreamDriver driver = new AsyncStreamDriver(brook.maxEventSize(), brook.idleTimeout(), brook.totalTimeout());
        CompletableFuture<Message> outcome = driver.result();
        if (listener != null) {
            ListenerSubscriber subscriber = new ListenerSubscriber(listener, brook.callbackExecutor(), driver);
            outcome = subscriber.outcome();
            driver.subscribe(subscriber);
        }
        sendAsync(transportRequest, new RetryPolicy(brook.maxRetries()), 0, driver).whenComplete((response, failure) -> {
            if (failure != null) {
                driver.failBeforeBody(unwrap(failure));
                return;
            }
            try {
                open(driver, response);
            } catch (RuntimeException | Error e) {
                // Anything thrown here would vanish into a future nobody reads: end the stream with it.
                response.close();
                driver.failBeforeBody(e);
            }
        });
        return new AsyncMessageStream(driver, outcome);
    }

    /**
     * Checks a 2xx response and starts its body flowing into {@code driver}.
     *
     * @throws StreamProtocolException when the response is not an event stream, or is encoded unreadably
     */
    private void open(AsyncStreamDriver driver, TransportResponse response) {
        String contentType = response.headers().firstValue("content-type").orElse("");
        if (!mediaType(contentType).equals("text/event-stream")) {
            throw notAnEventStream(contentType, response.statusCode());
        }
        Flow.Publisher<ByteBuffer> body;
        if (ContentDecoding.isEncoded(response.headers())) {
            // Rare (only when something asked for compression): decode on the blocking executor.
            body = new InputStreamPublisher(ContentDecoding.decode(body(response), response.headers()),
                    brook.blockingExecutor());
        } else {
            body = response.bodyPublisher().orElseGet(
                    () -> new InputStreamPublisher(response.bodyStream().orElseThrow(), brook.blockingExecutor()));
        }
        driver.start(response, body);
    }

    /** {@link #send} without blocking: retries are scheduled, never slept. */
    private CompletableFuture<TransportResponse> sendAsync(TransportRequest request, RetryPolicy policy, int attempt,
            AsyncStreamDriver driver) {
        CompletableFuture<TransportResponse> sent;
        try {
            sent = brook.transport().executeAsync(request, brook.blockingExecutor());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((response, error) -> {
            if (error != null) {
                Throwable cause = unwrap(error);
                if (!(cause instanceof BrookException) && !(cause instanceof IOException)) {
                    // A transport bug or a cancellation, as the sync path lets it through: never retried.
                    return CompletableFuture.<TransportResponse>failedFuture(cause);
                }
                BrookException failure = cause instanceof BrookException be ? be : mapIo((IOException) cause, "connecting");
                if (attempt >= policy.maxRetries() || driver.isAborted()) {
                    return CompletableFuture.<TransportResponse>failedFuture(failure);
                }
                return later(policy.delay(attempt + 1, TransportHeaders.empty()),
                        () -> retry(request, policy, attempt + 1, driver, failure));
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                if (driver.isAborted()) {
                    response.close();
                }
                return CompletableFuture.completedFuture(response);
            }
            CompletableFuture<byte[]> errorBody;
            try {
                errorBody = readErrorBody(response);
                if (!brook.idleTimeout().isZero()) {
                    // No stream watchdog exists yet: bound the wait for a stalled error body here.
                    errorBody = errorBody.completeOnTimeout(new byte[0], brook.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (RuntimeException e) {
                errorBody = CompletableFuture.completedFuture(new byte[0]);
            }
            return errorBody.exceptionally(t -> new byte[0]).thenCompose(bytes -> {
                response.close();
                ApiException apiError = ErrorResponses.toException(status, response.headers(), bytes);
                if (attempt >= policy.maxRetries() || !RetryPolicy.isRetryable(status, response.headers())
                        || driver.isAborted()) {
                    return CompletableFuture.<TransportResponse>failedFuture(apiError);
                }
                return later(policy.delay(attempt + 1, response.headers()),
                        () -> retry(request, policy, attempt + 1, driver, apiError));
            });
        }).thenCompose(next -> next);
    }

    /** The next attempt, unless the stream was cancelled while it waited. */
    private CompletableFuture<TransportResponse> retry(TransportRequest request, RetryPolicy policy, int attempt,
            AsyncStreamDriver driver, BrookException previous) {
        if (driver.isAborted()) {
            return CompletableFuture.failedFuture(previous);
        }
        return sendAsync(request, policy, attempt, driver);
    }

    private static <T> CompletableFuture<T> later(Duration delay, Supplier<CompletableFuture<T>> next) {
        return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> next.get());
    }

    /** Reads at most {@link ErrorResponses#MAX_ERROR_BODY} bytes of an error body without blocking an I/O thread. */
    private CompletableFuture<byte[]> readErrorBody(TransportResponse response) {
        if (response.bodyStream().isPresent()) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return ErrorResponses.readAtMost(response.bodyStream().get(), ErrorResponses.MAX_ERROR_BODY);
                } catch (IOException e) {
                    return new byte[0];
                }
            }, brook.blockingExecutor());
        }
        CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        response.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
            private byte[] buf = new byte[0];
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                int take = Math.min(item.remaining(), ErrorResponses.MAX_ERROR_BODY - buf.length);
                int at = buf.length;
                buf = Arrays.copyOf(buf, at + take);
                item.get(buf, at, take);
                if (buf.length >= ErrorResponses.MAX_ERROR_BODY) {
                    subscription.cancel();
                    bytes.complete(buf);
                }
            }

            @Override
            public void onError(Throwable t) {
                bytes.complete(buf);
            }

            @Override
            public void onComplete() {
                bytes.complete(buf);
            }
        });
        return bytes;
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Sends {@code request} without streaming and returns the whole reply.
     *
     * @throws ApiException (a subclass per status) when the API answers with an error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     */
    public Message create(MessageRequest request) {
        Objects.requireNonNull(request, "request");
        TransportResponse response = send(request.toJson(false), "application/json");
        try (response) {
            byte[] body = ErrorResponses.readAtMost(ContentDecoding.decode(body(response), response.headers()),
                    MAX_MESSAGE_BODY + 1);
            if (body.length > MAX_MESSAGE_BODY) {
                throw new StreamProtocolException("The response body exceeds " + MAX_MESSAGE_BODY
                        + " bytes; use stream() for large replies.");
            }
            return Message.fromJson(body);
        } catch (IOException e) {
            throw mapIo(e, "reading the response");
        }
    }

    /** Sends with retries; returns a 2xx response whose body is unread. */
    private TransportResponse send(byte[] body, String accept) {
        brook.transport().checkBlockingAllowed();
        TransportRequest request = TransportRequest.of("POST", endpoint, headers(accept), body);
        RetryPolicy policy = new RetryPolicy(brook.maxRetries());
        for (int attempt = 0; ; attempt++) {
            TransportResponse response;
            try {
                response = brook.transport().execute(request);
            } catch (IOException | BrookException e) {
                BrookException failure = e instanceof BrookException be ? be : mapIo((IOException) e, "connecting");
                if (attempt >= policy.maxRetries()) {
                    throw failure;
                }
                sleep(policy.delay(attempt + 1, TransportHeaders.empty()), failure);
                continue;
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            ApiException error;
            try (response) {
                byte[] errorBody = ErrorResponses.readAtMost(body(response), ErrorResponses.MAX_ERROR_BODY);
                error = ErrorResponses.toException(status, response.headers(), errorBody);
            } catch (IOException e) {
                error = ErrorResponses.toException(status, response.headers(), new byte[0]);
            }
            if (attempt >= policy.maxRetries() || !RetryPolicy.isRetryable(status, response.headers())) {
                throw error;
            }
            sleep(policy.delay(attempt + 1, response.headers()), error);
        }
    }

    private TransportHeaders headers(String accept) {
        TransportHeaders.Builder h = TransportHeaders.builder();
        if (brook.apiKey() != null) {
            h.set("x-api-key", brook.apiKey());
        } else {
            h.set("authorization", "Bearer " + brook.authToken());
        }
        h.set("anthropic-version", Brook.API_VERSION);
        if (!brook.betas().isEmpty()) {
            h.set("anthropic-beta", String.join(",", brook.betas()));
        }
        h.set("content-type", "application/json");
        h.set("accept", accept);
        h.set("user-agent", userAgent);
        return h.build();
    }

    private InputStream body(TransportResponse response) {
        if (response.bodyStream().isPresent()) {
            return response.bodyStream().get();
        }
        PublisherInputStream bridge = new PublisherInputStream(brook.idleTimeout());
        response.bodyPublisher().orElseThrow().subscribe(bridge);
        return bridge;
    }

    private BrookException mapIo(IOException e, String doing) {
        if (e instanceof SocketTimeoutException) {
            Duration idle = brook.idleTimeout();
            return new StreamTimeoutException(StreamTimeoutException.Kind.IDLE, idle,
                    "Idle timeout of " + idle.toMillis() + " ms expired while " + doing + " " + endpoint
                            + "; raise Brook.builder().idleTimeout(...) or check the network path.", e, null);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return new ConnectionException("TLS handshake with " + endpoint + " failed: " + t.getMessage()
                        + ". Brook verifies server certificates by default; to trust a private CA or a self-signed"
                        + " certificate, pass your own HTTP client configured with it (JdkTransport.of(httpClient),"
                        + " OkHttpTransport.of(okHttpClient), ApacheTransport.of(client) or VertxTransport.of(vertx,"
                        + " options), each built with your trust store).", e);
            }
        }
        return new ConnectionException("Connection to " + endpoint + " failed while " + doing + ": " + e, e);
    }

    private static void sleep(Duration delay, BrookException cause) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cause.addSuppressed(new InterruptedIOException("interrupted while waiting to retry"));
            throw cause;
        }
    }

    private static StreamProtocolException notAnEventStream(String contentType, int status) {
        return new StreamProtocolException("Expected a text/event-stream response but got content-type '"
                + contentType + "' (HTTP " + status + "); check baseUrl and any proxy in between.");
    }

    static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
