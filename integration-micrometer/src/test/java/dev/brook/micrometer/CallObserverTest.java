package dev.brook.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.brook.core.client.CallInfo;
import dev.brook.core.client.CallListener;
import dev.brook.core.error.ApiException;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.OverloadedException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.Message;
import dev.brook.core.event.StopReason;
import dev.brook.core.event.Usage;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The listener on its own, without a client: error types, arguments, and a registry that throws. */
class CallObserverTest {
    private static final CallInfo CALL = new CallInfo(1, "claude-unit", true, 64, "jdk", "api.anthropic.com", 443);

    @Test
    void errorTypeIsTheApiTypeThenTheEventTypeThenTheSimpleClassName() {
        assertThat(CallObserver.errorType(new OverloadedException(529, "overloaded_error", "busy", null, "", 1, true)))
                .isEqualTo("overloaded_error");
        assertThat(CallObserver.errorType(new ApiException(418, "", "", null, "", 1, false))).isEqualTo("418");
        assertThat(CallObserver.errorType(new StreamErrorException("api_error", "boom", null))).isEqualTo("api_error");
        assertThat(CallObserver.errorType(new IncompleteStreamException("cut", null, null)))
                .isEqualTo("IncompleteStreamException");
        assertThat(CallObserver.errorType(new CancellationException())).isEqualTo("CancellationException");
        assertThat(CallObserver.errorType(new BrookException("x") { })).isEqualTo(CallObserverTest.class.getName() + "$1");
    }

    @Test
    void builderArgumentsAreCheckedByName() {
        assertThatNullPointerException().isThrownBy(() -> MicrometerCallListener.builder(null))
                .withMessage("meterRegistry");
        assertThatNullPointerException()
                .isThrownBy(() -> MicrometerCallListener.builder(new SimpleMeterRegistry()).observationRegistry(null))
                .withMessage("observationRegistry");
    }

    @Test
    void aThrowingRegistryNeitherEscapesACallbackNorKeepsTheObservationRunning() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        meters.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                throw new IllegalStateException("registry down");
            }
        });
        TestObservationRegistry observations = TestObservationRegistry.create();
        CallListener listener = MicrometerCallListener.builder(meters).observationRegistry(observations).build()
                .create(CALL);
        Message message = Message.builder().id("msg_unit").stopReason(StopReason.END_TURN).usage(Usage.of(3, 4)).build();

        assertThatCode(() -> {
            listener.callStart(CALL);
            listener.requestHeaders(CALL);
            listener.attemptStart(CALL, 1);
            listener.responseHeaders(CALL, 529, Optional.of("req_unit"));
            listener.retryScheduled(CALL, new OverloadedException(529, "overloaded_error", "", "req_unit", "", 1, true),
                    Duration.ofMillis(1));
            listener.firstToken(CALL, new ContentBlockDeltaEvent(0, new Delta.TextDelta("hi")));
            try (CallListener.Scope scope = listener.callbackScope(CALL)) {
                assertThat(observations.getCurrentObservation()).isNotNull();
            }
            listener.streamEnd(CALL, message);
            listener.callEnd(CALL);
        }).doesNotThrowAnyException();

        assertThat(meters.getMeters()).isEmpty();
        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat()
                .hasBeenStopped()
                .hasLowCardinalityKeyValue("outcome", "success");
        assertThat(listener.callbackScope(CALL)).as("no scope once stopped").isSameAs(CallListener.Scope.NONE);
    }
}
