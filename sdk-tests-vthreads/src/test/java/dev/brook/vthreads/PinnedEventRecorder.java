package dev.brook.vthreads;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingStream;

/**
 * Records, with JFR, every time a virtual thread blocked for {@value #THRESHOLD_MILLIS} ms or more while
 * pinned to its carrier ({@code jdk.VirtualThreadPinned}): the carrier could run no other virtual thread
 * meanwhile, which is what makes a library unfit for thread-per-request on virtual threads.
 *
 * <p>The threshold is JFR's own default for this event: shorter pins (a monitor held across a short
 * blocking read, say) cost little, and a lower threshold would make the check depend on the machine's
 * load. Events come with their stack traces, for a failure message that says where the pin was.
 *
 * <p>JFR delivers events asynchronously, in batches; {@link #stop()} waits until every event recorded so
 * far has been delivered, so read {@link #events()} only after it.
 */
final class PinnedEventRecorder implements AutoCloseable {
    /** The event JFR emits when a pinned virtual thread blocks. */
    static final String EVENT = "jdk.VirtualThreadPinned";
    /** The shortest pin recorded. */
    static final long THRESHOLD_MILLIS = 20;

    private final RecordingStream stream = new RecordingStream();
    private final List<RecordedEvent> events = new CopyOnWriteArrayList<>();

    private PinnedEventRecorder() {
        stream.enable(EVENT).withThreshold(Duration.ofMillis(THRESHOLD_MILLIS)).withStackTrace();
        stream.onEvent(EVENT, events::add);
    }

    /**
     * A recorder that records from now on.
     *
     * @return the started recorder; {@link #stop()} it, then read its events and close it
     */
    static PinnedEventRecorder start() {
        PinnedEventRecorder recorder = new PinnedEventRecorder();
        recorder.stream.startAsync();
        return recorder;
    }

    /**
     * Stops recording and returns once every event recorded until now has been handed to this recorder
     * ({@link RecordingStream#stop()}, JDK 20+, flushes and waits for the last batch).
     */
    void stop() {
        stream.stop();
    }

    /**
     * The pinned events seen; complete only after {@link #stop()}.
     *
     * @return the events in the order delivered, unmodifiable
     */
    List<RecordedEvent> events() {
        return List.copyOf(events);
    }

    /**
     * Every event seen, each with its thread, duration, reason (JDK 24+) and whole stack: what a failure
     * message needs to find the pin.
     *
     * @return one paragraph per event, or "none"
     */
    String describe() {
        if (events.isEmpty()) {
            return "none";
        }
        return events.stream().map(PinnedEventRecorder::describe).collect(Collectors.joining("\n"));
    }

    /** Closes the underlying stream (stopping it too, if {@link #stop()} was not called). */
    @Override
    public void close() {
        stream.close();
    }

    /** One event: thread, duration, what blocked, why pinned (when the JDK says), then every frame. */
    private static String describe(RecordedEvent event) {
        StringBuilder text = new StringBuilder("pinned ")
                .append(event.getDuration().toMillis()).append(" ms on ")
                .append(event.getThread() == null ? "?" : event.getThread().getJavaName());
        for (String field : List.of("blockingOperation", "pinnedReason")) { // JDK 24+ only
            if (event.hasField(field)) {
                text.append(", ").append(field).append(": ").append(String.valueOf((Object) event.getValue(field)));
            }
        }
        RecordedStackTrace stack = event.getStackTrace();
        if (stack != null) {
            for (RecordedFrame frame : stack.getFrames()) {
                text.append("\n    at ").append(frame.getMethod().getType().getName()).append('.')
                        .append(frame.getMethod().getName()).append(" line ").append(frame.getLineNumber());
            }
            if (stack.isTruncated()) {
                text.append("\n    ...");
            }
        }
        return text.toString();
    }
}
