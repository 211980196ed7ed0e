package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/** The gate between a publisher under test and the TCK's subscriber forwards everything as it is. */
class DeliveryGateTest {

    /** A publisher that keeps its subscriber, so the test can signal it by hand. */
    private static final class HandPublisher implements Flow.Publisher<String> {
        Flow.Subscriber<? super String> subscriber;

        @Override
        public void subscribe(Flow.Subscriber<? super String> s) {
            subscriber = Objects.requireNonNull(s, "subscriber from the publisher itself");
        }
    }

    private static final Flow.Subscription SUBSCRIPTION = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

    @Test
    void forwardsEverySignalUnchangedAndReleasesOnePermitAfterEachElement() {
        HandPublisher underTest = new HandPublisher();
        Semaphore permits = new Semaphore(0);
        List<Object> seen = new ArrayList<>();
        new DeliveryGate<>(underTest, permits).subscribe(new Flow.Subscriber<String>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                seen.add(s);
            }

            @Override
            public void onNext(String item) {
                seen.add(item + " with " + permits.availablePermits() + " permits");
            }

            @Override
            public void onError(Throwable t) {
                seen.add(t);
            }

            @Override
            public void onComplete() {
                seen.add("complete");
            }
        });
        underTest.subscriber.onSubscribe(SUBSCRIPTION);
        underTest.subscriber.onNext("a");
        underTest.subscriber.onNext("b");
        IllegalStateException error = new IllegalStateException("x");
        underTest.subscriber.onError(error);
        underTest.subscriber.onComplete();
        assertThat(seen).containsExactly(SUBSCRIPTION, "a with 0 permits", "b with 1 permits", error, "complete");
        assertThat(permits.availablePermits()).isEqualTo(2);
    }

    @Test
    void aNullSubscriberGoesStraightToThePublisherUnderTest() {
        assertThatThrownBy(() -> new DeliveryGate<>(new HandPublisher(), new Semaphore(0)).subscribe(null))
                .isInstanceOf(NullPointerException.class).hasMessage("subscriber from the publisher itself");
    }
}
