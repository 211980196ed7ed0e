package dev.brook.tck;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The TCK publisher rules the kit does not run against one kind of publisher, each with the reason. A rule
 * listed here is reported as aborted (skipped, with the reason shown), never run; a rule that is not
 * listed must pass, so a {@code SkipException} from the TCK fails it. Immutable.
 */
final class NotApplicableRules {
    /** Why a response body (and the events decoded from it) takes one subscriber. */
    static final String ONE_SUBSCRIBER = "one subscriber by design: a response body, and the events decoded from it,"
            + " can be read once; Rule 1.11 lets a publisher take one subscriber (a second one gets onSubscribe, then"
            + " onError: SecondSubscriber), and these optional rules test publishers that take several";
    /** Why the TCK's placeholders are not run. */
    static final String NO_TCK_TEST = "the TCK 1.0.4 has no test for this rule: its method only throws"
            + " SkipException(\"Not verified by this TCK.\")";

    private static final Set<String> KNOWN = PublisherRule.ALL.stream().map(PublisherRule::name)
            .collect(Collectors.toUnmodifiableSet());

    private final Map<String, String> reasons;

    private NotApplicableRules(Map<String, String> reasons) {
        this.reasons = Map.copyOf(reasons);
    }

    /**
     * What applies to no response body: the five multi-subscriber rules ({@code optional_spec111_*}) and
     * the seven {@code untested_*} placeholders.
     */
    static NotApplicableRules forEveryResponseBody() {
        return new NotApplicableRules(Map.of())
                .with(ONE_SUBSCRIBER,
                        "optional_spec111_maySupportMultiSubscribe",
                        "optional_spec111_registeredSubscribersMustReceiveOnNextOrOnCompleteSignals",
                        "optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingOneByOne",
                        "optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfront",
                        "optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfrontAndCompleteAsExpected")
                .with(NO_TCK_TEST,
                        "untested_spec106_mustConsiderSubscriptionCancelledAfterOnErrorOrOnCompleteHasBeenCalled",
                        "untested_spec107_mustNotEmitFurtherSignalsOnceOnErrorHasBeenSignalled",
                        "untested_spec108_possiblyCanceledSubscriptionShouldNotReceiveOnErrorOrOnCompleteSignals",
                        "untested_spec109_subscribeShouldNotThrowNonFatalThrowable",
                        "untested_spec110_rejectASubscriptionRequestIfTheSameSubscriberSubscribesTwice",
                        "untested_spec304_requestShouldNotPerformHeavyComputations",
                        "untested_spec305_cancelMustNotSynchronouslyPerformHeavyComputation");
    }

    /** Every rule, not applicable for {@code reason}: for a publisher that does not exist here at all. */
    static NotApplicableRules every(String reason) {
        return new NotApplicableRules(Map.of()).with(reason,
                PublisherRule.ALL.stream().map(PublisherRule::name).toArray(String[]::new));
    }

    /**
     * These rules and {@code rules}, not applicable for {@code reason}.
     *
     * @throws IllegalArgumentException if a name is not a rule of {@link PublisherRule#ALL} or is already
     *     listed: a typo must not make a rule run that was meant to be left out, or the other way round
     */
    NotApplicableRules with(String reason, String... rules) {
        Map<String, String> more = new LinkedHashMap<>(reasons);
        for (String rule : rules) {
            if (!KNOWN.contains(rule)) {
                throw new IllegalArgumentException("Not a TCK publisher rule: " + rule);
            }
            if (more.putIfAbsent(rule, reason) != null) {
                throw new IllegalArgumentException("Listed twice: " + rule);
            }
        }
        return new NotApplicableRules(more);
    }

    /** Why {@code rule} does not apply; empty when it must pass. */
    Optional<String> reason(String rule) {
        return Optional.ofNullable(reasons.get(rule));
    }

    /** The rules listed, with their reasons. */
    Map<String, String> asMap() {
        return reasons;
    }
}
