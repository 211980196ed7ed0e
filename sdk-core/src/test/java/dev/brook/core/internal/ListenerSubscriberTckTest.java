package dev.brook.core.internal;

import dev.brook.core.client.StreamListener;
import dev.brook.core.event.PingEvent;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.transport.DaemonThreads;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK's subscriber rules against {@link ListenerSubscriber}, the subscriber that
 * feeds a {@link StreamListener} from a stream's events, with callbacks run inline. It asks for all its
 * demand in {@code onSubscribe}, so the TCK's "trigger a request" has nothing more to do. The elements
 * are pings, which a listener takes before {@code message_start} as the API may send them. Every
 * required rule runs; the 15 the TCK reports as skipped are its {@code untested_*} placeholders.
 */
public class ListenerSubscriberTckTest extends FlowSubscriberBlackboxVerification<StreamEvent> {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("tck-clock"));
    private final ExecutorService offTimer = Executors.newCachedThreadPool(new DaemonThreads("tck-off-timer"));

    public ListenerSubscriberTckTest() {
        super(new TestEnvironment(2_000, 200, 10));
    }

    @AfterClass
    public void stopThreads() {
        timer.shutdownNow();
        offTimer.shutdownNow();
    }

    /** Where callbacks run: inline here ({@code null}). */
    Executor callbackExecutor() {
        return null;
    }

    @Override
    public Flow.Subscriber<StreamEvent> createFlowSubscriber() {
        CallClock clock = new CallClock(timer, offTimer, URI.create("http://127.0.0.1/v1/messages"),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ZERO);
        AsyncStreamDriver driver = new AsyncStreamDriver(64 * 1024, clock, CallEvents.NONE);
        return new ListenerSubscriber(new StreamListener() { }, callbackExecutor(), driver, CallEvents.NONE);
    }

    @Override
    public StreamEvent createElement(int element) {
        return PingEvent.INSTANCE;
    }
}
