package dev.brook.core.transport;

import java.nio.ByteBuffer;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.SkipException;
import org.testng.annotations.Test;

/**
 * The TCK's publisher verification for a response body: one subscriber by design, so the optional
 * multi-subscriber rules are skipped, each with its reason, as are the rules the TCK has no test for.
 * Extend it and give the publisher under test.
 */
public abstract class OneSubscriberPublisherVerification extends FlowPublisherVerification<ByteBuffer> {

    /** @param env the TCK's timeouts; a test passes generous ones so that it holds on a busy machine */
    protected OneSubscriberPublisherVerification(TestEnvironment env) {
        super(env, env.defaultTimeoutMillis());
    }

    private static final String ONE_SUBSCRIBER = "a response body is read once: one subscriber by design,"
            + " which Rule 1.11 allows (a second one gets onSubscribe, then onError)";
    private static final String NO_TCK_TEST = "the TCK 1.0.4 has no test for this rule";

    @Test
    @Override
    public void optional_spec111_maySupportMultiSubscribe() {
        throw new SkipException(ONE_SUBSCRIBER);
    }

    @Test
    @Override
    public void optional_spec111_registeredSubscribersMustReceiveOnNextOrOnCompleteSignals() {
        throw new SkipException(ONE_SUBSCRIBER);
    }

    @Test
    @Override
    public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingOneByOne() {
        throw new SkipException(ONE_SUBSCRIBER);
    }

    @Test
    @Override
    public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfront() {
        throw new SkipException(ONE_SUBSCRIBER);
    }

    @Test
    @Override
    public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfrontAndCompleteAsExpected() {
        throw new SkipException(ONE_SUBSCRIBER);
    }

    @Test
    @Override
    public void untested_spec106_mustConsiderSubscriptionCancelledAfterOnErrorOrOnCompleteHasBeenCalled() {
        throw new SkipException(NO_TCK_TEST);
    }

    @Test
    @Override
    public void untested_spec107_mustNotEmitFurtherSignalsOnceOnErrorHasBeenSignalled() {
        throw new SkipException(NO_TCK_TEST);
    }

    @Test
    @Override
    public void untested_spec108_possiblyCanceledSubscriptionShouldNotReceiveOnErrorOrOnCompleteSignals() {
        throw new SkipException(NO_TCK_TEST);
    }

    @Test
    @Override
    public void untested_spec109_subscribeShouldNotThrowNonFatalThrowable() {
        throw new SkipException(NO_TCK_TEST);
    }

    @Test
    @Override
    public void untested_spec110_rejectASubscriptionRequestIfTheSameSubscriberSubscribesTwice() {
        throw new SkipException(NO_TCK_TEST);
    }

    @Test
    @Override
    public void untested_spec304_requestShouldNotPerformHeavyComputations() {
        throw new SkipException(NO_TCK_TEST);
    }

    @Test
    @Override
    public void untested_spec305_cancelMustNotSynchronouslyPerformHeavyComputation() {
        throw new SkipException(NO_TCK_TEST);
    }
}
