package dev.brook.vthreads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import org.junit.jupiter.api.Test;

/**
 * Proves the pinning check can fail: a virtual thread that really is pinned is recorded, with its stack,
 * and one that merely sleeps is not.
 *
 * <p>How to pin on purpose on every JDK from 21: since JDK 24 (JEP 491) blocking inside
 * {@code synchronized} no longer pins, but a virtual thread that blocks while running a class's static
 * initializer still does, because the VM's call into {@code <clinit>} is a native frame it cannot
 * unmount across. So the pinned thread sleeps {@value #SLEEP_MILLIS} ms in {@link SleepsInItsInitializer}'s
 * initializer: five times the threshold, and a busy machine only makes the pin longer, never shorter.
 * The class is initialized once per JVM, by this test only.
 */
class PinnedEventRecorderTest {
    /** How long the pinned thread blocks: well above the recorder's threshold. */
    static final long SLEEP_MILLIS = 5 * PinnedEventRecorder.THRESHOLD_MILLIS;

    /**
     * A pin of {@value #SLEEP_MILLIS} ms is recorded on the pinned virtual thread, with the initializer in
     * its stack; a virtual thread sleeping as long unpinned, just before, is not.
     *
     * @throws InterruptedException if the test is interrupted waiting for its threads
     */
    @Test
    void recordsAVirtualThreadPinnedInAClassInitializerButNotOneThatSleepsFreely() throws InterruptedException {
        try (PinnedEventRecorder recorder = PinnedEventRecorder.start()) {
            Thread free = Thread.ofVirtual().name("sleeps-unpinned").start(PinnedEventRecorderTest::sleep);
            free.join();
            Thread pinned = Thread.ofVirtual().name("sleeps-in-clinit").start(SleepsInItsInitializer::initialize);
            pinned.join();
            recorder.stop();

            List<RecordedEvent> events = recorder.events();
            assertThat(events).as("events from the thread that slept unpinned: %s", recorder.describe())
                    .noneMatch(e -> isOn(e, free));
            assertThat(events).as("events from the thread pinned in <clinit>: %s", recorder.describe())
                    .filteredOn(e -> isOn(e, pinned))
                    .isNotEmpty()
                    .allSatisfy(e -> {
                        assertThat(e.getDuration().toMillis()).isGreaterThanOrEqualTo(SLEEP_MILLIS);
                        assertThat(inInitializer(e.getStackTrace())).as("the stack names the initializer").isTrue();
                    });
            assertThat(recorder.describe()).contains("pinned ", "sleeps-in-clinit", "<clinit>");
        }
    }

    /** Whether JFR recorded {@code event} on {@code thread}. */
    private static boolean isOn(RecordedEvent event, Thread thread) {
        return event.getThread() != null && event.getThread().getJavaThreadId() == thread.threadId();
    }

    /** Whether a frame of {@code stack} is {@link SleepsInItsInitializer}'s static initializer. */
    private static boolean inInitializer(RecordedStackTrace stack) {
        return stack != null && stack.getFrames().stream().anyMatch(f -> f.getMethod().getName().equals("<clinit>")
                && Objects.equals(f.getMethod().getType().getName(), SleepsInItsInitializer.class.getName()));
    }

    /** Blocks the calling thread for {@value #SLEEP_MILLIS} ms. */
    private static void sleep() {
        try {
            Thread.sleep(SLEEP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A class whose static initializer blocks, pinning the virtual thread that initializes it. */
    static final class SleepsInItsInitializer {
        static {
            sleep();
        }

        private SleepsInItsInitializer() {
        }

        /** Does nothing; calling it runs the initializer, once per JVM. */
        static void initialize() {
        }
    }
}
