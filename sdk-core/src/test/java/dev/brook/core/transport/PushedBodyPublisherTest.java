package dev.brook.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** What a transport sees of the building block: when it is paused, resumed and aborted. */
class PushedBodyPublisherTest {

    /** Records what the publisher asks of the stack. */
    private static final class RecordingStack implements PushedBodyPublisher.Stack {
        final List<String> calls = new ArrayList<>();

        @Override
        public void pause() {
            calls.add("pause");
        }

        @Override
        public void resume() {
            calls.add("resume");
        }

        @Override
        public void abort() {
            calls.add("abort");
        }
    }

    /** Requests {@code initial}, then one more from inside each onNext while {@code keepUp}. */
    private static final class Subscriber implements Flow.Subscriber<ByteBuffer> {
        final List<Integer> sizes = new ArrayList<>();
        final long initial;
        final boolean keepUp;
        Flow.Subscription subscription;
        String end;

        Subscriber(long initial, boolean keepUp) {
            this.initial = initial;
            this.keepUp = keepUp;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        public void onNext(ByteBuffer item) {
            sizes.add(item.remaining());
            if (keepUp) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            end = "error: " + t.getMessage();
        }

        @Override
        public void onComplete() {
            end = "complete";
        }
    }

    private static ByteBuffer bytes(int n) {
        return ByteBuffer.wrap(new byte[n]);
    }

    @Test
    void aSubscriberThatKeepsUpNeverPausesTheStack() {
        RecordingStack stack = new RecordingStack();
        PushedBodyPublisher body = new PushedBodyPublisher(stack);
        Subscriber s = new Subscriber(1, true);
        body.subscribe(s);
        for (int i = 1; i <= 100; i++) {
            body.onBuffer(bytes(i));
        }
        body.onComplete();
        assertThat(s.sizes).hasSize(100);
        assertThat(s.end).isEqualTo("complete");
        assertThat(stack.calls).isEmpty();
    }

    @Test
    void aBufferWithNoDemandIsHeldAndPausesTheStackUntilDemandResumesIt() {
        RecordingStack stack = new RecordingStack();
        PushedBodyPublisher body = new PushedBodyPublisher(stack);
        Subscriber s = new Subscriber(1, false);
        body.subscribe(s);
        body.onBuffer(bytes(1));
        body.onBuffer(bytes(2)); // no demand left: held, and the stack is told to pause
        body.onBuffer(bytes(3)); // arrived before the pause took effect: held too
        assertThat(s.sizes).containsExactly(1);
        assertThat(stack.calls).containsExactly("pause");
        s.subscription.request(5);
        assertThat(s.sizes).containsExactly(1, 2, 3);
        assertThat(stack.calls).containsExactly("pause", "resume");
    }

    @Test
    void buffersBeforeTheSubscriberAreHeldAndTheEndWaitsForThem() {
        RecordingStack stack = new RecordingStack();
        PushedBodyPublisher body = new PushedBodyPublisher(stack);
        body.onBuffer(bytes(7));
        body.onComplete();
        assertThat(stack.calls).containsExactly("pause");
        Subscriber s = new Subscriber(0, false);
        body.subscribe(s);
        assertThat(s.end).as("completion waits for the held buffer").isNull();
        s.subscription.request(1);
        assertThat(s.sizes).containsExactly(7);
        assertThat(s.end).isEqualTo("complete");
    }

    @Test
    void cancelAbortsTheStackOnceAndSilencesTheRest() {
        RecordingStack stack = new RecordingStack();
        PushedBodyPublisher body = new PushedBodyPublisher(stack);
        Subscriber s = new Subscriber(10, false);
        body.subscribe(s);
        s.subscription.cancel();
        s.subscription.cancel();
        body.onBuffer(bytes(1));
        body.onError(new java.io.IOException("reset"));
        assertThat(stack.calls).containsExactly("abort");
        assertThat(s.sizes).isEmpty();
        assertThat(s.end).isNull();
    }

    @Test
    void closingTheResponseAbortsAndFailsAWaitingSubscriberButNotAFinishedBody() {
        RecordingStack stack = new RecordingStack();
        PushedBodyPublisher body = new PushedBodyPublisher(stack);
        Subscriber s = new Subscriber(10, false);
        body.subscribe(s);
        body.abort();
        assertThat(stack.calls).containsExactly("abort");
        assertThat(s.end).isEqualTo("error: the response was closed before its body ended");

        RecordingStack done = new RecordingStack();
        PushedBodyPublisher finished = new PushedBodyPublisher(done);
        Subscriber t = new Subscriber(10, false);
        finished.subscribe(t);
        finished.onComplete();
        finished.abort();
        assertThat(done.calls).as("a body read to its end keeps its connection").isEmpty();
        assertThat(t.end).isEqualTo("complete");
    }

    @Test
    void aSecondSubscriberIsRefusedWithOnError() {
        PushedBodyPublisher body = new PushedBodyPublisher(new RecordingStack());
        body.subscribe(new Subscriber(1, false));
        Subscriber second = new Subscriber(1, false);
        body.subscribe(second);
        assertThat(second.end).startsWith("error: This body already has a subscriber");
    }
}
