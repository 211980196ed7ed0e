package dev.brook.core.client;

import dev.brook.core.backend.AnthropicBackend;
import dev.brook.core.backend.ApiRequest;
import dev.brook.core.backend.Backend;
import dev.brook.core.backend.ResponseFraming;
import dev.brook.core.error.ApiException;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.ConnectionException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.event.Message;
import dev.brook.core.internal.AsyncStreamDriver;
import dev.brook.core.internal.CallClock;
import dev.brook.core.internal.CallEvents;
import dev.brook.core.internal.ContentDecoding;
import dev.brook.core.internal.ErrorResponses;
import dev.brook.core.internal.InputStreamPublisher;
import dev.brook.core.internal.ListenerSubscriber;
import dev.brook.core.internal.PublisherInputStream;
import dev.brook.core.internal.RetryPolicy;
import dev.brook.core.request.MessageRequest;
import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.core.transport.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * The Messages API ({@code POST /v1/messages}) of one {@link Brook} client. Thread-safe.
 *
 * <p>Every call runs on one clock that starts when the call starts: the connect timeout per attempt,
 * the idle timeout while waiting for headers and between body bytes, and the total timeout across
 * retries to the last event (see {@link Brook.Builder#idleTimeout} and {@link RequestOptions}). Failures
 * before the first body byte are retried as configured; every exception says how many attempts were
 * made and, once headers arrived, the {@code request-id}.
 */
public final class Messages {
    /** Largest non-streaming response body read by {@link #create}. */
    static final int MAX_MESSAGE_BODY = 64 * 1024 * 1024;

    private final Brook brook;
    private final Backend backend;
    private final ResponseFraming framing;
    private final String userAgent;
    private final Batches batches;

    Messages(Brook brook) {
        this.brook = brook;
        this.backend = brook.backend();
        this.framing = backend.framing();
        this.userAgent = "brook-java/" + Brook.VERSION + " (transport " + brook.transport().name()
                + (backend instanceof AnthropicBackend ? "" : "; backend " + backend.name())
                + "; java " + System.getProperty("java.version") + ")";
        this.batches = new Batches(this);
    }

    /**
     * Sends {@code request} with {@code "stream": true} and returns the open stream once the response
     * headers have arrived, with the client's settings. See {@link #stream(MessageRequest, RequestOptions)}.
     *
     * @param request the request; its {@code stream} flag is set by the call
     * @return the open stream, to read and close
     */
    public MessageStream stream(MessageRequest request) {
        return stream(request, RequestOptions.none());
    }

    /**
     * Sends {@code request} with {@code "stream": true} and returns the open stream once the response
     * headers have arrived. Failures before the first body byte are retried as configured.
     *
     * @param request the request; its {@code stream} flag is set by the call
     * @param options this call's headers, betas, timeouts and retries, over the client's
     * @return the open stream, to read and close
     * @throws ApiException (a subclass per status) when the API answers with an error status
     * @throws ConnectionException when no connection could be made, after the retries
     * @throws StreamTimeoutException when connecting or waiting for the headers timed out, after the
     *     retries, or the total timeout expired
     * @throws StreamProtocolException when the response is not {@code text/event-stream}
     */
    public MessageStream stream(MessageRequest request, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        Call call = newMessageCall(request, true, options);
        TransportResponse response = send(call);
        try {
            String requestId = requestId(response);
            String contentType = response.headers().firstValue("content-type").orElse("");
            if (!mediaType(contentType).equals(framing.mediaType())) {
                throw notAnEventStream(contentType, response.statusCode(), requestId, call.clock().attempts());
            }
            InputStream body = ContentDecoding.decode(call.clock().watch(body(response)), response.headers());
            return new MessageStream(brook.transport(), response, body, framing, brook.maxEventSize(), call.clock(),
                    requestId, call.events());
        } catch (RuntimeException | Error e) {
            response.close();
            call.clock().stop();
            call.events().failed(e);
            throw e;
        }
    }

    /**
     * Streams without blocking, delivering each event to {@code listener}, with the client's settings.
     * See {@link #streamAsync(MessageRequest, StreamListener, RequestOptions)}.
     *
     * @param request the request; its {@code stream} flag is set by the call
     * @param listener receives the stream's events and its one terminal callback
     * @return the handle: {@link AsyncMessageStream#finalMessage()}, {@link AsyncMessageStream#cancel()}
     */
    public AsyncMessageStream streamAsync(MessageRequest request, StreamListener listener) {
        return streamAsync(request, listener, RequestOptions.none());
    }

    /**
     * Streams without blocking, delivering each event to {@code listener} (see {@link StreamListener} for
     * threads and ordering). The request is sent at once.
     *
     * @param request the request; its {@code stream} flag is set by the call
     * @param listener receives the stream's events and its one terminal callback
     * @param options this call's headers, betas, timeouts and retries, over the client's
     * @return the handle: {@link AsyncMessageStream#finalMessage()}, {@link AsyncMessageStream#cancel()}
     */
    public AsyncMessageStream streamAsync(MessageRequest request, StreamListener listener, RequestOptions options) {
        Objects.requireNonNull(listener, "listener");
        return startAsync(request, listener, options);
    }

    /**
     * Streams without blocking to the one subscriber of {@link AsyncMessageStream#events()}, with the
     * client's settings. See {@link #streamAsync(MessageRequest, RequestOptions)}.
     *
     * @param request the request; its {@code stream} flag is set by the call
     * @return the handle, whose {@link AsyncMessageStream#events()} takes the subscriber
     */
    public AsyncMessageStream streamAsync(MessageRequest request) {
        return streamAsync(request, RequestOptions.none());
    }

    /**
     * Streams without blocking; the events go to the one subscriber of
     * {@link AsyncMessageStream#events()}, with its demand carried to the socket. The request is sent at
     * once; errors before the first event (API errors after retries, connection failures, timeouts)
     * reach the subscriber's {@code onError} and the final-message future.
     *
     * @param request the request; its {@code stream} flag is set by the call
     * @param options this call's headers, betas, timeouts and retries, over the client's
     * @return the handle, whose {@link AsyncMessageStream#events()} takes the subscriber
     */
    public AsyncMessageStream streamAsync(MessageRequest request, RequestOptions options) {
        return startAsync(request, null, options);
    }

    /**
     * Sends {@code request} without streaming and returns the whole reply, with the client's settings.
     * See {@link #create(MessageRequest, RequestOptions)}.
     *
     * @param request the request; its {@code stream} flag is set by the call
     * @return the reply
     */
    public Message create(MessageRequest request) {
        return create(request, RequestOptions.none());
    }

    /**
     * Sends {@code request} without streaming and returns the whole reply.
     *
     * @param request the request; its {@code stream} flag is set by the call
     * @param options this call's headers, betas, timeouts and retries, over the client's
     * @return the reply
     * @throws ApiException (a subclass per status) when the API answers with an error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     * @throws StreamProtocolException when the reply is larger than 64 MiB or is not a message
     */
    public Message create(MessageRequest request, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        Call call = newMessageCall(request, false, options);
        Message message;
        try {
            message = callJson(call, Message::fromJson);
        } catch (RuntimeException | Error e) {
            call.events().failed(e);
            throw e;
        }
        call.events().succeeded(message);
        return message;
    }

    /**
     * Counts the input tokens of {@code request} ({@code POST /v1/messages/count_tokens}), with the client's
     * settings. See {@link #countTokens(MessageRequest, RequestOptions)}.
     *
     * @param request the request to count; its {@code max_tokens} is not sent
     * @return the count
     */
    public TokenCount countTokens(MessageRequest request) {
        return countTokens(request, RequestOptions.none());
    }

    /**
     * Counts the input tokens of {@code request} ({@code POST /v1/messages/count_tokens}): the request's
     * model, system prompt, messages, tools and the rest are sent as for {@link #create}, without
     * {@code max_tokens} and {@code stream}. Retries, timeouts and errors as for {@link #create}.
     *
     * @param request the request to count
     * @param options this call's headers, betas, timeouts and retries, over the client's
     * @return the count
     * @throws ApiException (a subclass per status) when the API answers with an error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     * @throws StreamProtocolException when the reply is not a token count
     */
    public TokenCount countTokens(MessageRequest request, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        return callJson("POST", "/v1/messages/count_tokens", EndpointJson.withoutMaxTokens(request), options,
                TokenCount::fromJson);
    }

    /** {@return the Message Batches API ({@code /v1/messages/batches}) of this client} */
    public Batches batches() {
        return batches;
    }

    /**
     * The path on the direct API of {@code url}, a URL the API returned (such as a batch's
     * {@code results_url}), which must be on the client's base URL: Brook sends credentials only there.
     *
     * @throws IllegalArgumentException if {@code url} is elsewhere
     * @throws UnsupportedOperationException if the client goes through a cloud backend
     */
    String pathOnBaseUrl(String url, String what) {
        if (!(backend instanceof AnthropicBackend direct)) {
            throw new UnsupportedOperationException(what + " is served by the direct Anthropic API only, not through the "
                    + backend.name() + " backend");
        }
        URI base = direct.baseUrl();
        URI target = URI.create(url);
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        String targetPath = target.getRawPath() == null ? "" : target.getRawPath();
        if (!target.isAbsolute() || !base.getScheme().equalsIgnoreCase(target.getScheme())
                || !base.getHost().equalsIgnoreCase(String.valueOf(target.getHost()))
                || base.getPort() != target.getPort() || !targetPath.startsWith(basePath + "/")) {
            throw new IllegalArgumentException("The " + what + " " + url + " is not on the client's base URL " + base
                    + "; Brook sends credentials only there. Use results(batchId) to read from the base URL.");
        }
        String path = targetPath.substring(basePath.length());
        return target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
    }

    /**
     * One non-streaming JSON call: sends with retries, reads the whole 2xx body (at most 64 MiB) on the
     * call's clock and parses it. Every endpoint that answers one JSON value goes through here.
     *
     * @param body the request body; empty for none (then no {@code content-type} is sent)
     * @param parse turns the body into the value; an {@link IllegalArgumentException} it throws becomes a
     *     {@link StreamProtocolException} naming the call
     */
    <T> T callJson(String method, String path, byte[] body, RequestOptions options, Function<byte[], T> parse) {
        return callJson(newCall(method, path, false, body, "application/json", options, CallEvents.NONE), parse);
    }

    private <T> T callJson(Call call, Function<byte[], T> parse) {
        CallClock clock = call.clock();
        String method = call.first().method();
        URI uri = call.first().uri();
        TransportResponse response = send(call);
        String requestId = requestId(response);
        byte[] bytes;
        try (response) {
            bytes = ErrorResponses.readAtMost(ContentDecoding.decode(watchedBody(clock, response),
                    response.headers()), MAX_MESSAGE_BODY + 1);
            if (clock.fired() != null) {
                throw clock.inBody(clock.fired(), 0, null, null, requestId);
            }
            if (bytes.length > MAX_MESSAGE_BODY) {
                throw new StreamProtocolException("The response body of " + method + " " + uri.getPath() + " exceeds "
                        + MAX_MESSAGE_BODY + " bytes; use stream() for large replies.", null, null, null, requestId,
                        clock.attempts());
            }
        } catch (IOException e) {
            throw bodyFailure(e, clock, requestId, uri);
        } finally {
            clock.stop();
        }
        try {
            return parse.apply(bytes);
        } catch (IllegalArgumentException e) {
            throw new StreamProtocolException("The response to " + method + " " + uri.getPath()
                    + " is not what the API returns: " + e.getMessage() + "; check baseUrl and any proxy in between.",
                    null, e, null, requestId, clock.attempts());
        }
    }

    /**
     * Sends with retries and returns the open 2xx response, its body decoded and watched by the clock,
     * for a caller that reads it incrementally and closes it (which stops the clock).
     */
    OpenBody openBody(String method, String path, String accept, RequestOptions options) {
        Call call = newCall(method, path, false, new byte[0], accept, options, CallEvents.NONE);
        URI uri = call.first().uri();
        TransportResponse response = send(call);
        try {
            InputStream body = ContentDecoding.decode(watchedBody(call.clock(), response), response.headers());
            return new OpenBody(response, body, call.clock(), requestId(response), uri);
        } catch (RuntimeException | Error e) {
            response.close();
            call.clock().stop();
            throw e;
        }
    }

    /** An open response body of {@link #openBody}. */
    record OpenBody(TransportResponse response, InputStream body, CallClock clock, String requestId, URI uri) {
        /** What a failed read of this body becomes. */
        BrookException failure(IOException e) {
            return bodyFailure(e, clock, requestId, uri);
        }

        /** Aborts the response and stops the clock. */
        void close() {
            try {
                response.close();
            } finally {
                clock.stop();
            }
        }
    }

    /** What an I/O failure while reading a 2xx body becomes: the timeout that fired, or a connection error. */
    static BrookException bodyFailure(IOException e, CallClock clock, String requestId, URI uri) {
        StreamTimeoutException.Kind fired = clock.fired();
        if (fired != null) {
            return clock.inBody(fired, 0, e, null, requestId);
        }
        if (e instanceof SocketTimeoutException) {
            return clock.inBody(StreamTimeoutException.Kind.IDLE, 0, e, null, requestId);
        }
        return new ConnectionException("Reading the response from " + uri + " failed: " + e, e, null,
                requestId, clock.attempts());
    }

    /**
     * One call: its request in the direct API's terms, the first attempt's HTTP request, clock, retry
     * policy and listeners.
     */
    private record Call(ApiRequest api, TransportRequest first, CallClock clock, RetryPolicy policy,
            CallEvents events) {
    }

    /** The HTTP request of attempt {@code retry + 1}: later attempts are prepared again (fresh signatures). */
    private TransportRequest request(Call call, int retry) {
        return retry == 0 ? call.first() : backend.prepare(call.api());
    }

    /** A Messages call, reported to the call listeners from here on. */
    private Call newMessageCall(MessageRequest request, boolean streaming, RequestOptions options) {
        Objects.requireNonNull(options, "options");
        byte[] body = request.toJson(streaming);
        CallEvents events = CallEvents.start(brook.callListeners(), request.model(), streaming, request.maxTokens(),
                brook.transport().name(), backend.endpoint());
        try {
            return newCall("POST", ApiRequest.MESSAGES_PATH, streaming, body,
                    streaming ? framing.mediaType() : "application/json", options, events);
        } catch (RuntimeException | Error e) {
            events.failed(e);
            throw e;
        }
    }

    /** Prepares the first attempt and starts the call's clock: from here on, every timeout counts. */
    private Call newCall(String method, String path, boolean streaming, byte[] body, String accept,
            RequestOptions options, CallEvents events) {
        Objects.requireNonNull(options, "options");
        ApiRequest api = ApiRequest.of(method, path, headers(accept, options, body.length > 0, events.requestHeaders()),
                body, streaming);
        TransportRequest first = backend.prepare(api);
        CallClock clock = new CallClock(brook.scheduler(), brook.blockingExecutor(), first.uri(), brook.connectTimeout(),
                options.idleTimeout().orElse(brook.idleTimeout()), options.totalTimeout().orElse(brook.totalTimeout()));
        return new Call(api, first, clock, new RetryPolicy(options.maxRetries().orElse(brook.maxRetries())), events);
    }

    /**
     * Sends with retries; returns a 2xx response whose body is unread. On failure the clock is stopped.
     */
    private TransportResponse send(Call call) {
        try {
            return sendWithRetries(call);
        } catch (RuntimeException | Error e) {
            call.clock().stop();
            call.events().failed(e);
            throw e;
        }
    }

    private TransportResponse sendWithRetries(Call call) {
        brook.transport().checkBlockingAllowed();
        CallClock clock = call.clock();
        CallEvents events = call.events();
        for (int retry = 0; ; retry++) {
            TransportExchange exchange = clock.startAttempt();
            events.attemptStart(clock.attempts());
            TransportResponse response;
            TransportRequest request = request(call, retry);
            try {
                response = brook.transport().execute(request, exchange);
            } catch (IOException | RuntimeException e) {
                clock.endAttempt();
                BrookException failure = attemptFailure(clock, exchange, e, request.uri());
                if (retry >= call.policy().maxRetries() || !failure.retryable()) {
                    throw failure;
                }
                retryAfter(call, call.policy().delay(retry + 1, TransportHeaders.empty()), failure);
                continue;
            }
            clock.endAttempt();
            events.responseHeaders(response.statusCode(), requestId(response));
            StreamTimeoutException.Kind fired = clock.fired();
            if (fired != null) {
                // The headers came just as a timeout fired: the verdict stands, as if they had not come.
                response.close();
                StreamTimeoutException timeout = clock.beforeHeaders(fired, null);
                if (retry >= call.policy().maxRetries() || !timeout.retryable()) {
                    throw timeout;
                }
                retryAfter(call, call.policy().delay(retry + 1, TransportHeaders.empty()), timeout);
                continue;
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            ApiException error = readError(call, response);
            if (retry >= call.policy().maxRetries() || !error.retryable()) {
                throw error;
            }
            retryAfter(call, call.policy().delay(retry + 1, response.headers()), error);
        }
    }

    /** Reads and closes an error response, bounded by the clock. */
    private ApiException readError(Call call, TransportResponse response) {
        CallClock clock = call.clock();
        byte[] errorBody;
        try (response) {
            errorBody = ErrorResponses.readAtMost(watchedBody(clock, response), ErrorResponses.MAX_ERROR_BODY);
        } catch (IOException e) {
            errorBody = new byte[0];
        }
        if (clock.fired() != null) {
            throw clock.beforeHeaders(clock.fired(), null);
        }
        return apiError(response, errorBody, clock.attempts());
    }

    private ApiException apiError(TransportResponse response, byte[] body, int attempts) {
        int status = response.statusCode();
        return ErrorResponses.toException(status, response.headers(), requestId(response), body, attempts,
                RetryPolicy.isRetryable(status, response.headers()), secrets(),
                backend.errorType(response.headers()).orElse(null));
    }

    /** What an attempt that produced no response becomes; a transport bug passes through unchanged. */
    private BrookException attemptFailure(CallClock clock, TransportExchange exchange, Throwable e, URI uri) {
        StreamTimeoutException.Kind fired = clock.fired();
        if (fired != null) {
            return clock.beforeHeaders(fired, e);
        }
        if (e instanceof BrookException be) {
            return be;
        }
        if (e instanceof IOException io) {
            return mapIo(io, exchange.isConnected(), clock, uri);
        }
        throw e instanceof RuntimeException r ? r : new CompletionException(e);
    }

    /** Reports the retry, then waits for its delay on the call's clock. */
    private static void retryAfter(Call call, Duration delay, BrookException cause) {
        call.events().retryScheduled(cause, delay);
        sleep(call.clock(), delay, cause);
    }

    private static void sleep(CallClock clock, Duration delay, BrookException cause) {
        try {
            clock.sleep(delay);
        } catch (java.io.InterruptedIOException e) {
            cause.addSuppressed(e);
            throw cause;
        } catch (StreamTimeoutException e) {
            e.addSuppressed(cause);
            throw e;
        }
    }

    private AsyncMessageStream startAsync(MessageRequest request, StreamListener listener, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        Call call = newMessageCall(request, true, options);
        AsyncStreamDriver driver = new AsyncStreamDriver(framing, brook.maxEventSize(), call.clock(), call.events());
        CompletableFuture<Message> outcome = driver.result();
        if (listener != null) {
            ListenerSubscriber subscriber = new ListenerSubscriber(listener, brook.callbackExecutor(), driver,
                    call.events());
            outcome = subscriber.outcome();
            driver.subscribe(subscriber);
        }
        attemptAsync(call, driver, 0);
        return new AsyncMessageStream(driver, outcome);
    }

    /** One attempt of an async call; retries are scheduled on the clock, never slept. */
    private void attemptAsync(Call call, AsyncStreamDriver driver, int retry) {
        if (driver.isDone()) {
            return;
        }
        CallClock clock = call.clock();
        TransportExchange exchange = clock.startAttempt();
        call.events().attemptStart(clock.attempts());
        CompletableFuture<TransportResponse> sent;
        TransportRequest request;
        try {
            request = request(call, retry);
        } catch (RuntimeException | Error e) {
            clock.endAttempt();
            driver.failBeforeBody(e); // credentials could not be had: not retried
            return;
        }
        try {
            sent = brook.transport().executeAsync(request, exchange, brook.blockingExecutor());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        // The attempt as the driver sees it: the clock can end it even if the transport never answers.
        CompletableFuture<TransportResponse> attempt = new CompletableFuture<>();
        sent.whenComplete((response, error) -> {
            if (error != null) {
                attempt.completeExceptionally(error);
            } else if (!attempt.complete(response)) {
                response.close(); // the clock ended the attempt first: nobody will read this body
            }
        });
        driver.inFlight(attempt);
        attempt.whenComplete((response, error) -> {
            try {
                attemptDone(call, driver, retry, exchange, response, error == null ? null : unwrap(error));
            } catch (RuntimeException | Error e) {
                // Anything thrown here would vanish into a future nobody reads: end the stream with it.
                if (response != null) {
                    response.close();
                }
                driver.failBeforeBody(e);
            }
        });
    }

    private void attemptDone(Call call, AsyncStreamDriver driver, int retry, TransportExchange exchange,
            TransportResponse response, Throwable error) {
        CallClock clock = call.clock();
        clock.endAttempt();
        if (response != null) {
            call.events().responseHeaders(response.statusCode(), requestId(response));
        }
        StreamTimeoutException.Kind fired = clock.fired();
        if (driver.isDone() || fired == StreamTimeoutException.Kind.TOTAL) {
            if (response != null) {
                response.close(); // nobody will read it: the stream was cancelled or timed out meanwhile
            }
            driver.clockFired(); // ends the stream with the total timeout, if that is what happened
            return;
        }
        if (fired != null) {
            // This attempt's connect or idle timeout fired (the headers may have come just as it did: the
            // verdict stands). Retried like any failure before the body.
            if (response != null) {
                response.close();
            }
            retryOrFail(call, driver, retry, clock.beforeHeaders(fired, error), TransportHeaders.empty());
            return;
        }
        if (error != null) {
            BrookException failure;
            try {
                failure = attemptFailure(clock, exchange, error, call.first().uri());
            } catch (RuntimeException e) {
                driver.failBeforeBody(e); // a transport bug or a cancellation: never retried
                return;
            }
            retryOrFail(call, driver, retry, failure, TransportHeaders.empty());
            return;
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            open(call, driver, response);
            return;
        }
        clock.startBody(response::close);
        clock.readStarted(); // the error body is read whole: all of it counts as one wait for bytes
        CompletableFuture<byte[]> errorBody = readErrorBody(response);
        driver.inFlight(errorBody);
        errorBody.whenComplete((bytes, readError) -> {
            clock.readEnded();
            response.close();
            StreamTimeoutException.Kind stalled = clock.fired();
            if (driver.isDone() || stalled == StreamTimeoutException.Kind.TOTAL) {
                driver.clockFired();
                return;
            }
            if (stalled != null) {
                retryOrFail(call, driver, retry, clock.beforeHeaders(stalled, readError), response.headers());
                return;
            }
            ApiException apiError = apiError(response, bytes == null ? new byte[0] : bytes, clock.attempts());
            if (apiError.retryable()) {
                retryOrFail(call, driver, retry, apiError, response.headers());
            } else {
                driver.failBeforeBody(apiError);
            }
        });
    }

    private void retryOrFail(Call call, AsyncStreamDriver driver, int retry, BrookException failure,
            TransportHeaders headers) {
        if (retry >= call.policy().maxRetries() || !failure.retryable() || driver.isDone()) {
            driver.failBeforeBody(failure);
            return;
        }
        Duration delay = call.policy().delay(retry + 1, headers);
        call.events().retryScheduled(failure, delay);
        call.clock().schedule(delay, () -> attemptAsync(call, driver, retry + 1));
    }

    /** Checks a 2xx response and starts its body flowing into {@code driver}. */
    private void open(Call call, AsyncStreamDriver driver, TransportResponse response) {
        String requestId = requestId(response);
        String contentType = response.headers().firstValue("content-type").orElse("");
        if (!mediaType(contentType).equals(framing.mediaType())) {
            response.close();
            driver.failBeforeBody(notAnEventStream(contentType, response.statusCode(), requestId,
                    call.clock().attempts()));
            return;
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
        driver.start(response, body, requestId);
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
     * The request headers: Brook's own, then this call's extras (which may replace {@code user-agent}
     * but never a header in {@link RequestOptions#RESERVED_HEADERS}, refused when the options were built).
     */
    private TransportHeaders headers(String accept, RequestOptions options, boolean hasBody,
            Map<String, String> listenerHeaders) {
        TransportHeaders.Builder h = TransportHeaders.builder();
        h.set("anthropic-version", Brook.API_VERSION);
        List<String> betas = new ArrayList<>(brook.betas());
        for (String beta : options.betas()) {
            if (!betas.contains(beta)) {
                betas.add(beta);
            }
        }
        if (!betas.isEmpty()) {
            h.set("anthropic-beta", String.join(",", betas));
        }
        if (hasBody) {
            h.set("content-type", "application/json");
        }
        h.set("accept", accept);
        h.set("user-agent", userAgent);
        listenerHeaders.forEach(h::set); // before the call's own headers, which win
        options.headers().forEach((name, values) -> {
            h.set(name, values.get(0));
            for (int i = 1; i < values.size(); i++) {
                h.add(name, values.get(i));
            }
        });
        return h.build();
    }

    /** The credentials of this client, to mask wherever a server echoes them. */
    private List<String> secrets() {
        return backend.secrets();
    }

    private InputStream body(TransportResponse response) {
        if (response.bodyStream().isPresent()) {
            return response.bodyStream().get();
        }
        PublisherInputStream bridge = new PublisherInputStream();
        response.bodyPublisher().orElseThrow().subscribe(bridge);
        return bridge;
    }

    /**
     * The body as a stream whose every read the clock watches. A timeout aborts the response and closes
     * the stream too: a bridge over a publisher body waits on its own queue, which only closing wakes.
     */
    private InputStream watchedBody(CallClock clock, TransportResponse response) {
        InputStream raw = body(response);
        clock.startBody(() -> {
            response.close();
            try {
                raw.close();
            } catch (IOException | RuntimeException ignored) {
                // Best effort: the abort above has released the connection.
            }
        });
        return clock.watch(raw);
    }

    private String requestId(TransportResponse response) {
        return backend.requestId(response.headers()).orElse(null);
    }

    private static BrookException mapIo(IOException e, boolean connected, CallClock clock, URI uri) {
        if (e instanceof SocketTimeoutException) {
            return clock.stackTimeout(connected, e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return new ConnectionException("TLS handshake with " + uri + " failed: " + t.getMessage()
                        + ". Brook verifies server certificates by default; to trust a private CA or a self-signed"
                        + " certificate, pass your own HTTP client configured with it (JdkTransport.of(httpClient),"
                        + " OkHttpTransport.of(okHttpClient), ApacheTransport.of(client) or VertxTransport.of(vertx,"
                        + " options), each built with your trust store).", e, null, null, clock.attempts());
            }
        }
        int n = clock.attempts();
        return new ConnectionException("Connection to " + uri + " failed" + (n > 1 ? " (attempt " + n + ")" : "")
                + ": " + e, e, null, null, n);
    }

    private StreamProtocolException notAnEventStream(String contentType, int status, String requestId,
            int attempts) {
        return new StreamProtocolException("Expected a " + framing.mediaType() + " response but got content-type '"
                + contentType + "' (HTTP " + status + (requestId == null ? "" : ", request-id " + requestId)
                + "); check baseUrl and any proxy in between.", null, null, null, requestId, attempts);
    }

    static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
