package dev.brook.core.client;

import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.internal.AsyncStreamDriver;
import dev.brook.core.request.MessageRequest;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * One reply streamed without blocking: from {@link Messages#streamAsync(MessageRequest, StreamListener)}
 * (events go to the listener) or {@link Messages#streamAsync(MessageRequest)} (events go to the one
 * subscriber of {@link #events()}).
 *
 * <pre>{@code
 * AsyncMessageStream stream = brook.messages().streamAsync(request);
 * stream.events().subscribe(mySubscriber);            // demand flows to the socket
 * stream.finalMessage().thenAccept(m -> log(m.text()));
 * }</pre>
 *
 * <p>The request is sent at once; body bytes are read only as the consumer asks for events. Thread-safe.
 */
public final class AsyncMessageStream implements AutoCloseable {
    private final AsyncStreamDriver driver;
    private final CompletableFuture<Message> outcome;

    /** @param outcome the stream's result as the consumer sees it (after a listener's terminal callback) */
    AsyncMessageStream(AsyncStreamDriver driver, CompletableFuture<Message> outcome) {
        this.driver = driver;
        this.outcome = outcome;
    }

    /**
     * The events, for one subscriber, honouring its demand end to end: no body bytes are read while it
     * has no outstanding demand. It gets {@code onComplete} after {@code message_stop}, or {@code onError}
     * with the typed error (carrying the snapshot). A stream started with a listener already has its
     * consumer: subscribing here then fails with {@link IllegalStateException}.
     *
     * <p>The subscriber must keep requesting until a terminal signal, or cancel: the connection is
     *     held until one of them happens (or a timeout fires).
     *
     * @return the publisher of this stream's events, for one subscriber
     */
    public Flow.Publisher<StreamEvent> events() {
        return driver;
    }

    /**
     * The {@code request-id} header of the response, to quote when reporting a problem: empty until the
     * response headers of the attempt that streams have arrived (and when the server sent none). Every
     * error of the stream carries it too ({@code BrookException.requestId()}).
     *
     * @return the request id; empty until the streaming attempt's headers arrive, or when they had none
     */
    public Optional<String> requestId() {
        return driver.requestId();
    }

    /**
     * Completes with the final message when the stream completes, or exceptionally with the typed error
     * (carrying the snapshot), a {@link CancellationException}, or the exception a listener threw. With a
     * listener it completes after the listener's terminal callback has returned. The stream must have a consumer (a listener or a subscriber) to make progress. Each call returns a new
     * dependent future: completing or cancelling it does not affect the stream; use {@link #cancel()}.
     *
     * @return a new future of the final message
     */
    public CompletableFuture<Message> finalMessage() {
        return outcome.copy();
    }

    /**
     * Aborts the stream from any thread: the connection is released without reading the rest, the
     * consumer gets its terminal error ({@link CancellationException}) and so does {@link #finalMessage()}.
     * No effect once the stream has ended.
     */
    public void cancel() {
        driver.abort(new CancellationException("The stream was cancelled by AsyncMessageStream.cancel()"));
    }

    /** Same as {@link #cancel()}: releases the stream if it is still running. */
    @Override
    public void close() {
        cancel();
    }
}
