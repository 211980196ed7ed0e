/**
 * Kotlin coroutines for Brook streams: cold [Flow]s of events and text, and a suspending final message.
 *
 * ```kotlin
 * brook.messages().textFlow(request).collect { print(it) }
 * val message = brook.messages().finalMessage(request)
 * ```
 */
@file:JvmName("BrookCoroutines")

package dev.brook.kotlin

import dev.brook.core.client.Messages
import dev.brook.core.client.RequestOptions
import dev.brook.core.client.StreamListener
import dev.brook.core.event.ContentBlockDeltaEvent
import dev.brook.core.event.Delta
import dev.brook.core.event.Message
import dev.brook.core.event.StreamEvent
import dev.brook.core.request.MessageRequest
import java.util.concurrent.Flow as JavaFlow
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.mapNotNull
import kotlinx.coroutines.future.await

/**
 * The events of one streamed reply, as a cold flow: each collection sends the request once (nothing is
 * sent before), and the flow completes after `message_stop` or throws the typed error of the stream
 * (`ApiException` subclasses, `StreamErrorException` carrying its snapshot, timeouts, ...).
 *
 * Demand is carried to the socket: one event is requested at a time, so a slow collector holds at most
 * two events and the transport reads no further. Cancelling the collecting coroutine (or ending the
 * collection early, as `first()` or `take(n)` do) cancels the stream and releases the connection.
 */
fun Messages.streamFlow(request: MessageRequest, options: RequestOptions = RequestOptions.none()): Flow<StreamEvent> =
    flow {
        val stream = streamAsync(request, options)
        try {
            val subscriber = OneAtATime()
            stream.events().subscribe(subscriber)
            for (event in subscriber.events) {
                subscriber.requestNext() // one event in the channel while this one is emitted, no more
                emit(event)
            }
        } finally {
            stream.cancel() // no effect once the stream has ended; otherwise closes the connection
        }
    }

/**
 * The text deltas of one streamed reply, as a cold flow: [streamFlow] keeping only the text of
 * `text_delta` events, with the same demand, cancellation and errors.
 */
fun Messages.textFlow(request: MessageRequest, options: RequestOptions = RequestOptions.none()): Flow<String> =
    streamFlow(request, options).mapNotNull { event ->
        ((event as? ContentBlockDeltaEvent)?.delta() as? Delta.TextDelta)?.text()
    }

/**
 * Streams one reply and returns its final message, suspending (never blocking a thread) until the
 * stream completes; throws the stream's typed error. The request is sent when this is called.
 * Cancelling the calling coroutine cancels the stream and releases the connection.
 */
suspend fun Messages.finalMessage(request: MessageRequest, options: RequestOptions = RequestOptions.none()): Message {
    val stream = streamAsync(request, object : StreamListener {}, options)
    try {
        return stream.finalMessage().await()
    } finally {
        stream.cancel() // no effect once the stream has ended
    }
}

/**
 * A subscriber that requests one event at a time, into a channel: the first in `onSubscribe`, each
 * next one by the collector once it has taken an event, so at most one event is ever buffered.
 * The requests are serial: each follows the receipt of the event the previous one asked for.
 */
private class OneAtATime : JavaFlow.Subscriber<StreamEvent> {
    val events = Channel<StreamEvent>(Channel.UNLIMITED) // bounded by the demand: at most one inside

    @Volatile
    private var subscription: JavaFlow.Subscription? = null

    fun requestNext() {
        subscription?.request(1)
    }

    override fun onSubscribe(subscription: JavaFlow.Subscription) {
        this.subscription = subscription
        subscription.request(1)
    }

    override fun onNext(item: StreamEvent) {
        events.trySend(item)
    }

    override fun onError(throwable: Throwable) {
        events.close(throwable)
    }

    override fun onComplete() {
        events.close()
    }
}
