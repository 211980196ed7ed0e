package dev.brook.tck;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.SkipException;

/**
 * Turns the TCK's publisher rules into JUnit tests, one {@link DynamicTest} per rule of {@link
 * PublisherRule#ALL}, named after it. Each test makes a new verification with its own {@link
 * TestEnvironment}, calls its {@code setUp()}, runs the rule and closes what the rule opened, whatever
 * the outcome. A rule in the not-applicable table is reported as aborted with its reason and not run; a
 * {@link SkipException} from any other rule fails its test with the TCK's message, since a rule the kit
 * means to check must not pass by being skipped.
 */
final class PublisherRuleTests {
    /**
     * How long the TCK waits for a signal that should come. Generous, so that the rules hold on a machine
     * twice oversubscribed; it is waited out only when a rule fails.
     */
    static final long DEFAULT_TIMEOUT_MILLIS = 5_000;
    /**
     * How long the TCK watches for a signal that must not come. Short, because it is waited out on every
     * pass of the rules that check for silence.
     */
    static final long NO_SIGNALS_TIMEOUT_MILLIS = 100;
    /**
     * How long the TCK sleeps between looks for an expected error: waited out once per look, also on a
     * pass (its default, the whole default timeout, would add seconds to each spec309 rule).
     */
    static final long POLL_TIMEOUT_MILLIS = 10;
    /**
     * How long Rule 3.13 waits after a cancel before it checks, once, that the publisher let go of the
     * subscriber. The cancel is handled on the cancelling thread or within milliseconds on an I/O thread;
     * this is waited out on every pass.
     */
    static final long REFERENCE_GC_TIMEOUT_MILLIS = 500;

    /** Makes the verification for one rule, given the rule's environment and 3.13's wait. */
    @FunctionalInterface
    interface VerificationFactory {
        KitPublisherVerification<?> create(TestEnvironment env, long referenceGcMillis);
    }

    private PublisherRuleTests() {
    }

    /**
     * Every publisher rule as a test against the verifications {@code factory} makes.
     *
     * @param notApplicable the rules reported as aborted, with why, instead of run
     */
    static Stream<DynamicTest> of(VerificationFactory factory, NotApplicableRules notApplicable) {
        return PublisherRule.ALL.stream()
                .map(rule -> DynamicTest.dynamicTest(rule.name(), () -> run(rule, factory, notApplicable)));
    }

    private static void run(PublisherRule rule, VerificationFactory factory, NotApplicableRules notApplicable)
            throws Throwable {
        Optional<String> reason = notApplicable.reason(rule.name());
        if (reason.isPresent()) {
            Assumptions.abort("Not applicable: " + reason.get());
        }
        TestEnvironment env = new TestEnvironment(DEFAULT_TIMEOUT_MILLIS, NO_SIGNALS_TIMEOUT_MILLIS, POLL_TIMEOUT_MILLIS);
        try (KitPublisherVerification<?> verification = factory.create(env, REFERENCE_GC_TIMEOUT_MILLIS)) {
            verification.setUp();
            rule.body().run(verification);
        } catch (SkipException e) {
            Assertions.fail("The TCK skipped " + rule.name() + ", which the kit does not list as not applicable: "
                    + e.getMessage(), e);
        }
    }
}
