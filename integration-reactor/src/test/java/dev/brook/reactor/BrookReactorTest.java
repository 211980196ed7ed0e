package dev.brook.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.core.client.MessageStream;
import dev.brook.core.error.BadRequestException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.tck.ConformanceData;
import dev.brook.tck.Fixture;
import dev.brook.testkit.ScriptedResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

class BrookReactorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    static Stream<Fixture> completeFixtures() {
        return ConformanceData.fixtures().stream().filter(f -> f.outcome() == Fixture.Outcome.COMPLETE);
    }

    @ParameterizedTest
    @MethodSource("completeFixtures")
    void eventsTextAndMessageEqualWhatTheSyncApiGives(Fixture fixture) {
        try (Fake fake = new Fake()) {
            fake.server.respondAlways(ScriptedResponse.sse(fixture.stream()));
            List<StreamEvent> syncEvents;
            List<String> syncText;
            Message syncMessage;
            try (MessageStream stream = fake.brook.messages().stream(Fake.REQUEST)) {
                syncEvents = stream.events().collect(Collectors.toList());
                syncMessage = stream.finalMessage();
            }
            try (MessageStream stream = fake.brook.messages().stream(Fake.REQUEST)) {
                syncText = stream.textStream().collect(Collectors.toList());
            }

            assertThat(fake.reactor.events(Fake.REQUEST).collectList().block(TIMEOUT)).isEqualTo(syncEvents);
            assertThat(fake.reactor.text(Fake.REQUEST).collectList().block(TIMEOUT)).isEqualTo(syncText);
            assertThat(fake.reactor.message(Fake.REQUEST).block(TIMEOUT)).isEqualTo(syncMessage);
        }
    }

    @Test
    void nothingIsSentBeforeSubscribeAndEachSubscriptionSendsOneRequest() throws Exception {
        try (Fake fake = new Fake()) {
            fake.server.respondAlways(ScriptedResponse.sse(Fake.HEAD + Fake.TAIL));
            Flux<String> text = fake.reactor.text(Fake.REQUEST);
            Flux<StreamEvent> events = fake.reactor.events(Fake.REQUEST);
            Mono<Message> message = fake.reactor.message(Fake.REQUEST);
            assertThat(fake.server.requestCount()).isZero();

            StepVerifier.create(text).expectNext("first").expectComplete()
                    .verify(TIMEOUT);
            StepVerifier.create(text).expectNext("first").expectComplete()
                    .verify(TIMEOUT);
            assertThat(fake.server.requestCount()).isEqualTo(2);
            assertThat(events.count().block(TIMEOUT)).isEqualTo(6);
            assertThat(message.block(TIMEOUT).text()).isEqualTo("first");
            assertThat(fake.server.requestCount()).isEqualTo(4);
        }
    }

    @Test
    void cancellingTheEventsAfterTheFirstClosesTheConnection() throws Exception {
        try (Fake fake = new Fake()) {
            fake.server.enqueue(Fake.stalledAfterHead());
            StepVerifier.create(fake.reactor.events(Fake.REQUEST), 1)
                    .assertNext(event -> assertThat(event.type()).isEqualTo("message_start"))
                    .thenCancel()
                    .verify(TIMEOUT);
            assertThat(fake.server.awaitOpenConnections(0, TIMEOUT)).as("connection closed").isTrue();
            assertThat(fake.server.totalConnections()).isEqualTo(1);
        }
    }

    @Test
    void takeOnTheTextClosesTheConnection() throws Exception {
        try (Fake fake = new Fake()) {
            fake.server.enqueue(Fake.stalledAfterHead());
            StepVerifier.create(fake.reactor.text(Fake.REQUEST).take(1)).expectNext("first").expectComplete()
                    .verify(TIMEOUT);
            assertThat(fake.server.awaitOpenConnections(0, TIMEOUT)).as("connection closed").isTrue();
        }
    }

    @Test
    void cancellingTheMessageMonoClosesTheConnection() throws Exception {
        try (Fake fake = new Fake()) {
            fake.server.enqueue(Fake.stalledAfterHead());
            StepVerifier.create(fake.reactor.message(Fake.REQUEST))
                    .then(() -> {
                        try {
                            assertThat(fake.server.takeRequest(TIMEOUT)).isPresent();
                            assertThat(fake.server.awaitOpenConnections(1, TIMEOUT)).isTrue();
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                    })
                    .thenCancel()
                    .verify(TIMEOUT);
            assertThat(fake.server.awaitOpenConnections(0, TIMEOUT)).as("connection closed").isTrue();
        }
    }

    @Test
    void streamErrorEventEndsTheFluxWithTheSnapshotSoFar() {
        try (Fake fake = new Fake()) {
            fake.server.respondAlways(ScriptedResponse.sse(ConformanceData.read("fixtures/error-overloaded.sse")));
            StepVerifier.create(fake.reactor.text(Fake.REQUEST))
                    .expectNext("Partial ans", "wer before the")
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(StreamErrorException.class);
                        StreamErrorException error = (StreamErrorException) e;
                        assertThat(error.errorType()).isEqualTo("overloaded_error");
                        assertThat(error.snapshot()).get().extracting(Message::text)
                                .isEqualTo("Partial answer before the");
                    })
                    .verify(TIMEOUT);
            assertThatThrownBy(() -> fake.reactor.message(Fake.REQUEST).block(TIMEOUT))
                    .isInstanceOf(StreamErrorException.class)
                    .satisfies(e -> assertThat(((StreamErrorException) e).snapshot()).get()
                            .extracting(Message::text).isEqualTo("Partial answer before the"));
        }
    }

    @Test
    void apiBadRequestEndsTheFluxAndTheMonoWithBadRequestException() {
        try (Fake fake = new Fake()) {
            fake.server.respondAlways(ScriptedResponse.json(400,
                    "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: too large\"}}"));
            StepVerifier.create(fake.reactor.events(Fake.REQUEST))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadRequestException.class)
                            .hasMessageContaining("max_tokens: too large"))
                    .verify(TIMEOUT);
            StepVerifier.create(fake.reactor.message(Fake.REQUEST))
                    .expectError(BadRequestException.class)
                    .verify(TIMEOUT);
        }
    }

    @Test
    void subscriberContextIsVisibleToOperatorsOnTheEvents() {
        try (Fake fake = new Fake()) {
            fake.server.respondAlways(ScriptedResponse.sse(Fake.HEAD + Fake.TAIL));
            Flux<String> tagged = Flux.deferContextual(context -> fake.reactor.text(Fake.REQUEST)
                    .map(delta -> context.get("user") + ":" + delta));
            StepVerifier.create(tagged.contextWrite(Context.of("user", "ada")))
                    .expectNext("ada:first")
                    .expectComplete()
                    .verify(TIMEOUT);

            // In the callbacks too: handle runs on the transport's thread, with the subscriber's Context.
            Flux<String> types = fake.reactor.events(Fake.REQUEST)
                    .<String>handle((event, sink) -> sink.next(sink.contextView().get("user") + ":" + event.type()))
                    .take(1);
            StepVerifier.create(types.contextWrite(Context.of("user", "grace")))
                    .expectNext("grace:message_start")
                    .expectComplete()
                    .verify(TIMEOUT);
        }
    }
}
