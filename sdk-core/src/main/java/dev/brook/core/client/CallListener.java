package dev.brook.core.client;

import dev.brook.core.error.BrookException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What happens during one Messages call ({@code create}, {@code stream}, {@code streamAsync}), for
 * metrics, tracing and logs: the seam that {@code brook-micrometer} and {@code brook-opentelemetry}
 * attach to. Install a {@link Factory} with {@link Brook.Builder#addCallListener}; it makes one listener per
 * call. Every method has an empty default: override what you need. With no factory installed Brook makes
 * no listener and does no extra work.
 *
 * <p><b>Order.</b> For every call: {@link #callStart} first, then {@link #requestHeaders} once; per
 * attempt {@link #attemptStart} and, when a response came, {@link #responseHeaders}; between attempts
 * {@link #retryScheduled}; once the body streams, {@link #firstEvent} and {@link #firstToken} (each at
 * most once); then exactly one of {@link #streamEnd} or {@link #callFailed}; {@link #callEnd} last.
 * Nothing comes after {@code callEnd}. Callbacks of one call never overlap (they hold a lock of their
 * own), so a listener needs no synchronisation for state of its call; they run on whichever thread the
 * step happens on: the caller's for a sync stream, the transport's I/O thread or the timer's executor
 * for an async one. Keep them quick: the stream waits for them.
 *
 * <p><b>Failures.</b> A callback that throws is logged (at WARNING, by {@link System.Logger}) and the call
 * goes on as if it had returned: a listener never breaks a stream.
 *
 * <p>Only Messages calls are reported; the other endpoints (models, batches, token counts) are not.
 */
public interface CallListener {
    /**
     * The call has started, on the caller's thread, before anything is sent.
     *
     * @param call the call
     */
    default void callStart(CallInfo call) {
    }

    /**
     * Headers to add to every attempt of this call, such as a W3C {@code traceparent}. Called once, right
     * after {@link #callStart} on the caller's thread. A header Brook owns ({@code x-api-key},
     * {@code authorization}, {@code anthropic-version}, {@code anthropic-beta}, {@code content-type},
     * {@code accept}, {@code content-length}, {@code host}) is not replaced: it is skipped with a warning.
     *
     * @param call the call
     * @return header names and values to add; empty by default
     */
    default Map<String, String> requestHeaders(CallInfo call) {
        return Map.of();
    }

    /**
     * An attempt is about to be sent.
     *
     * @param call the call
     * @param attempt the attempt's number, 1 for the first
     */
    default void attemptStart(CallInfo call, int attempt) {
    }

    /**
     * An attempt got response headers (a 2xx or an error status).
     *
     * @param call the call
     * @param statusCode the HTTP status
     * @param requestId the {@code request-id} header; empty when the response had none
     */
    default void responseHeaders(CallInfo call, int statusCode, Optional<String> requestId) {
    }

    /**
     * An attempt failed in a way that is retried; the next attempt starts after {@code delay}.
     *
     * @param call the call
     * @param cause why the attempt failed
     * @param delay how long Brook waits before the next attempt
     */
    default void retryScheduled(CallInfo call, BrookException cause, Duration delay) {
    }

    /**
     * The first event of the body was decoded (normally {@code message_start}). Streaming calls only.
     *
     * @param call the call
     * @param event the event
     */
    default void firstEvent(CallInfo call, StreamEvent event) {
    }

    /**
     * The first content arrived: the first text, thinking or tool-input delta of the reply. The time
     * from {@link #callStart} to here is the time to first token. Streaming calls only; never for a reply
     * without content.
     *
     * @param call the call
     * @param delta the delta event
     */
    default void firstToken(CallInfo call, ContentBlockDeltaEvent delta) {
    }

    /**
     * The reply is complete: for a stream, {@code message_stop} and the end of the body; for
     * {@code create}, the whole message read. Its {@link Message#usage()} and
     * {@link Message#stopReason()} are final.
     *
     * @param call the call
     * @param message the complete reply
     */
    default void streamEnd(CallInfo call, Message message) {
    }

    /**
     * The call failed: after the last attempt, or mid-stream (the exception then carries the message
     * so far, see {@link BrookException#snapshot()}), or it was cancelled or closed before the end,
     * which is reported as a {@link java.util.concurrent.CancellationException}.
     *
     * @param call the call
     * @param error why; a {@link BrookException} for every failure Brook maps
     */
    default void callFailed(CallInfo call, Throwable error) {
    }

    /**
     * The call is over and its connection released or handed back. The last callback.
     *
     * @param call the call
     */
    default void callEnd(CallInfo call) {
    }

    /**
     * Opened around each piece of the caller's code that Brook runs for an async stream (a
     * {@link StreamListener} callback, a {@link java.util.concurrent.Flow.Subscriber} signal), on the
     * thread that runs it, and closed right after: {@code brook-opentelemetry} makes the caller's context
     * current here, whichever thread the transport delivers on. Unlike the other callbacks this one may
     * run while another of the same call runs (a callback executor), so it must be thread-safe; it is
     * called per event, so keep it cheap. A scope that throws on open is logged and skipped.
     *
     * @param call the call
     * @return the scope to close after the caller's code; {@link Scope#NONE} by default
     */
    default Scope callbackScope(CallInfo call) {
        return Scope.NONE;
    }

    /** What {@link #callbackScope} opened; closed once, on the thread that opened it. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {
        /** A scope that does nothing. */
        Scope NONE = () -> {
        };

        /** Ends the scope; must not throw. */
        @Override
        void close();
    }

    /**
     * Makes the listener of each call. Called on the caller's thread when a Messages call starts; must be
     * thread-safe, since calls start concurrently.
     */
    @FunctionalInterface
    interface Factory {
        /**
         * The listener for {@code call}.
         *
         * @param call the call that starts
         * @return its listener; may be shared between calls if it is thread-safe
         */
        CallListener create(CallInfo call);
    }
}
