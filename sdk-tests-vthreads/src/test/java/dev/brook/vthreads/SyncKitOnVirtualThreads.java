package dev.brook.vthreads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.tck.CancellationSuite;
import dev.brook.tck.ErrorStatusSuite;
import dev.brook.tck.FaultSuite;
import dev.brook.tck.FixtureSuite;
import dev.brook.tck.RequestHeaderSuite;
import dev.brook.tck.SseCaseSuite;
import dev.brook.tck.TimeoutSuite;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance kit's suites about the blocking API ({@code brook.messages().stream(...)}: SSE cases,
 * fixtures, error statuses, faults, cancellation, timeouts, request headers) plus
 * {@link ThousandSyncStreamsSuite}, every test body on its own virtual thread ({@link OnVirtualThreads}),
 * the class failing if a virtual thread was pinned meanwhile ({@link FailOnPinnedVirtualThreads}). Over
 * HTTP/1.1, the kit's default. Extend it once per transport with {@code newTransport()} and
 * {@code capabilities()}.
 *
 * <p>The async, Reactive Streams and async-stress suites are left out: their work runs on the
 * transports' and Brook's own threads, which a virtual caller does not change. A few tests of the
 * suites included also check the async form beside the sync one; they run here too.
 */
@ExtendWith({FailOnPinnedVirtualThreads.class, OnVirtualThreads.class})
public abstract class SyncKitOnVirtualThreads implements SseCaseSuite, FixtureSuite, ErrorStatusSuite, FaultSuite,
        CancellationSuite, TimeoutSuite, RequestHeaderSuite, ThousandSyncStreamsSuite {
    /** For subclasses, which supply the transport and its capabilities. */
    protected SyncKitOnVirtualThreads() {
    }

    /** The proof that test methods do run where this class says: on a virtual thread. */
    @Test
    void testMethodsRunOnAVirtualThread() {
        assertThat(Thread.currentThread().isVirtual()).as("%s", Thread.currentThread()).isTrue();
    }

    /**
     * The proof that the factories' dynamic tests (fixtures, SSE cases, statuses) run on a virtual
     * thread too, as the factory itself does.
     *
     * @return one dynamic test checking its own thread
     */
    @TestFactory
    Stream<DynamicTest> dynamicTestsRunOnAVirtualThread() {
        assertThat(Thread.currentThread().isVirtual()).as("the factory's thread").isTrue();
        return Stream.of(DynamicTest.dynamicTest("on a virtual thread",
                () -> assertThat(Thread.currentThread().isVirtual()).as("%s", Thread.currentThread()).isTrue()));
    }
}
