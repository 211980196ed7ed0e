package dev.brook.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.StreamListener;
import dev.brook.core.error.BadRequestException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.observation.transport.SenderContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With an {@link ObservationRegistry}, each call is one observation, started at the call's start and
 * stopped at its end, with the conventions' key values, a first-token event and the failure as its error.
 */
class ObservationTest extends LoopbackTest {
    private static final String NAME = "gen_ai.client.operation";

    private final Recorder recorder = new Recorder();

    @BeforeEach
    void record() {
        observations.observationConfig().observationHandler(recorder);
    }

    @Test
    void streamIsOneStartedAndStoppedObservationWithTheConventionsKeyValues() {
        server.enqueue(head().chunk(TAIL).build());
        try (MessageStream stream = build(observedClient()).messages().stream(request())) {
            stream.finalMessage();
        }

        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat()
                .hasNameEqualTo(NAME)
                .hasContextualNameEqualTo("chat " + MODEL)
                .hasBeenStarted()
                .hasBeenStopped()
                .doesNotHaveError()
                .doesNotHaveParentObservation()
                .hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
                .hasLowCardinalityKeyValue("gen_ai.provider.name", "anthropic")
                .hasLowCardinalityKeyValue("gen_ai.request.model", MODEL)
                .hasLowCardinalityKeyValue("server.address", server.baseUri().getHost())
                .hasLowCardinalityKeyValue("server.port", Integer.toString(server.port()))
                .hasLowCardinalityKeyValue("brook.transport", "jdk")
                .hasLowCardinalityKeyValue("outcome", "success")
                .hasLowCardinalityKeyValue("error.type", "none")
                .hasLowCardinalityKeyValue("gen_ai.response.finish_reasons", "end_turn")
                .hasHighCardinalityKeyValue("brook.request.id", "req_mm_1")
                .hasHighCardinalityKeyValue("gen_ai.response.id", "msg_mm_1")
                .hasHighCardinalityKeyValue("gen_ai.response.model", "claude-served")
                .hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "11")
                .hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "5")
                .hasHighCardinalityKeyValue("gen_ai.request.max_tokens", "256")
                .hasHighCardinalityKeyValue("gen_ai.request.stream", "true")
                .hasHighCardinalityKeyValueWithKey("gen_ai.response.time_to_first_chunk")
                .doesNotHaveLowCardinalityKeyValueWithKey("brook.request.id")
                .doesNotHaveLowCardinalityKeyValueWithKey("gen_ai.response.id")
                .doesNotHaveLowCardinalityKeyValueWithKey("gen_ai.system");
        assertThat(recorder.signals).containsExactly("start", "event first_token", "stop");
    }

    @Test
    void errorStatusIsTheObservationsErrorWithItsType() {
        server.enqueue(ScriptedResponse.builder().status(400).header("content-type", "application/json")
                .body(errorBody("invalid_request_error")).build());
        Throwable thrown = catchThrowable(() -> build(observedClient()).messages().stream(request()));

        assertThat(thrown).isInstanceOf(BadRequestException.class);
        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat()
                .hasBeenStarted()
                .hasBeenStopped()
                .hasError(thrown)
                .hasLowCardinalityKeyValue("outcome", "error")
                .hasLowCardinalityKeyValue("error.type", "invalid_request_error")
                .hasLowCardinalityKeyValue("gen_ai.response.finish_reasons", "none");
        assertThat(recorder.signals).containsExactly("start", "error", "stop");
    }

    @Test
    void errorEventMidStreamIsTheObservationsErrorAfterTheFirstToken() {
        server.enqueue(head()
                .chunk("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}\n\n")
                .build());
        Throwable thrown = catchThrowable(() -> {
            try (MessageStream stream = build(observedClient()).messages().stream(request())) {
                stream.forEach(e -> { });
            }
        });

        assertThat(thrown).isInstanceOf(StreamErrorException.class);
        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat()
                .hasBeenStopped()
                .hasError(thrown)
                .hasLowCardinalityKeyValue("error.type", "overloaded_error")
                .hasHighCardinalityKeyValue("gen_ai.response.id", "msg_mm_1")
                .hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "11");
        assertThat(recorder.signals).containsExactly("start", "event first_token", "error", "stop");
    }

    @Test
    void retryIsAnEventOfTheOneObservation() {
        server.enqueue(ScriptedResponse.builder().status(529).header("content-type", "application/json")
                .header("retry-after-ms", "1").body(errorBody("overloaded_error")).build());
        server.enqueue(head().chunk(TAIL).build());
        try (MessageStream stream = build(observedClient().maxRetries(2)).messages().stream(request())) {
            stream.finalMessage();
        }

        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat()
                .hasBeenStopped()
                .doesNotHaveError()
                .hasLowCardinalityKeyValue("outcome", "success");
        assertThat(recorder.signals).containsExactly("start", "event retry", "event first_token", "stop");
    }

    @Test
    void eachCallIsItsOwnObservation() throws Exception {
        server.enqueue(head().chunk(TAIL).build());
        server.enqueue(head().chunk(TAIL).build());
        Brook brook = build(observedClient());
        try (MessageStream stream = brook.messages().stream(request())) {
            stream.finalMessage();
        }
        brook.messages().streamAsync(request(), new StreamListener() { }).finalMessage()
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        TestObservationRegistryAssert.assertThat(observations).hasNumberOfObservationsWithNameEqualTo(NAME, 2);
        assertThat(recorder.signals).containsExactly(
                "start", "event first_token", "stop", "start", "event first_token", "stop");
    }

    @Test
    void callersCurrentObservationIsTheParent() {
        server.enqueue(head().chunk(TAIL).build());
        Brook brook = build(observedClient());
        Observation caller = Observation.start("caller", observations);
        try (Observation.Scope scope = caller.openScope()) {
            try (MessageStream stream = brook.messages().stream(request())) {
                stream.finalMessage();
            }
        } finally {
            caller.stop();
        }

        TestObservationRegistryAssert.assertThat(observations).hasObservationWithNameEqualTo(NAME).that()
                .hasParentObservationEqualTo(caller)
                .hasBeenStopped();
    }

    @Test
    void headersAHandlerPutsInTheCarrierAreSentWithTheRequest() throws Exception {
        observations.observationConfig().observationHandler(new ObservationHandler<SenderContext<Object>>() {
            @Override
            public void onStart(SenderContext<Object> context) {
                context.getSetter().set(context.getCarrier(), "traceparent",
                        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return context instanceof SenderContext;
            }
        });
        server.enqueue(head().chunk(TAIL).build());
        try (MessageStream stream = build(observedClient()).messages().stream(request())) {
            stream.finalMessage();
        }

        RecordedRequest sent = server.takeRequest(WAIT).orElseThrow();
        assertThat(sent.header("traceparent")).contains("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    @Test
    void asyncCallbacksRunWithTheObservationInScope() throws Exception {
        server.enqueue(head().chunk(TAIL).build());
        CompletableFuture<String> seen = new CompletableFuture<>();
        build(observedClient()).messages().streamAsync(request(), new StreamListener() {
            @Override
            public void onText(String delta, CharSequence textSoFar) {
                Observation current = observations.getCurrentObservation();
                seen.complete(current == null ? "none" : current.getContextView().getName());
            }
        }).finalMessage().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(seen.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(NAME);
        assertThat(observations.getCurrentObservation()).as("nothing left in scope on the caller's thread").isNull();
        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat().hasBeenStopped();
    }

    @Test
    void meterObservationHandlerMakesNoSecondMeterOfTheDurationsName() {
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        server.enqueue(head().chunk(TAIL).build());
        try (MessageStream stream = build(observedClient()).messages().stream(request())) {
            stream.finalMessage();
        }

        assertThat(duration().count()).as("the direct timer, alone under its name").isEqualTo(1);
        assertThat(tags(duration())).noneMatch(tag -> tag.startsWith("error="));
        assertThat(meters.get(NAME).timer().count()).as("the handler's timer, under the observation's name").isEqualTo(1);
        assertThat(meters.get(NAME + ".active").longTaskTimer().activeTasks()).isZero();
        assertThat(meters.get(NAME + ".first_token").counter().count()).isEqualTo(1);
    }

    @Test
    void withoutAnObservationRegistryOnlyTheMetersAreRecorded() {
        server.enqueue(head().chunk(TAIL).build());
        server.enqueue(head().chunk(TAIL).build());
        for (Brook brook : List.of(build(client()),
                build(client(MicrometerCallListener.builder(meters).observationRegistry(ObservationRegistry.NOOP).build())))) {
            try (MessageStream stream = brook.messages().stream(request())) {
                stream.finalMessage();
            }
        }

        TestObservationRegistryAssert.assertThat(observations).doesNotHaveAnyObservation();
        assertThat(duration().count()).isEqualTo(2);
    }

    /** The lifecycle signals of every observation, in order. */
    private static final class Recorder implements ObservationHandler<Observation.Context> {
        final List<String> signals = new CopyOnWriteArrayList<>();

        @Override
        public void onStart(Observation.Context context) {
            signals.add("start");
        }

        @Override
        public void onEvent(Observation.Event event, Observation.Context context) {
            signals.add("event " + event.getName());
        }

        @Override
        public void onError(Observation.Context context) {
            signals.add("error");
        }

        @Override
        public void onStop(Observation.Context context) {
            signals.add("stop");
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return NAME.equals(context.getName());
        }
    }
}
