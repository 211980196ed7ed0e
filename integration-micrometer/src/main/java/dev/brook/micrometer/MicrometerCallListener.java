package dev.brook.micrometer;

import dev.brook.core.client.CallInfo;
import dev.brook.core.client.CallListener;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * Records every Messages call of a {@code Brook} client on Micrometer: the OpenTelemetry GenAI client
 * metrics, Brook's retries and open streams, and, when given an {@link ObservationRegistry}, one
 * {@link io.micrometer.observation.Observation} per call. Install it as a call listener factory:
 *
 * <pre>{@code
 * MicrometerCallListener listener = MicrometerCallListener.builder(meterRegistry)
 *         .observationRegistry(observationRegistry) // optional: tracing and observation handlers
 *         .build();
 * Brook brook = Brook.builder().addCallListener(listener).build();
 * }</pre>
 *
 * <p><b>Meters</b>, always recorded on the {@link MeterRegistry}. Names and tags follow the OpenTelemetry
 * GenAI semantic conventions (client metrics, {@code gen_ai.provider.name} {@code anthropic}) where they
 * define one; the Brook-specific ones start with {@code brook.}.
 * <table class="striped">
 * <caption>Meters</caption>
 * <thead><tr><th>Name</th><th>Type, unit</th><th>What</th><th>Tags beyond the common ones</th></tr></thead>
 * <tbody>
 * <tr><td>{@code gen_ai.client.operation.duration}</td><td>timer, seconds</td><td>each call, from its
 *     start to its end (retries included)</td><td>{@code outcome}, {@code error.type},
 *     {@code gen_ai.response.finish_reasons}</td></tr>
 * <tr><td>{@code gen_ai.client.operation.time_to_first_chunk}</td><td>timer, seconds</td><td>streams
 *     only: from the call's start to the first content delta (text, thinking or tool input)</td>
 *     <td></td></tr>
 * <tr><td>{@code gen_ai.client.token.usage}</td><td>distribution summary, tokens</td><td>the reply's usage,
 *     once per call and token type, from the final message, or from the message so far when a stream
 *     fails after it started</td><td>{@code gen_ai.token.type}: {@code input} or {@code output}</td></tr>
 * <tr><td>{@code brook.client.retries}</td><td>counter</td><td>each retry Brook schedules</td>
 *     <td>{@code error.type} of the attempt that is retried</td></tr>
 * <tr><td>{@code brook.client.active_streams}</td><td>long task timer</td><td>the streaming calls under
 *     way, from their start to their end (its active count is the number open now)</td><td></td></tr>
 * </tbody>
 * </table>
 *
 * <p>The common tags, on every meter: {@code gen_ai.operation.name} ({@code chat}),
 * {@code gen_ai.provider.name} ({@code anthropic}), {@code gen_ai.request.model} (as sent),
 * {@code server.address}, {@code server.port} and {@code brook.transport} (such as {@code jdk}). The
 * deprecated {@code gen_ai.system} is not written: the conventions replaced it by
 * {@code gen_ai.provider.name}. Per call the duration adds {@code outcome} ({@code success},
 * {@code error} or {@code cancelled}), {@code gen_ai.response.finish_reasons} (the stop reason, such as
 * {@code end_turn}; {@code none} when the call failed) and {@code error.type}: the API's error type for an
 * error status ({@code overloaded_error}; the status code when the body had none), the error event's type
 * for a stream that the server ended with an error, else the exception's simple class name
 * ({@code IncompleteStreamException}, {@code StreamTimeoutException}, {@code CancellationException}), and
 * {@code none} on success, so every series of a meter has the same tag keys as Prometheus requires. No tag
 * holds a request id, a message id or anything secret.
 *
 * <p>Input tokens are counted as the conventions define them for Anthropic: {@code input_tokens} plus
 * {@code cache_creation_input_tokens} plus {@code cache_read_input_tokens}. No histogram buckets or
 * percentiles are set: configure them with a {@link io.micrometer.core.instrument.config.MeterFilter}
 * (the conventions advise buckets of 0.01 s to 81.92 s doubling, and 1 to 67,108,864 tokens by fours).
 *
 * <p><b>Observation.</b> With an {@link ObservationRegistry} (not the no-op one) each call is also one
 * observation named {@code gen_ai.client.operation}, contextual name {@code chat {model}}, of a
 * {@link io.micrometer.observation.transport.RequestReplySenderContext} of kind {@code CLIENT} whose
 * carrier becomes the call's request headers (so a tracing handler can add {@code traceparent}). It
 * starts at the call's start on the caller's thread (so the caller's current observation is its parent)
 * and stops at the call's end. Its low-cardinality key values are the common tags above and, from its
 * end, {@code outcome}, {@code error.type} and {@code gen_ai.response.finish_reasons}; its
 * high-cardinality ones are {@code gen_ai.request.max_tokens}, {@code gen_ai.request.stream},
 * {@code brook.request.id}, {@code gen_ai.response.id}, {@code gen_ai.response.model},
 * {@code gen_ai.usage.input_tokens}, {@code gen_ai.usage.output_tokens} and
 * {@code gen_ai.response.time_to_first_chunk} (seconds). It has an event {@code first_token} at the first
 * content delta and {@code retry} at each retry, and the failure as its error. The name is not
 * {@code gen_ai.client.operation.duration}, so a {@code DefaultMeterObservationHandler} on the same
 * registry makes meters of other names ({@code gen_ai.client.operation},
 * {@code gen_ai.client.operation.active}) rather than a second meter of the direct timer's name with other
 * tags. An async stream's callbacks run with the observation in scope until it stops. To rename or drop
 * the observation, use an {@link io.micrometer.observation.ObservationFilter} or
 * {@link io.micrometer.observation.ObservationPredicate}; to rename meters, a {@code MeterFilter}.
 *
 * <p>Immutable and thread-safe: one instance may serve any number of clients and concurrent calls. Its
 * callbacks never throw: what a registry or an observation handler throws is logged (at WARNING, by
 * {@link System.Logger}) and the rest of the call is still recorded.
 */
public final class MicrometerCallListener implements CallListener.Factory {
    final Clock clock;
    final Meter.MeterProvider<Timer> duration;
    final Meter.MeterProvider<Timer> timeToFirstChunk;
    final Meter.MeterProvider<DistributionSummary> tokenUsage;
    final Meter.MeterProvider<Counter> retries;
    final Meter.MeterProvider<LongTaskTimer> activeStreams;
    /** {@code null} when no observation is made. */
    final ObservationRegistry observationRegistry;

    private MicrometerCallListener(Builder b) {
        MeterRegistry registry = b.meterRegistry;
        this.clock = registry.config().clock();
        this.duration = Timer.builder(Names.DURATION)
                .description("GenAI operation duration: one Messages call from its start to its end")
                .withRegistry(registry);
        this.timeToFirstChunk = Timer.builder(Names.TIME_TO_FIRST_CHUNK)
                .description("Time from the start of a streaming Messages call to its first content delta")
                .withRegistry(registry);
        this.tokenUsage = DistributionSummary.builder(Names.TOKEN_USAGE)
                .description("Number of input and output tokens used")
                .baseUnit("tokens")
                .withRegistry(registry);
        this.retries = Counter.builder(Names.RETRIES)
                .description("Retries Brook scheduled after a failed attempt")
                .withRegistry(registry);
        this.activeStreams = LongTaskTimer.builder(Names.ACTIVE_STREAMS)
                .description("Streaming Messages calls under way")
                .withRegistry(registry);
        ObservationRegistry observations = b.observationRegistry;
        this.observationRegistry = observations == null || observations.isNoop() ? null : observations;
    }

    /**
     * A builder of a listener that records on {@code meterRegistry}.
     *
     * @param meterRegistry where the meters are registered and recorded
     * @return a new builder
     * @throws NullPointerException if {@code meterRegistry} is null
     */
    public static Builder builder(MeterRegistry meterRegistry) {
        return new Builder(Objects.requireNonNull(meterRegistry, "meterRegistry"));
    }

    /**
     * The listener of one call: records its meters and runs its observation. Called by Brook as each
     * Messages call starts.
     *
     * @param call the call that starts
     * @return a new listener for that call only
     */
    @Override
    public CallListener create(CallInfo call) {
        return new CallObserver(this, call);
    }

    @Override
    public String toString() {
        return "MicrometerCallListener[observations=" + (observationRegistry != null) + "]";
    }

    /**
     * Builds a {@link MicrometerCallListener}. Not thread-safe; the listener it builds is.
     */
    public static final class Builder {
        private final MeterRegistry meterRegistry;
        private ObservationRegistry observationRegistry;

        private Builder(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
        }

        /**
         * Also makes one observation per call on {@code observationRegistry}, for its handlers (tracing,
         * logging, meters of their own). Default: none, only the meters are recorded; so is
         * {@link ObservationRegistry#NOOP}.
         *
         * @param observationRegistry where the observations are made
         * @return this builder
         * @throws NullPointerException if {@code observationRegistry} is null
         */
        public Builder observationRegistry(ObservationRegistry observationRegistry) {
            this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
            return this;
        }

        /**
         * The listener, with the meters' builders made once, here, and reused for every call.
         *
         * @return an immutable, thread-safe listener factory
         */
        public MicrometerCallListener build() {
            return new MicrometerCallListener(this);
        }
    }
}
