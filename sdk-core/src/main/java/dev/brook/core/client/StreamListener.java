package dev.brook.core.client;

import dev.brook.core.event.ContentBlock;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.json.JsonValue;
import dev.brook.core.request.MessageRequest;
import java.util.function.Supplier;

/**
 * Callbacks of an asynchronous stream ({@link Messages#streamAsync(MessageRequest, StreamListener)}).
 * Every method has an empty default: override only what you use.
 *
 * <pre>{@code
 * brook.messages().streamAsync(request, new StreamListener() {
 *     @Override
 *     public void onText(String delta, CharSequence textSoFar) {
 *         System.out.print(delta);
 *     }
 * }).finalMessage().join();
 * }</pre>
 *
 * <p>Callbacks for one stream never overlap and come in stream order. Exactly one terminal callback is
 * made: {@link #onMessage} when the stream completes, or {@link #onError} when it fails, is cancelled or a
 * callback throws — whatever happens.
 *
 * <p>Which thread calls back: the transport's I/O thread unless {@code Brook.builder().callbackExecutor(...)}
 * names an executor. On {@code jdk} that is the {@code HttpClient}'s executor; on {@code vertx} the event
 * loop (never block there); on Apache async an I/O reactor thread; on blocking stacks ({@code okhttp},
 * Apache classic) a thread of {@code Brook.builder().blockingExecutor(...)}. A callback that blocks holds
 * back the stream (and, on I/O threads, other streams of that thread); it loses nothing.
 *
 * <p>A callback that throws cancels the stream: the exception reaches {@link #onError} and completes
 * {@link AsyncMessageStream#finalMessage()} exceptionally.
 */
public interface StreamListener {

    /**
     * Every event, before the specific callbacks below for it.
     *
     * @param event the event, already accumulated
     */
    default void onEvent(StreamEvent event) {
    }

    /**
     * A text delta.
     *
     * @param delta the text this delta appends
     * @param textSoFar the block's text including this delta: a live read-only view, valid during this
     *     call (copy it with {@code toString()} to keep it)
     */
    default void onText(String delta, CharSequence textSoFar) {
    }

    /**
     * A fragment of a tool's input JSON.
     *
     * @param fragment the fragment, split anywhere (even inside a string or number)
     * @param partialInput gives the best-effort value of the input received so far, parsed
     *     only when asked: a listener that does not need it pays nothing. Call it during this callback;
     *     later it reflects later fragments. JSON {@code null} when the block is not a kind whose input
     *     Brook accumulates ({@code tool_use}, {@code server_tool_use}).
     */
    default void onInputJson(String fragment, Supplier<JsonValue> partialInput) {
    }

    /**
     * A thinking delta.
     *
     * @param delta the thinking text this delta appends
     * @param thinkingSoFar the block's thinking including this delta: a live view, valid during this call
     */
    default void onThinking(String delta, CharSequence thinkingSoFar) {
    }

    /**
     * The signature of a thinking block.
     *
     * @param signature the signature, which replaces any earlier one of that block
     */
    default void onSignature(String signature) {
    }

    /**
     * A citation added to a text block.
     *
     * @param citation the citation object
     */
    default void onCitation(JsonValue citation) {
    }

    /**
     * A content block has stopped; {@code block} is final.
     *
     * @param index the block's index in the message content
     * @param block the final block
     */
    default void onContentBlock(int index, ContentBlock block) {
    }

    /**
     * The stream completed with this message. Terminal.
     *
     * @param message the final message
     */
    default void onMessage(Message message) {
    }

    /**
     * The stream failed: a {@code dev.brook.core.error.BrookException} (carrying the snapshot where there
     * is one), a {@link java.util.concurrent.CancellationException} when cancelled, or the exception a
     * callback threw. Terminal.
     *
     * @param error why the stream ended
     */
    default void onError(Throwable error) {
    }
}
