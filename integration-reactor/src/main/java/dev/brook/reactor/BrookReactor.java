package dev.brook.reactor;

import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.client.Brook;
import dev.brook.core.client.Messages;
import dev.brook.core.client.RequestOptions;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta.TextDelta;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.request.MessageRequest;
import java.util.Objects;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Brook's Messages streams as Reactor types: a {@code Flux} of events or of text, a {@code Mono} of the
 * final message.
 *
 * <pre>{@code
 * BrookReactor reactor = BrookReactor.of(brook);
 * reactor.text(request).subscribe(System.out::print);
 * Mono<Message> message = reactor.message(request);
 * }</pre>
 *
 * <p><b>Cold.</b> Nothing is sent when a {@code Flux} or {@code Mono} is made: each subscription makes one
 * call ({@link Messages#streamAsync(MessageRequest, RequestOptions)}) at subscribe time, so two
 * subscriptions send two requests, and a {@code retry()} sends the request again.
 *
 * <p><b>Demand.</b> The subscriber's demand goes to Brook's {@code Flow.Publisher} unchanged, and through it
 * to the socket: Brook adds no prefetch and no buffer, so no body bytes are read while the subscriber has
 * no outstanding demand. Operators the caller adds (such as {@code publishOn} or {@code flatMap}) may
 * prefetch; that is theirs.
 *
 * <p><b>Cancel.</b> Cancelling the subscription (including by {@code take}, {@code timeout} or
 * {@code dispose()}) aborts the call and closes its connection without reading the rest.
 *
 * <p><b>Errors.</b> A failed call ends in {@code onError} with Brook's typed exception (a
 * {@link dev.brook.core.error.BrookException}), whose {@code snapshot()} holds the message received
 * before the failure.
 *
 * <p><b>Threads and {@code Context}.</b> Signals arrive on the transport's threads, one at a time; do not
 * block in them ({@code publishOn} moves the work elsewhere). Reactor's {@code Context} is the subscriber's:
 * operators on the returned publisher read it with {@code deferContextual} or
 * {@code transformDeferredContextual}, as it was written with {@code contextWrite} below them. Brook
 * itself neither reads the {@code Context} nor sets thread-locals; to restore thread-locals from it, use
 * Reactor's own context-propagation support ({@code contextCapture()}, automatic context propagation),
 * which needs the {@code io.micrometer:context-propagation} library.
 *
 * <p>Immutable and thread-safe; one instance serves any number of calls.
 */
public final class BrookReactor {
    private final Brook brook;

    private BrookReactor(Brook brook) {
        this.brook = brook;
    }

    /**
     * Reactor types over {@code brook}'s Messages calls. The client is not closed by this object: its owner
     * closes it.
     *
     * @param brook the client that makes the calls
     * @return the Reactor view of {@code brook}
     * @throws NullPointerException if {@code brook} is null
     */
    public static BrookReactor of(Brook brook) {
        return new BrookReactor(Objects.requireNonNull(brook, "brook"));
    }

    /**
     * The events of one streamed reply per subscription, with the client's settings. See
     * {@link #events(MessageRequest, RequestOptions)}.
     *
     * @param request the request; its {@code stream} flag is set by the call
     * @return a cold flux of the reply's events
     * @throws NullPointerException if {@code request} is null
     */
    public Flux<StreamEvent> events(MessageRequest request) {
        return events(request, RequestOptions.none());
    }

    /**
     * The events of one streamed reply per subscription: each subscriber gets every event, in order, then
     * {@code onComplete} after {@code message_stop}, or {@code onError} with Brook's typed exception. The
     * request is sent when the flux is subscribed to, once per subscription; the subscriber's demand is
     * carried to the socket, and cancelling closes the connection.
     *
     * @param request the request; its {@code stream} flag is set by the call
     * @param options this call's headers, betas, timeouts and retries, over the client's
     * @return a cold flux of the reply's events
     * @throws NullPointerException if {@code request} or {@code options} is null
     */
    public Flux<StreamEvent> events(MessageRequest request, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        return Flux.defer(() -> events(brook.messages().streamAsync(request, options)));
    }

    /**
     * The text deltas of one streamed reply per subscription, with the client's settings. See
     * {@link #text(MessageRequest, RequestOptions)}.
     *
     * @param request the request; its {@code stream} flag is set by the call
     * @return a cold flux of the reply's text deltas
     * @throws NullPointerException if {@code request} is null
     */
    public Flux<String> text(MessageRequest request) {
        return text(request, RequestOptions.none());
    }

    /**
     * The text deltas of every text block of one streamed reply per subscription, in order, as they arrive
     * (the same strings as {@link dev.brook.core.client.MessageStream#textStream()}). Cold, with demand,
     * cancellation and errors as {@link #events(MessageRequest, RequestOptions)}: each event that carries
     * no text is dropped and replaced by a request for one more event, so the stream is read no further
     * ahead than the subscriber asked.
     *
     * @param request the request; its {@code stream} flag is set by the call
     * @param options this call's headers, betas, timeouts and retries, over the client's
     * @return a cold flux of the reply's text deltas
     * @throws NullPointerException if {@code request} or {@code options} is null
     */
    public Flux<String> text(MessageRequest request, RequestOptions options) {
        return events(request, options).handle((event, sink) -> {
            if (event instanceof ContentBlockDeltaEvent delta && delta.delta() instanceof TextDelta text) {
                sink.next(text.text());
            }
        });
    }

    /**
     * The final message of one streamed reply per subscription, with the client's settings. See
     * {@link #message(MessageRequest, RequestOptions)}.
     *
     * @param request the request; its {@code stream} flag is set by the call
     * @return a cold mono of the final message
     * @throws NullPointerException if {@code request} is null
     */
    public Mono<Message> message(MessageRequest request) {
        return message(request, RequestOptions.none());
    }

    /**
     * The final message of one streamed reply per subscription: the stream is read to its end as fast as
     * it arrives and the accumulated message is emitted, or {@code onError} with Brook's typed exception
     * (carrying the snapshot). The request is sent at subscription; cancelling the mono cancels the
     * stream and closes its connection.
     *
     * @param request the request; its {@code stream} flag is set by the call
     * @param options this call's headers, betas, timeouts and retries, over the client's
     * @return a cold mono of the final message
     * @throws NullPointerException if {@code request} or {@code options} is null
     */
    public Mono<Message> message(MessageRequest request, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        return Mono.defer(() -> {
            AsyncMessageStream stream = brook.messages().streamAsync(request, options);
            // The events are the stream's consumer (it makes no progress without one); once they complete,
            // the final message is known.
            return events(stream).then(Mono.fromFuture(stream::finalMessage));
        });
    }

    private static Flux<StreamEvent> events(AsyncMessageStream stream) {
        return JdkFlowAdapter.flowPublisherToFlux(stream.events());
    }
}
