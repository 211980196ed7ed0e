package dev.brook.tck;

import java.util.List;
import java.util.Objects;
import org.reactivestreams.tck.flow.support.PublisherVerificationRules;

/**
 * One rule of the Reactive Streams TCK's publisher verification: the TCK's name for it and the call
 * that runs it on a verification. {@link #ALL} lists every rule of TCK 1.0.4 explicitly, in the order of
 * {@link PublisherVerificationRules}, so that the kit runs each one as a test of its own, named as the
 * TCK names it, with no reflection and no TestNG runner in between.
 *
 * @param name the rule's method name in {@link PublisherVerificationRules}
 * @param body runs the rule on a verification that is set up and used by no other rule
 */
record PublisherRule(String name, Body body) {

    /** Every publisher rule of TCK 1.0.4, in the TCK's order. */
    static final List<PublisherRule> ALL = List.of(
            rule("required_validate_maxElementsFromPublisher",
                    PublisherVerificationRules::required_validate_maxElementsFromPublisher),
            rule("required_validate_boundedDepthOfOnNextAndRequestRecursion",
                    PublisherVerificationRules::required_validate_boundedDepthOfOnNextAndRequestRecursion),
            rule("required_createPublisher1MustProduceAStreamOfExactly1Element",
                    PublisherVerificationRules::required_createPublisher1MustProduceAStreamOfExactly1Element),
            rule("required_createPublisher3MustProduceAStreamOfExactly3Elements",
                    PublisherVerificationRules::required_createPublisher3MustProduceAStreamOfExactly3Elements),
            rule("required_spec101_subscriptionRequestMustResultInTheCorrectNumberOfProducedElements",
                    PublisherVerificationRules::required_spec101_subscriptionRequestMustResultInTheCorrectNumberOfProducedElements),
            rule("required_spec102_maySignalLessThanRequestedAndTerminateSubscription",
                    PublisherVerificationRules::required_spec102_maySignalLessThanRequestedAndTerminateSubscription),
            rule("stochastic_spec103_mustSignalOnMethodsSequentially",
                    PublisherVerificationRules::stochastic_spec103_mustSignalOnMethodsSequentially),
            rule("optional_spec104_mustSignalOnErrorWhenFails",
                    PublisherVerificationRules::optional_spec104_mustSignalOnErrorWhenFails),
            rule("required_spec105_mustSignalOnCompleteWhenFiniteStreamTerminates",
                    PublisherVerificationRules::required_spec105_mustSignalOnCompleteWhenFiniteStreamTerminates),
            rule("optional_spec105_emptyStreamMustTerminateBySignallingOnComplete",
                    PublisherVerificationRules::optional_spec105_emptyStreamMustTerminateBySignallingOnComplete),
            rule("untested_spec106_mustConsiderSubscriptionCancelledAfterOnErrorOrOnCompleteHasBeenCalled",
                    PublisherVerificationRules::untested_spec106_mustConsiderSubscriptionCancelledAfterOnErrorOrOnCompleteHasBeenCalled),
            rule("required_spec107_mustNotEmitFurtherSignalsOnceOnCompleteHasBeenSignalled",
                    PublisherVerificationRules::required_spec107_mustNotEmitFurtherSignalsOnceOnCompleteHasBeenSignalled),
            rule("untested_spec107_mustNotEmitFurtherSignalsOnceOnErrorHasBeenSignalled",
                    PublisherVerificationRules::untested_spec107_mustNotEmitFurtherSignalsOnceOnErrorHasBeenSignalled),
            rule("untested_spec108_possiblyCanceledSubscriptionShouldNotReceiveOnErrorOrOnCompleteSignals",
                    PublisherVerificationRules::untested_spec108_possiblyCanceledSubscriptionShouldNotReceiveOnErrorOrOnCompleteSignals),
            rule("required_spec109_mustIssueOnSubscribeForNonNullSubscriber",
                    PublisherVerificationRules::required_spec109_mustIssueOnSubscribeForNonNullSubscriber),
            rule("untested_spec109_subscribeShouldNotThrowNonFatalThrowable",
                    PublisherVerificationRules::untested_spec109_subscribeShouldNotThrowNonFatalThrowable),
            rule("required_spec109_subscribeThrowNPEOnNullSubscriber",
                    PublisherVerificationRules::required_spec109_subscribeThrowNPEOnNullSubscriber),
            rule("required_spec109_mayRejectCallsToSubscribeIfPublisherIsUnableOrUnwillingToServeThemRejectionMustTriggerOnErrorAfterOnSubscribe",
                    PublisherVerificationRules::required_spec109_mayRejectCallsToSubscribeIfPublisherIsUnableOrUnwillingToServeThemRejectionMustTriggerOnErrorAfterOnSubscribe),
            rule("untested_spec110_rejectASubscriptionRequestIfTheSameSubscriberSubscribesTwice",
                    PublisherVerificationRules::untested_spec110_rejectASubscriptionRequestIfTheSameSubscriberSubscribesTwice),
            rule("optional_spec111_maySupportMultiSubscribe",
                    PublisherVerificationRules::optional_spec111_maySupportMultiSubscribe),
            rule("optional_spec111_registeredSubscribersMustReceiveOnNextOrOnCompleteSignals",
                    PublisherVerificationRules::optional_spec111_registeredSubscribersMustReceiveOnNextOrOnCompleteSignals),
            rule("optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingOneByOne",
                    PublisherVerificationRules::optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingOneByOne),
            rule("optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfront",
                    PublisherVerificationRules::optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfront),
            rule("optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfrontAndCompleteAsExpected",
                    PublisherVerificationRules::optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfrontAndCompleteAsExpected),
            rule("required_spec302_mustAllowSynchronousRequestCallsFromOnNextAndOnSubscribe",
                    PublisherVerificationRules::required_spec302_mustAllowSynchronousRequestCallsFromOnNextAndOnSubscribe),
            rule("required_spec303_mustNotAllowUnboundedRecursion",
                    PublisherVerificationRules::required_spec303_mustNotAllowUnboundedRecursion),
            rule("untested_spec304_requestShouldNotPerformHeavyComputations",
                    PublisherVerificationRules::untested_spec304_requestShouldNotPerformHeavyComputations),
            rule("untested_spec305_cancelMustNotSynchronouslyPerformHeavyComputation",
                    PublisherVerificationRules::untested_spec305_cancelMustNotSynchronouslyPerformHeavyComputation),
            rule("required_spec306_afterSubscriptionIsCancelledRequestMustBeNops",
                    PublisherVerificationRules::required_spec306_afterSubscriptionIsCancelledRequestMustBeNops),
            rule("required_spec307_afterSubscriptionIsCancelledAdditionalCancelationsMustBeNops",
                    PublisherVerificationRules::required_spec307_afterSubscriptionIsCancelledAdditionalCancelationsMustBeNops),
            rule("required_spec309_requestZeroMustSignalIllegalArgumentException",
                    PublisherVerificationRules::required_spec309_requestZeroMustSignalIllegalArgumentException),
            rule("required_spec309_requestNegativeNumberMustSignalIllegalArgumentException",
                    PublisherVerificationRules::required_spec309_requestNegativeNumberMustSignalIllegalArgumentException),
            rule("optional_spec309_requestNegativeNumberMaySignalIllegalArgumentExceptionWithSpecificMessage",
                    PublisherVerificationRules::optional_spec309_requestNegativeNumberMaySignalIllegalArgumentExceptionWithSpecificMessage),
            rule("required_spec312_cancelMustMakeThePublisherToEventuallyStopSignaling",
                    PublisherVerificationRules::required_spec312_cancelMustMakeThePublisherToEventuallyStopSignaling),
            rule("required_spec313_cancelMustMakeThePublisherEventuallyDropAllReferencesToTheSubscriber",
                    PublisherVerificationRules::required_spec313_cancelMustMakeThePublisherEventuallyDropAllReferencesToTheSubscriber),
            rule("required_spec317_mustSupportAPendingElementCountUpToLongMaxValue",
                    PublisherVerificationRules::required_spec317_mustSupportAPendingElementCountUpToLongMaxValue),
            rule("required_spec317_mustSupportACumulativePendingElementCountUpToLongMaxValue",
                    PublisherVerificationRules::required_spec317_mustSupportACumulativePendingElementCountUpToLongMaxValue),
            rule("required_spec317_mustNotSignalOnErrorWhenPendingAboveLongMaxValue",
                    PublisherVerificationRules::required_spec317_mustNotSignalOnErrorWhenPendingAboveLongMaxValue));

    /** Runs one rule: a method reference to it on {@link PublisherVerificationRules}. */
    @FunctionalInterface
    interface Body {
        /**
         * Runs the rule on {@code verification}.
         *
         * @throws Throwable what the rule throws: an {@link AssertionError} when the publisher breaks it,
         *     {@code org.testng.SkipException} when the TCK cannot run it against this publisher
         */
        void run(PublisherVerificationRules verification) throws Throwable;
    }

    PublisherRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
    }

    private static PublisherRule rule(String name, Body body) {
        return new PublisherRule(name, body);
    }
}
