package dev.brook.opentelemetry;

import dev.brook.core.client.CallInfo;
import dev.brook.core.client.CallListener;
import dev.brook.core.error.ApiException;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Message;
import dev.brook.core.event.MessageStartEvent;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.event.Usage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The span of one call: {@link OpenTelemetryCallListener} documents what it records. Every callback
 * catches what OpenTelemetry throws and logs it, so none reaches Brook.
 */
final class CallSpan implements CallListener {
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<Boolean> REQUEST_STREAM = AttributeKey.booleanKey("gen_ai.request.stream");
    static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<List<String>> FINISH_REASONS =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<Double> TIME_TO_FIRST_CHUNK =
            AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Long> CACHE_READ_INPUT_TOKENS =
            AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
    static final AttributeKey<Long> CACHE_CREATION_INPUT_TOKENS =
            AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
    static final AttributeKey<Long> REASONING_OUTPUT_TOKENS =
            AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
    static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("brook.request.id");
    static final AttributeKey<String> TRANSPORT = AttributeKey.stringKey("brook.transport");
    static final AttributeKey<Long> RETRY_ATTEMPT = AttributeKey.longKey("brook.retry.attempt");
    static final AttributeKey<Double> RETRY_DELAY = AttributeKey.doubleKey("brook.retry.delay");
    static final String FIRST_TOKEN_EVENT = "brook.first_token";
    static final String RETRY_EVENT = "brook.retry";

    private static final System.Logger LOG = System.getLogger(OpenTelemetryCallListener.class.getName());

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    /**
     * The caller's context, captured on the caller's thread as the call starts: the span's parent, and
     * what {@link #callbackScope} makes current. Final, since that one runs on any thread, beside the others.
     */
    private final Context callerContext = Context.current();

    // Touched only by the callbacks other than callbackScope. Those never overlap and Brook runs them under
    // the call's lock, which hands what one wrote to the next, whichever thread that runs on.
    private Span span = Span.getInvalid();
    private long startNanos;
    private int attempt;

    CallSpan(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public void callStart(CallInfo call) {
        try {
            startNanos = System.nanoTime();
            String model = call.model();
            SpanBuilder builder = tracer.spanBuilder(model.isEmpty() ? "chat" : "chat " + model)
                    .setParent(callerContext)
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(OPERATION_NAME, "chat")
                    .setAttribute(PROVIDER_NAME, "anthropic")
                    .setAttribute(REQUEST_MAX_TOKENS, (long) call.maxTokens())
                    .setAttribute(SERVER_ADDRESS, call.serverAddress())
                    .setAttribute(SERVER_PORT, (long) call.serverPort())
                    .setAttribute(TRANSPORT, call.transport());
            if (!model.isEmpty()) {
                builder.setAttribute(REQUEST_MODEL, model);
            }
            if (call.streaming()) {
                builder.setAttribute(REQUEST_STREAM, true);
            }
            span = builder.startSpan();
        } catch (RuntimeException e) {
            warn("callStart", e);
        }
    }

    @Override
    public Map<String, String> requestHeaders(CallInfo call) {
        try {
            Map<String, String> headers = new LinkedHashMap<>(4);
            propagator.inject(callerContext.with(span), headers, MapSetter.INSTANCE);
            return headers;
        } catch (RuntimeException e) {
            warn("requestHeaders", e);
            return Map.of();
        }
    }

    @Override
    public void attemptStart(CallInfo call, int attempt) {
        this.attempt = attempt;
    }

    @Override
    public void responseHeaders(CallInfo call, int statusCode, Optional<String> requestId) {
        try {
            span.setAttribute(HTTP_STATUS, (long) statusCode);
            if (requestId.isPresent()) {
                span.setAttribute(REQUEST_ID, requestId.get());
            }
        } catch (RuntimeException e) {
            warn("responseHeaders", e);
        }
    }

    @Override
    public void retryScheduled(CallInfo call, BrookException cause, Duration delay) {
        try {
            AttributesBuilder event = Attributes.builder()
                    .put(ERROR_TYPE, errorType(cause))
                    .put(EXCEPTION_TYPE, cause.getClass().getName())
                    .put(RETRY_ATTEMPT, (long) attempt + 1)
                    .put(RETRY_DELAY, delay.getSeconds() + delay.getNano() / 1e9);
            if (cause.getMessage() != null) {
                event.put(EXCEPTION_MESSAGE, cause.getMessage());
            }
            if (cause instanceof ApiException api) {
                event.put(HTTP_STATUS, (long) api.statusCode());
            }
            span.addEvent(RETRY_EVENT, event.build());
        } catch (RuntimeException e) {
            warn("retryScheduled", e);
        }
    }

    @Override
    public void firstEvent(CallInfo call, StreamEvent event) {
        try {
            span.setAttribute(TIME_TO_FIRST_CHUNK, (System.nanoTime() - startNanos) / 1e9);
            if (event instanceof MessageStartEvent start) {
                // The id, model and input usage as they start: what a call cancelled later still tells.
                recordReply(start.message());
            }
        } catch (RuntimeException e) {
            warn("firstEvent", e);
        }
    }

    @Override
    public void firstToken(CallInfo call, ContentBlockDeltaEvent delta) {
        try {
            span.addEvent(FIRST_TOKEN_EVENT);
        } catch (RuntimeException e) {
            warn("firstToken", e);
        }
    }

    @Override
    public void streamEnd(CallInfo call, Message message) {
        try {
            recordReply(message);
        } catch (RuntimeException e) {
            warn("streamEnd", e);
        }
    }

    @Override
    public void callFailed(CallInfo call, Throwable error) {
        try {
            if (error instanceof BrookException brook && brook.snapshot().isPresent()) {
                recordReply(brook.snapshot().get());
            }
            span.setAttribute(ERROR_TYPE, errorType(error));
            String message = error.getMessage();
            if (message == null) {
                span.setStatus(StatusCode.ERROR);
            } else {
                span.setStatus(StatusCode.ERROR, message);
            }
            span.recordException(error);
        } catch (RuntimeException e) {
            warn("callFailed", e);
        }
    }

    @Override
    public void callEnd(CallInfo call) {
        try {
            span.end();
        } catch (RuntimeException e) {
            warn("callEnd", e);
        }
    }

    @Override
    public Scope callbackScope(CallInfo call) {
        try {
            if (Context.current() == callerContext) {
                return Scope.NONE; // already current: on the caller's own thread, or nested
            }
            io.opentelemetry.context.Scope scope = callerContext.makeCurrent();
            return scope::close;
        } catch (RuntimeException e) {
            warn("callbackScope", e);
            return Scope.NONE;
        }
    }

    /** The message's id, model, stop reason and usage, those it has; a snapshot may lack some. */
    private void recordReply(Message message) {
        if (!message.id().isEmpty()) {
            span.setAttribute(RESPONSE_ID, message.id());
        }
        if (!message.model().isEmpty()) {
            span.setAttribute(RESPONSE_MODEL, message.model());
        }
        if (message.stopReason().isPresent()) {
            span.setAttribute(FINISH_REASONS, List.of(message.stopReason().get().value()));
        }
        Usage usage = message.usage();
        OptionalLong cacheRead = usage.cacheReadInputTokens();
        OptionalLong cacheCreation = usage.cacheCreationInputTokens();
        if (usage.fields().containsKey("input_tokens") || cacheRead.isPresent() || cacheCreation.isPresent()) {
            // The Anthropic conventions: gen_ai.usage.input_tokens counts every input token, and Anthropic's
            // input_tokens leaves out those read from or written to the cache.
            span.setAttribute(INPUT_TOKENS, usage.inputTokens() + cacheRead.orElse(0) + cacheCreation.orElse(0));
        }
        if (cacheRead.isPresent()) {
            span.setAttribute(CACHE_READ_INPUT_TOKENS, cacheRead.getAsLong());
        }
        if (cacheCreation.isPresent()) {
            span.setAttribute(CACHE_CREATION_INPUT_TOKENS, cacheCreation.getAsLong());
        }
        if (usage.fields().containsKey("output_tokens")) {
            span.setAttribute(OUTPUT_TOKENS, usage.outputTokens());
        }
        OptionalLong thinking = usage.thinkingTokens();
        if (thinking.isPresent()) {
            span.setAttribute(REASONING_OUTPUT_TOKENS, thinking.getAsLong());
        }
    }

    /**
     * {@code error.type} for {@code error}: the API's error type, the stream error event's type, or the
     * exception's class name.
     */
    static String errorType(Throwable error) {
        if (error instanceof ApiException api) {
            return api.errorType().isEmpty() ? Integer.toString(api.statusCode()) : api.errorType();
        }
        if (error instanceof StreamErrorException stream && !stream.errorType().isEmpty()) {
            return stream.errorType();
        }
        return error.getClass().getName();
    }

    private static void warn(String callback, RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "OpenTelemetry failed in " + callback + "; the call goes on untraced there", e);
    }

    /** Writes propagated fields into the header map. */
    private enum MapSetter implements TextMapSetter<Map<String, String>> {
        INSTANCE;

        @Override
        public void set(Map<String, String> carrier, String key, String value) {
            if (carrier != null && key != null && value != null) {
                carrier.put(key, value);
            }
        }
    }
}
