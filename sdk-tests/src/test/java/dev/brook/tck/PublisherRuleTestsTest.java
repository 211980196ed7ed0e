package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.SkipException;

/** How the kit turns TCK rules into tests: aborted when not applicable, failed when the TCK skips, always closed. */
class PublisherRuleTestsTest {

    /** A verification whose publishers the TCK skips, counting how often it was closed. */
    private static final class Skipping extends KitPublisherVerification<String> {
        private final AtomicInteger closed;

        Skipping(TestEnvironment env, long referenceGcMillis, AtomicInteger closed) {
            super(env, referenceGcMillis, KitProtocol.HTTP_1_1);
            this.closed = closed;
        }

        @Override
        public Flow.Publisher<String> createFlowPublisher(long elements) {
            throw new SkipException("cannot make " + elements);
        }

        @Override
        public Flow.Publisher<String> createFailedFlowPublisher() {
            return null;
        }

        @Override
        public void close() throws Exception {
            closed.incrementAndGet();
            super.close();
        }
    }

    private static DynamicTest test(List<DynamicTest> tests, String rule) {
        return tests.stream().filter(t -> t.getDisplayName().equals(rule)).findFirst().orElseThrow();
    }

    @Test
    void aSkipFromARuleTheKitMeansToCheckFailsItsTestAndTheVerificationIsClosed() {
        AtomicInteger closed = new AtomicInteger();
        List<DynamicTest> tests = PublisherRuleTests.of((env, gc) -> new Skipping(env, gc, closed),
                NotApplicableRules.forEveryResponseBody()).collect(Collectors.toList());
        assertThat(tests).hasSize(38);
        assertThatThrownBy(() -> test(tests, "required_createPublisher3MustProduceAStreamOfExactly3Elements")
                .getExecutable().execute())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("The TCK skipped required_createPublisher3MustProduceAStreamOfExactly3Elements, which the kit"
                        + " does not list as not applicable: cannot make 3");
        assertThat(closed).hasValue(1);
    }

    @Test
    void aRuleInTheTableIsAbortedWithItsReasonAndNeverRun() {
        AtomicInteger closed = new AtomicInteger();
        List<DynamicTest> tests = PublisherRuleTests.of((env, gc) -> new Skipping(env, gc, closed),
                NotApplicableRules.every("no such publisher here")).collect(Collectors.toList());
        assertThatThrownBy(() -> test(tests, "required_spec101_subscriptionRequestMustResultInTheCorrectNumberOfProducedElements")
                .getExecutable().execute())
                .isInstanceOf(TestAbortedException.class)
                .hasMessage("Not applicable: no such publisher here");
        assertThat(closed).as("no verification was made").hasValue(0);
    }
}
