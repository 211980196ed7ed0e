package dev.brook.core.internal;

import dev.brook.core.transport.DaemonThreads;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.testng.annotations.AfterClass;

/**
 * The subscriber rules against {@link ListenerSubscriber} with callbacks on an executor (the client's
 * {@code callbackExecutor}): then it asks for one event at a time, each once the last one's callbacks
 * ran, and must still refuse nulls and a second subscription at once, on the publisher's thread.
 */
public class OffloadedListenerSubscriberTckTest extends ListenerSubscriberTckTest {
    private final ExecutorService callbacks = Executors.newCachedThreadPool(new DaemonThreads("tck-callbacks"));

    @AfterClass
    public void stopCallbacks() {
        callbacks.shutdownNow();
    }

    @Override
    Executor callbackExecutor() {
        return callbacks;
    }
}
