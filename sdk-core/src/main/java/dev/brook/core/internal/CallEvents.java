package dev.brook.core.internal;

import dev.brook.core.client.CallInfo;
import dev.brook.core.client.CallListener;
import dev.brook.core.error.BrookException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One call's {@link CallListener}s, as the engine reports to them: enforces the documented order (nothing
 * after the one terminal callback and {@code callEnd}), keeps callbacks of one call from overlapping, and
 * logs a callback that throws instead of letting it reach the stream or the other listeners. {@link #NONE}
 * stands for "no listener installed": every method returns at once and {@link #watch} hands the sink back
 * unchanged, so a call without a listener pays one check per step and nothing per event.
 */
public final class CallEvents {
    /** No listener: every report is a no-op. */
    public static final CallEvents NONE = new CallEvents(new CallListener[0], null);

    private static final System.Logger LOG = System.getLogger(CallEvents.class.getName());
    private static final AtomicLong IDS = new AtomicLong();
    /** Headers the engine owns; a listener cannot replace them. */
    private static final Set<String> OWN_HEADERS = Set.of("x-api-key", "authorization", "anthropic-version",
            "anthropic-beta", "content-type", "accept", "content-length", "host");

    private final CallListener[] listeners;
    private final CallInfo call;
    private boolean ended;
    // Touched only by the decoder's sink, which one stream feeds from one thread at a time.
    private boolean sawEvent;
    private boolean sawToken;

    private CallEvents(CallListener[] listeners, CallInfo call) {
        this.listeners = listeners;
        this.call = call;
    }

    /**
     * The events of a Messages call that starts now, reported as {@code callStart}: {@link #NONE} without
     * factories. A factory that throws or returns null adds no listener (logged).
     */
    public static CallEvents start(List<CallListener.Factory> factories, String model, boolean streaming,
            int maxTokens, String transport, URI uri) {
        if (factories.isEmpty()) {
            return NONE;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        CallInfo call = new CallInfo(IDS.incrementAndGet(), model, streaming, maxTokens, transport,
                String.valueOf(uri.getHost()), port);
        List<CallListener> made = new ArrayList<>(factories.size());
        for (CallListener.Factory factory : factories) {
            try {
                CallListener listener = factory.create(call);
                if (listener != null) {
                    made.add(listener);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "CallListener.Factory.create threw; its listener is left out", e);
            }
        }
        if (made.isEmpty()) {
            return NONE;
        }
        CallEvents events = new CallEvents(made.toArray(new CallListener[0]), call);
        events.report("callStart", CallListener::callStart);
        return events;
    }

    /** {@return whether the call has had its terminal report} */
    public synchronized boolean ended() {
        return ended;
    }

    /** {@return whether a listener is installed: callers skip work that only feeds one} */
    public boolean active() {
        return call != null;
    }

    /** {@return the headers the listeners add to every attempt, without those the engine owns} */
    public synchronized Map<String, String> requestHeaders() {
        if (call == null) {
            return Map.of();
        }
        Map<String, String> kept = new LinkedHashMap<>();
        for (CallListener listener : listeners) {
            Map<String, String> headers;
            try {
                headers = listener.requestHeaders(call);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "CallListener.requestHeaders threw; its headers are left out", e);
                continue;
            }
            if (headers == null) {
                continue;
            }
            headers.forEach((name, value) -> {
                if (name == null || value == null || OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    LOG.log(System.Logger.Level.WARNING, "CallListener.requestHeaders: header \"" + name
                            + "\" skipped (null, or a header Brook sets itself)");
                } else {
                    kept.put(name, value);
                }
            });
        }
        return kept;
    }

    public void attemptStart(int attempt) {
        if (call != null) {
            report("attemptStart", (l, c) -> l.attemptStart(c, attempt));
        }
    }

    public void responseHeaders(int statusCode, String requestId) {
        if (call != null) {
            Optional<String> id = Optional.ofNullable(requestId);
            report("responseHeaders", (l, c) -> l.responseHeaders(c, statusCode, id));
        }
    }

    public void retryScheduled(BrookException cause, Duration delay) {
        if (call != null) {
            report("retryScheduled", (l, c) -> l.retryScheduled(c, cause, delay));
        }
    }

    /**
     * {@code sink}, or, with a listener, {@code sink} behind a check that reports the first event and the
     * first content delta as the decoder produces them.
     */
    public Consumer<StreamEvent> watch(Consumer<StreamEvent> sink) {
        if (call == null) {
            return sink;
        }
        return event -> {
            if (!sawToken) {
                observe(event);
            }
            sink.accept(event);
        };
    }

    private void observe(StreamEvent event) {
        if (!sawEvent) {
            sawEvent = true;
            report("firstEvent", (l, c) -> l.firstEvent(c, event));
        }
        if (event instanceof ContentBlockDeltaEvent d && (d.delta() instanceof Delta.TextDelta
                || d.delta() instanceof Delta.ThinkingDelta || d.delta() instanceof Delta.InputJsonDelta)) {
            sawToken = true;
            report("firstToken", (l, c) -> l.firstToken(c, d));
        }
    }

    /** The reply is complete; then {@code callEnd}. Only the first terminal report counts. */
    public void succeeded(Message message) {
        if (call != null) {
            terminal("streamEnd", (l, c) -> l.streamEnd(c, message));
        }
    }

    /** The call failed or was cancelled; then {@code callEnd}. Only the first terminal report counts. */
    public void failed(Throwable error) {
        if (call != null) {
            terminal("callFailed", (l, c) -> l.callFailed(c, error));
        }
    }

    /**
     * Opens every listener's scope around the caller's code; {@link CallListener.Scope#NONE} without
     * listeners. Not under the lock: it may run beside another callback of the call.
     */
    public CallListener.Scope scope() {
        if (call == null) {
            return CallListener.Scope.NONE;
        }
        if (listeners.length == 1) {
            CallListener.Scope scope = open(listeners[0]);
            return scope == CallListener.Scope.NONE ? scope : () -> close(scope);
        }
        CallListener.Scope[] opened = new CallListener.Scope[listeners.length];
        for (int i = 0; i < listeners.length; i++) {
            opened[i] = open(listeners[i]);
        }
        return () -> {
            for (int i = opened.length - 1; i >= 0; i--) {
                close(opened[i]);
            }
        };
    }

    private CallListener.Scope open(CallListener listener) {
        try {
            CallListener.Scope scope = listener.callbackScope(call);
            return scope == null ? CallListener.Scope.NONE : scope;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "CallListener.callbackScope threw; the callback runs without it", e);
            return CallListener.Scope.NONE;
        }
    }

    private static void close(CallListener.Scope scope) {
        try {
            scope.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A CallListener.Scope threw on close", e);
        }
    }

    private synchronized void terminal(String name, BiConsumer<CallListener, CallInfo> callback) {
        if (ended) {
            return;
        }
        invoke(name, callback);
        ended = true;
        invoke("callEnd", CallListener::callEnd);
    }

    private synchronized void report(String name, BiConsumer<CallListener, CallInfo> callback) {
        if (!ended) { // nothing after callEnd, not even a late attempt's headers after a cancel
            invoke(name, callback);
        }
    }

    private void invoke(String name, BiConsumer<CallListener, CallInfo> callback) {
        for (CallListener listener : listeners) {
            try {
                callback.accept(listener, call);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "CallListener." + name + " threw; the call goes on", e);
            }
        }
    }
}
