package dev.brook.vthreads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * {@link OnVirtualThreads} runs a test body on a virtual thread and hands back exactly what it returned
 * or threw, so JUnit sees an assertion failure as a failure, an assumption as a skip, and a factory's
 * dynamic tests as returned.
 */
class OnVirtualThreadsTest {
    /** The body runs on a new virtual thread named after the test, and its result comes back. */
    @Test
    void runsTheBodyOnAVirtualThreadNamedAfterTheTestAndReturnsItsResult() throws Throwable {
        Thread caller = Thread.currentThread();
        Thread ranOn = OnVirtualThreads.runOnVirtualThread(Thread::currentThread, "a test");
        assertThat(ranOn).isNotSameAs(caller);
        assertThat(ranOn.isVirtual()).isTrue();
        assertThat(ranOn.getName()).isEqualTo(OnVirtualThreads.THREAD_NAME_PREFIX + "a test");
        assertThat(ranOn.isAlive()).as("waited for").isFalse();
    }

    /** An assertion error reaches JUnit as the same instance: the test fails with its own message. */
    @Test
    void rethrowsAnAssertionErrorUnchanged() {
        AssertionError failure = new AssertionError("expected 1 but was 2");
        assertThat(catchThrowable(() -> OnVirtualThreads.runOnVirtualThread(() -> {
            throw failure;
        }, "fails"))).isSameAs(failure);
    }

    /** An assumption's abort reaches JUnit as the same instance, so the test is reported skipped. */
    @Test
    void rethrowsAnAssumptionsAbortUnchanged() {
        TestAbortedException skip = new TestAbortedException("not on this transport");
        assertThat(catchThrowable(() -> OnVirtualThreads.runOnVirtualThread(() -> {
            throw skip;
        }, "skips"))).isSameAs(skip);
    }

    /** A checked exception is neither wrapped nor replaced. */
    @Test
    void rethrowsACheckedExceptionUnchanged() {
        IOException io = new IOException("connection reset");
        assertThat(catchThrowable(() -> OnVirtualThreads.runOnVirtualThread(() -> {
            throw io;
        }, "throws"))).isSameAs(io);
    }
}
