package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.json.JsonValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads one fixture's stream through a client and checks what the manifest says it gives: the final
 * message, the stream error with its snapshot, the incomplete stream with its snapshot, or the protocol
 * error, and the text. Shared by the fixture, async and backend suites, so that "the same outcome" means
 * the same checks everywhere.
 */
final class FixtureOutcomes {
    private FixtureOutcomes() {
    }

    /** Reads one fixture's stream through the sync client and checks the manifest's outcome and text. */
    static void sync(Brook brook, Fixture f) {
        StringBuilder text = new StringBuilder();
        Message finalMessage = null;
        Throwable failure;
        try (MessageStream stream = brook.messages().stream(Tck.request())) {
            failure = catchThrowable(() -> {
                for (StreamEvent event : stream) {
                    if (event instanceof ContentBlockDeltaEvent d && d.delta() instanceof Delta.TextDelta t) {
                        text.append(t.text());
                    }
                }
            });
            if (failure == null) {
                finalMessage = stream.finalMessage();
            }
        }
        switch (f.outcome()) {
            case COMPLETE:
                assertThat(failure).as("stream failure").isNull();
                assertThat(tree(finalMessage.toJson())).isEqualTo(f.expectedMessage());
                assertThat(text.toString()).isEqualTo(f.text());
                break;
            case STREAM_ERROR:
                assertThat(failure).isInstanceOf(StreamErrorException.class);
                assertThat(((StreamErrorException) failure).errorType()).isEqualTo(f.errorType());
                assertSnapshot((BrookException) failure, f);
                assertThat(text.toString()).isEqualTo(f.text());
                break;
            case INCOMPLETE:
                assertThat(failure).isInstanceOf(IncompleteStreamException.class);
                assertSnapshot((BrookException) failure, f);
                assertThat(text.toString()).isEqualTo(f.text());
                break;
            case PROTOCOL:
                assertThat(failure).isInstanceOf(StreamProtocolException.class);
                break;
            default:
                throw new AssertionError(f.outcome());
        }
    }

    private static void assertSnapshot(BrookException e, Fixture f) {
        assertThat(e.snapshot()).as("snapshot").isPresent();
        assertThat(tree(e.snapshot().get().toJson())).isEqualTo(f.expectedMessage());
    }

    /** Reads one fixture's stream through the async publisher, one event of demand at a time, and checks it. */
    static void publisher(Brook brook, Fixture f) throws Exception {
        StringBuilder text = new StringBuilder();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        AtomicInteger outstanding = new AtomicInteger();
        AsyncMessageStream stream = brook.messages().streamAsync(Tck.request());
        stream.events().subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                outstanding.set(1);
                s.request(1);
            }

            @Override
            public void onNext(StreamEvent event) {
                if (outstanding.decrementAndGet() < 0) {
                    outcome.complete(new AssertionError("an event arrived without demand"));
                }
                if (event instanceof ContentBlockDeltaEvent d && d.delta() instanceof Delta.TextDelta t) {
                    text.append(t.text());
                }
                outstanding.incrementAndGet();
                subscription.request(1);
            }

            @Override
            public void onError(Throwable t) {
                outcome.complete(t);
            }

            @Override
            public void onComplete() {
                outcome.complete("complete");
            }
        });
        Object signal = outcome.get(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (signal instanceof AssertionError e) {
            throw e;
        }
        Object future = futureOutcome(stream.finalMessage());
        assertOutcome(f, future, text.toString());
        if (future instanceof Message) {
            assertThat(signal).isEqualTo("complete");
        } else {
            assertThat(signal).isSameAs(future);
        }
    }

    /** The future's message, or the exception it failed with. */
    static Object futureOutcome(CompletableFuture<Message> future) throws Exception {
        try {
            return future.get(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }

    /** The manifest's outcome and text for {@code f}. */
    static void assertOutcome(Fixture f, Object outcome, String text) {
        switch (f.outcome()) {
            case COMPLETE:
                assertThat(outcome).isInstanceOf(Message.class);
                assertThat(tree(((Message) outcome).toJson())).isEqualTo(f.expectedMessage());
                assertThat(text).isEqualTo(f.text());
                break;
            case STREAM_ERROR:
                assertThat(outcome).isInstanceOf(StreamErrorException.class);
                assertThat(((StreamErrorException) outcome).errorType()).isEqualTo(f.errorType());
                assertThat(tree(((BrookException) outcome).snapshot().orElseThrow().toJson())).isEqualTo(f.expectedMessage());
                assertThat(text).isEqualTo(f.text());
                break;
            case INCOMPLETE:
                assertThat(outcome).isInstanceOf(IncompleteStreamException.class);
                assertThat(tree(((BrookException) outcome).snapshot().orElseThrow().toJson())).isEqualTo(f.expectedMessage());
                assertThat(text).isEqualTo(f.text());
                break;
            case PROTOCOL:
                assertThat(outcome).isInstanceOf(StreamProtocolException.class);
                break;
            default:
                throw new AssertionError(f.outcome());
        }
    }

    private static JsonValue tree(String json) {
        return JsonValue.parse(json);
    }
}
