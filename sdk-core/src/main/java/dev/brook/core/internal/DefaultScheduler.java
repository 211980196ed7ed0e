package dev.brook.core.internal;

import dev.brook.core.client.Brook;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The timer every client uses unless it was given one ({@code Brook.builder().scheduler(...)}): one
 * daemon thread for the whole JVM, created on first use. It only flips flags and hands work to other
 * executors, so one thread serves any number of calls.
 */
public final class DefaultScheduler {
    private DefaultScheduler() {
    }

    public static ScheduledExecutorService get() {
        return Holder.TIMER;
    }

    private static final class Holder {
        static final ScheduledExecutorService TIMER = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "brook-timer");
                t.setDaemon(true);
                return t;
            });
            // A cancelled task would otherwise stay queued until its deadline, holding its finished call:
            // heap would grow with call rate times the timeout.
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }
}
