package dev.brook.micrometer;

import dev.brook.core.client.CallInfo;
import dev.brook.core.client.CallListener;
import dev.brook.core.error.ApiException;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Message;
import dev.brook.core.event.StopReason;
import dev.brook.core.event.Usage;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.RequestReplySenderContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * The listener of one call. Brook never runs two of its callbacks at once (except
 * {@link #callbackScope}), and hands them over between threads under a lock, so the plain fields need no
 * synchronisation; what {@code callbackScope} reads is volatile.
 *
 * <p>No callback throws: the meters and the observation are kept apart, so a registry that fails
 * (logged here at WARNING) neither leaves the observation unstopped nor the open-stream count raised.
 */
final class CallObserver implements CallListener {
    private static final System.Logger LOG = System.getLogger(CallObserver.class.getName());
    private static final Observation.Event FIRST_TOKEN = Observation.Event.of("first_token", "first token");
    private static final Observation.Event RETRY = Observation.Event.of("retry", "retry");

    private final MicrometerCallListener meters;
    private final Tags common;
    private long startNanos;
    private LongTaskTimer.Sample activeStream;
    private String outcome;
    private String errorType = Names.NONE;
    private String finishReason = Names.NONE;

    private final Map<String, String> carrier;
    private RequestReplySenderContext<Map<String, String>, Message> context;
    private volatile Observation observation;
    private volatile boolean observationStopped;

    CallObserver(MicrometerCallListener meters, CallInfo call) {
        this.meters = meters;
        this.common = Tags.of(
                Names.OPERATION_NAME, Names.CHAT,
                Names.PROVIDER_NAME, Names.ANTHROPIC,
                Names.REQUEST_MODEL, call.model(),
                Names.SERVER_ADDRESS, call.serverAddress(),
                Names.SERVER_PORT, Integer.toString(call.serverPort()),
                Names.TRANSPORT, call.transport());
        this.carrier = meters.observationRegistry == null ? null : new LinkedHashMap<>();
    }

    @Override
    public void callStart(CallInfo call) {
        startNanos = meters.clock.monotonicTime();
        if (meters.observationRegistry != null) {
            guard("callStart (observation)", () -> startObservation(call));
        }
        if (call.streaming()) {
            guard("callStart (meters)", () -> activeStream = meters.activeStreams.withTags(common).start());
        }
    }

    private void startObservation(CallInfo call) {
        RequestReplySenderContext<Map<String, String>, Message> c = new RequestReplySenderContext<>(
                (headers, name, value) -> {
                    if (headers != null && name != null && value != null) {
                        headers.put(name, value);
                    }
                }, Kind.CLIENT);
        c.setCarrier(carrier);
        c.setRemoteServiceName(Names.ANTHROPIC);
        context = c;
        Observation o = Observation.createNotStarted(Names.OBSERVATION, () -> c, meters.observationRegistry)
                .contextualName(Names.CHAT + " " + call.model());
        common.forEach(tag -> o.lowCardinalityKeyValue(tag.getKey(), tag.getValue()));
        o.highCardinalityKeyValue(Names.REQUEST_MAX_TOKENS, Integer.toString(call.maxTokens()));
        o.highCardinalityKeyValue(Names.REQUEST_STREAM, Boolean.toString(call.streaming()));
        observation = o.start();
    }

    /** The headers the observation's handlers put in its carrier, such as a W3C {@code traceparent}. */
    @Override
    public Map<String, String> requestHeaders(CallInfo call) {
        return carrier == null || carrier.isEmpty() ? Map.of() : Map.copyOf(carrier);
    }

    @Override
    public void responseHeaders(CallInfo call, int statusCode, Optional<String> requestId) {
        Observation o = observation;
        if (o != null && requestId.isPresent()) {
            guard("responseHeaders", () -> o.highCardinalityKeyValue(Names.REQUEST_ID, requestId.get()));
        }
    }

    @Override
    public void retryScheduled(CallInfo call, BrookException cause, Duration delay) {
        guard("retryScheduled (meters)",
                () -> meters.retries.withTags(common.and(Names.ERROR_TYPE, errorType(cause))).increment());
        Observation o = observation;
        if (o != null) {
            guard("retryScheduled (observation)", () -> o.event(RETRY));
        }
    }

    @Override
    public void firstToken(CallInfo call, ContentBlockDeltaEvent delta) {
        long elapsed = meters.clock.monotonicTime() - startNanos;
        guard("firstToken (meters)",
                () -> meters.timeToFirstChunk.withTags(common).record(elapsed, TimeUnit.NANOSECONDS));
        Observation o = observation;
        if (o != null) {
            guard("firstToken (observation)", () -> {
                o.event(FIRST_TOKEN);
                o.highCardinalityKeyValue(Names.RESPONSE_TIME_TO_FIRST_CHUNK, Double.toString(elapsed / 1e9));
            });
        }
    }

    @Override
    public void streamEnd(CallInfo call, Message message) {
        outcome = Names.SUCCESS;
        finishReason = message.stopReason().map(StopReason::value).orElse(Names.NONE);
        if (context != null) {
            context.setResponse(message);
        }
        describe("streamEnd", message);
    }

    @Override
    public void callFailed(CallInfo call, Throwable error) {
        outcome = error instanceof CancellationException ? Names.CANCELLED : Names.ERROR;
        errorType = errorType(error);
        Observation o = observation;
        if (o != null) {
            guard("callFailed (observation)", () -> o.error(error));
        }
        if (error instanceof BrookException e && e.snapshot().isPresent()) {
            describe("callFailed", e.snapshot().get());
        }
    }

    /** Records the message's usage and describes it on the observation. */
    private void describe(String callback, Message message) {
        Usage usage = message.usage();
        boolean hasUsage = !usage.fields().isEmpty();
        // As the GenAI conventions count Anthropic's input: the cache reads and writes are input too.
        long input = usage.inputTokens() + usage.cacheCreationInputTokens().orElse(0)
                + usage.cacheReadInputTokens().orElse(0);
        long output = usage.outputTokens();
        if (hasUsage) {
            guard(callback + " (meters)", () -> {
                meters.tokenUsage.withTags(common.and(Names.TOKEN_TYPE, Names.INPUT)).record(input);
                meters.tokenUsage.withTags(common.and(Names.TOKEN_TYPE, Names.OUTPUT)).record(output);
            });
        }
        Observation o = observation;
        if (o == null) {
            return;
        }
        guard(callback + " (observation)", () -> {
            if (!message.id().isEmpty()) {
                o.highCardinalityKeyValue(Names.RESPONSE_ID, message.id());
            }
            if (!message.model().isEmpty()) {
                o.highCardinalityKeyValue(Names.RESPONSE_MODEL, message.model());
            }
            if (hasUsage) {
                o.highCardinalityKeyValue(Names.USAGE_INPUT_TOKENS, Long.toString(input));
                o.highCardinalityKeyValue(Names.USAGE_OUTPUT_TOKENS, Long.toString(output));
            }
        });
    }

    @Override
    public void callEnd(CallInfo call) {
        // Brook reports streamEnd or callFailed first; an outcome missing would be Brook's bug, counted as
        // an error of the conventions' fallback type rather than as a success.
        String result = outcome != null ? outcome : Names.ERROR;
        String type = outcome != null ? errorType : "_OTHER";
        long elapsed = meters.clock.monotonicTime() - startNanos;
        guard("callEnd (duration)", () -> meters.duration.withTags(common.and(
                Names.OUTCOME, result,
                Names.ERROR_TYPE, type,
                Names.FINISH_REASONS, finishReason)).record(elapsed, TimeUnit.NANOSECONDS));
        LongTaskTimer.Sample active = activeStream;
        if (active != null) {
            guard("callEnd (active streams)", active::stop);
        }
        Observation o = observation;
        if (o != null) {
            observationStopped = true;
            guard("callEnd (observation)", () -> {
                o.lowCardinalityKeyValue(Names.OUTCOME, result);
                o.lowCardinalityKeyValue(Names.ERROR_TYPE, type);
                o.lowCardinalityKeyValue(Names.FINISH_REASONS, finishReason);
                o.stop();
            });
        }
    }

    /**
     * The observation in scope around the caller's code of an async stream, until it stops: what runs after
     * (a subscriber's {@code onComplete}) gets no scope, as a stopped observation must not be opened.
     */
    @Override
    public Scope callbackScope(CallInfo call) {
        Observation o = observation;
        if (o == null || observationStopped) {
            return Scope.NONE;
        }
        Observation.Scope scope;
        try {
            scope = o.openScope();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "brook-micrometer: opening the observation's scope failed", e);
            return Scope.NONE;
        }
        return () -> {
            try {
                scope.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "brook-micrometer: closing the observation's scope failed", e);
            }
        };
    }

    /** Runs {@code step}; logs what it throws instead of letting it reach Brook. */
    private static void guard(String callback, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "brook-micrometer: " + callback + " failed; the call goes on", e);
        }
    }

    /**
     * The {@code error.type} of a failure: the API's error type for an error status (the status when the
     * body had none), the error event's type for a stream the server ended with one, else the exception's
     * simple class name.
     */
    static String errorType(Throwable error) {
        if (error instanceof ApiException e) {
            return e.errorType().isEmpty() ? Integer.toString(e.statusCode()) : e.errorType();
        }
        if (error instanceof StreamErrorException e) {
            return e.errorType().isEmpty() ? e.getClass().getSimpleName() : e.errorType();
        }
        String simple = error.getClass().getSimpleName();
        return simple.isEmpty() ? error.getClass().getName() : simple;
    }
}
