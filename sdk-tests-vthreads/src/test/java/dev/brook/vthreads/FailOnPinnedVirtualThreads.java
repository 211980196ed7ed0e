package dev.brook.vthreads;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test class if any virtual thread was pinned to its carrier for
 * {@value PinnedEventRecorder#THRESHOLD_MILLIS} ms or more while its tests ran: a {@link
 * PinnedEventRecorder} is started before the first test and stopped after the last, and the failure
 * lists every pin with its stack. The whole JVM is recorded, so a pin in a transport's own threads or in
 * the fake server counts too (the server runs on platform threads, which never pin).
 *
 * <p>{@code PinnedEventRecorderTest} proves the recorder sees a real pin, so a class that passes here
 * passed a check that can fail.
 */
public final class FailOnPinnedVirtualThreads implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FailOnPinnedVirtualThreads.class);
    private static final String RECORDER = "recorder";

    /** Registered by {@code @ExtendWith}. */
    public FailOnPinnedVirtualThreads() {
    }

    /**
     * Starts recording pinned virtual threads for the class.
     *
     * @param context the test class's context, which keeps the recorder
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(RECORDER, PinnedEventRecorder.start());
    }

    /**
     * Stops recording, waits for the last events and fails the class if there were any.
     *
     * @param context the test class's context
     * @throws AssertionError listing every pinned event, with its stack
     */
    @Override
    public void afterAll(ExtensionContext context) {
        try (PinnedEventRecorder recorder = context.getStore(NAMESPACE).remove(RECORDER, PinnedEventRecorder.class)) {
            recorder.stop();
            if (!recorder.events().isEmpty()) {
                throw new AssertionError(recorder.events().size() + " virtual thread(s) pinned for "
                        + PinnedEventRecorder.THRESHOLD_MILLIS + " ms or more during "
                        + context.getDisplayName() + ":\n" + recorder.describe());
            }
        }
    }
}
