package dev.brook.opentelemetry;

import dev.brook.core.client.Brook;
import dev.brook.core.client.CallInfo;
import dev.brook.core.client.CallListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Objects;

/**
 * Traces Brook's Messages calls with OpenTelemetry: a span per call, named and described by the
 * <a href="https://github.com/open-telemetry/semantic-conventions-genai/blob/main/docs/gen-ai/anthropic.md">GenAI
 * semantic conventions for Anthropic</a>, the W3C trace context sent to the server, and the caller's context
 * current in every async callback, whichever transport thread runs it.
 *
 * <pre>{@code
 * Brook brook = Brook.builder()
 *         .apiKey(key)
 *         .addCallListener(OpenTelemetryCallListener.create(openTelemetry))
 *         .build();
 * }</pre>
 *
 * <h2>The span</h2>
 * One span per {@code create}, {@code stream} and {@code streamAsync} call (the other endpoints are not
 * traced), of kind {@code CLIENT}, named {@code chat {model}} ({@code chat claude-opus-4-6}). Its parent is
 * the context that was current on the caller's thread when the call started ({@code Context.current()}
 * then). It starts when the call starts and ends when the call is over and its connection released, so it
 * covers the retries and the whole body. Its instrumentation scope is {@code dev.brook} with version
 * {@link Brook#VERSION}.
 *
 * <p>Attributes, set when the call starts:
 * <ul>
 *   <li>{@code gen_ai.operation.name}: {@code chat}
 *   <li>{@code gen_ai.provider.name}: {@code anthropic}. The deprecated {@code gen_ai.system}, which it
 *       replaced, is not sent: this instrumentation is new, so it follows the latest conventions.
 *   <li>{@code gen_ai.request.model}, {@code gen_ai.request.max_tokens}: the request's {@code model} and
 *       {@code max_tokens}
 *   <li>{@code gen_ai.request.stream}: {@code true}, for {@code stream} and {@code streamAsync} only
 *   <li>{@code server.address}, {@code server.port}: where the call goes ({@code api.anthropic.com},
 *       {@code 443})
 *   <li>{@code brook.transport}: the transport that carries it ({@code jdk}, {@code okhttp}, ...)
 * </ul>
 * when response headers arrive (for each attempt: the last one's stay):
 * <ul>
 *   <li>{@code http.response.status_code}: the HTTP status
 *   <li>{@code brook.request.id}: the {@code request-id} header, the id to quote to Anthropic
 * </ul>
 * when the first event of a stream arrives:
 * <ul>
 *   <li>{@code gen_ai.response.time_to_first_chunk}: seconds from the call's start to the first event
 * </ul>
 * and from the reply: first as {@code message_start} gives it (so a stream cancelled midway still tells its
 * id and input tokens), then from the complete reply, or from what the stream had delivered when it failed
 * ({@link dev.brook.core.error.BrookException#snapshot()}); an attribute whose value did not arrive is not
 * set:
 * <ul>
 *   <li>{@code gen_ai.response.id}, {@code gen_ai.response.model}: the message's {@code id} and
 *       {@code model}
 *   <li>{@code gen_ai.response.finish_reasons}: a one-element array with the {@code stop_reason}
 *       ({@code ["end_turn"]})
 *   <li>{@code gen_ai.usage.input_tokens}: all input tokens, as the Anthropic conventions define it:
 *       {@code input_tokens + cache_read_input_tokens + cache_creation_input_tokens}
 *   <li>{@code gen_ai.usage.cache_read.input_tokens}, {@code gen_ai.usage.cache_creation.input_tokens}:
 *       {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}, when the usage has them
 *   <li>{@code gen_ai.usage.output_tokens}: {@code output_tokens}
 *   <li>{@code gen_ai.usage.reasoning.output_tokens}: {@code output_tokens_details.thinking_tokens}, when
 *       the usage has it
 * </ul>
 *
 * <p>Events:
 * <ul>
 *   <li>{@code brook.first_token}: when the first text, thinking or tool-input delta arrives (the
 *       conventions define no event for it, only the time to the first chunk above, so the event is in
 *       Brook's namespace rather than in theirs)
 *   <li>{@code brook.retry}: an attempt failed and another follows, with {@code error.type},
 *       {@code exception.type} and {@code exception.message} of the cause, its
 *       {@code http.response.status_code} when it was an error status, {@code brook.retry.attempt} (the
 *       number of the attempt that follows, 2 for the first retry) and {@code brook.retry.delay} (the
 *       wait before it, in seconds)
 *   <li>{@code exception}: the failure that ended the call ({@code Span.recordException})
 * </ul>
 *
 * <p>A call that fails (after its retries, mid-stream, or cancelled) ends with status {@code ERROR}, whose
 * description is the exception's message, and {@code error.type}: for an
 * {@link dev.brook.core.error.ApiException} the API's error type ({@code overloaded_error},
 * {@code invalid_request_error}, ...; the HTTP status, such as {@code 500}, when the body named none); for
 * a {@link dev.brook.core.error.StreamErrorException} the type of the stream's error event; for anything
 * else the exception's class name ({@code dev.brook.core.error.IncompleteStreamException},
 * {@code java.util.concurrent.CancellationException}, ...).
 *
 * <h2>Trace context to the server</h2>
 * Every attempt of the call carries the headers that the {@link OpenTelemetry} instance's text-map
 * propagator ({@code getPropagators().getTextMapPropagator()}) writes for the call span's context: with
 * the W3C propagator, {@code traceparent} and, when the trace has state, {@code tracestate}. So the server
 * sees the call span as the parent of its work. With no propagator configured nothing is added.
 *
 * <h2>Context in async callbacks</h2>
 * Around each piece of the caller's code that Brook runs for an async stream (a
 * {@link dev.brook.core.client.StreamListener} callback, a {@link java.util.concurrent.Flow.Subscriber}
 * signal) the caller's context, the one current when the call started, is made current
 * ({@code Context.makeCurrent()}) and closed right after, on whichever thread runs it: the
 * {@code HttpClient}'s executor, an event loop, an I/O reactor thread, a Brook blocking thread. So
 * {@code Span.current()} in a callback is the caller's span, as it is for a sync stream read on the
 * caller's thread, and spans the callback starts are children of the caller's span. It is the caller's
 * context and not the call span's because the callbacks are the caller's work, not part of the HTTP
 * exchange the call span times: the call span may have ended before the last callback runs, and a client
 * span should not parent the application's spans.
 *
 * <h2>Safety</h2>
 * A callback never throws: a failure inside OpenTelemetry is logged (at WARNING, by
 * {@link System.Logger}) and the call goes on. No credential is recorded: the listener is never told the
 * API key, and the messages it records are Brook's, with credentials masked.
 *
 * <p>Immutable and thread-safe: one instance serves any number of clients and concurrent calls.
 */
public final class OpenTelemetryCallListener implements CallListener.Factory {
    /** The instrumentation scope's name. */
    private static final String SCOPE_NAME = "dev.brook";

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    private OpenTelemetryCallListener(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * Tracing with {@code openTelemetry}'s tracer provider and text-map propagator, both read once, now.
     *
     * @param openTelemetry where the spans go and how the trace context is written to requests
     * @return the factory to install with {@code Brook.builder().addCallListener(...)}
     * @throws NullPointerException if {@code openTelemetry} is null
     */
    public static OpenTelemetryCallListener create(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        Tracer tracer = openTelemetry.getTracerProvider()
                .tracerBuilder(SCOPE_NAME)
                .setInstrumentationVersion(Brook.VERSION)
                .build();
        return new OpenTelemetryCallListener(tracer, openTelemetry.getPropagators().getTextMapPropagator());
    }

    /**
     * The listener of one call, which traces it. Called by Brook on the caller's thread as the call starts;
     * it captures the context current there, the call span's parent.
     *
     * @param call the call that starts
     * @return a new listener for that call only
     */
    @Override
    public CallListener create(CallInfo call) {
        return new CallSpan(tracer, propagator);
    }

    /** Names the scope; no settings to show. */
    @Override
    public String toString() {
        return "OpenTelemetryCallListener{scope=" + SCOPE_NAME + ", version=" + Brook.VERSION + '}';
    }
}
