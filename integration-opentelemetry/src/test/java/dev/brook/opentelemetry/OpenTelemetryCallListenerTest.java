package dev.brook.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.brook.core.client.Brook;
import dev.brook.core.client.CallInfo;
import dev.brook.core.client.CallListener;
import dev.brook.core.error.ApiException;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.OverloadedException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.event.Message;
import dev.brook.core.event.StopReason;
import dev.brook.core.event.Usage;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.tck.ConformanceData;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.transport.jdk.JdkTransportProvider;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * The listener's own rules, called directly where no transport is needed: error types, the scope it opens
 * in callbacks, and that a failing OpenTelemetry never reaches Brook.
 */
@SuppressWarnings("try") // OpenTelemetry scopes are opened for their effect, never read
class OpenTelemetryCallListenerTest {
    private static final CallInfo CALL = new CallInfo(1, "claude-unit", true, 64, "jdk", "api.anthropic.com", 443);

    @Test
    void createRejectsNullNamingTheArgument() {
        assertThatNullPointerException().isThrownBy(() -> OpenTelemetryCallListener.create((OpenTelemetry) null))
                .withMessage("openTelemetry");
    }

    @Test
    void errorTypeIsTheApiErrorTypeTheStreamErrorTypeOrTheClassName() {
        assertThat(CallSpan.errorType(new OverloadedException(529, "overloaded_error", "Overloaded", "req_1", "{}", 3, true)))
                .isEqualTo("overloaded_error");
        assertThat(CallSpan.errorType(new ApiException(500, "", "", null, "<html>", 1, true)))
                .as("a body without an error type: the status").isEqualTo("500");
        assertThat(CallSpan.errorType(new StreamErrorException("api_error", "boom", null))).isEqualTo("api_error");
        assertThat(CallSpan.errorType(new BrookException("plain"))).isEqualTo("dev.brook.core.error.BrookException");
        assertThat(CallSpan.errorType(new CancellationException())).isEqualTo("java.util.concurrent.CancellationException");
    }

    @Test
    void callbackScopeMakesTheCallersContextCurrentAndRestoresTheThreadsOwn() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
            OpenTelemetry otel = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
            Span callerSpan = otel.getTracer("test").spanBuilder("caller").startSpan();
            CallListener listener;
            try (Scope ignored = callerSpan.makeCurrent()) {
                listener = OpenTelemetryCallListener.create(otel).create(CALL);
                listener.callStart(CALL);
                assertThat(listener.callbackScope(CALL)).as("already current on the caller's thread")
                        .isSameAs(CallListener.Scope.NONE);
            }
            Span other = otel.getTracer("test").spanBuilder("other work of this thread").startSpan();
            try (Scope ignored = other.makeCurrent()) {
                try (CallListener.Scope scope = listener.callbackScope(CALL)) {
                    assertThat(Span.current()).as("the caller's span, not the call span").isSameAs(callerSpan);
                }
                assertThat(Span.current()).isSameAs(other);
            }
            listener.callEnd(CALL);
            other.end();
            callerSpan.end();
        }
    }

    @Test
    void aFailingPropagatorOrSpanProcessorNeverReachesBrook() {
        TextMapPropagator throwing = new TextMapPropagator() {
            @Override
            public Collection<String> fields() {
                return List.of("traceparent");
            }

            @Override
            public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
                throw new IllegalStateException("propagator broke");
            }

            @Override
            public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
                return context;
            }
        };
        SpanProcessor broken = new SpanProcessor() {
            @Override
            public void onStart(Context parentContext, ReadWriteSpan span) {
                throw new IllegalStateException("processor broke on start");
            }

            @Override
            public boolean isStartRequired() {
                return true;
            }

            @Override
            public void onEnd(ReadableSpan span) {
                throw new IllegalStateException("processor broke on end");
            }

            @Override
            public boolean isEndRequired() {
                return true;
            }
        };
        try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(broken).build()) {
            OpenTelemetry otel = OpenTelemetrySdk.builder().setTracerProvider(provider)
                    .setPropagators(ContextPropagators.create(throwing)).build();
            CallListener listener = OpenTelemetryCallListener.create(otel).create(CALL);
            Message message = Message.builder().id("msg_1").model("claude-unit").stopReason(StopReason.END_TURN)
                    .usage(Usage.of(3, 4)).build();

            listener.callStart(CALL);
            assertThat(listener.requestHeaders(CALL)).isEmpty();
            listener.attemptStart(CALL, 1);
            listener.responseHeaders(CALL, 200, Optional.of("req_1"));
            listener.retryScheduled(CALL, new BrookException("retry"), Duration.ofMillis(5));
            listener.streamEnd(CALL, message);
            listener.callFailed(CALL, new IllegalStateException());
            listener.callEnd(CALL);
            listener.callbackScope(CALL).close();
        }
    }

    @Test
    void noopOpenTelemetryAddsNoHeadersAndTheCallGoesOn() {
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Transport transport = new JdkTransportProvider().create(TransportConfig.defaults());
                Brook brook = Brook.builder().apiKey(TracingSuite.API_KEY).baseUrl(server.baseUri().toString())
                        .transport(transport).maxRetries(0)
                        .addCallListener(OpenTelemetryCallListener.create(OpenTelemetry.noop())).build()) {
            server.enqueue(ScriptedResponse.sse(ConformanceData.read("fixtures/text-basic.sse")));
            assertThat(TracingSuite.Mode.SYNC.call(brook, TracingSuite.request()).text()).startsWith("Once upon a time");
            assertThat(server.requests().get(0).header("traceparent")).isEmpty();
        }
    }

    @Test
    void requestHeadersAreWhatThePropagatorWritesForTheCallSpan() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
            OpenTelemetry otel = OpenTelemetrySdk.builder().setTracerProvider(provider)
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
            CallListener listener = OpenTelemetryCallListener.create(otel).create(CALL);
            listener.callStart(CALL);
            Map<String, String> headers = listener.requestHeaders(CALL);
            listener.callEnd(CALL);

            SpanData span = exporter.getFinishedSpanItems().get(0);
            assertThat(headers).containsExactly(Map.entry("traceparent",
                    TracingSuite.traceparent(span)));
            assertThat(span.getName()).isEqualTo("chat claude-unit");
        }
    }
}
