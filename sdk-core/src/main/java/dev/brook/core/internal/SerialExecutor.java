package dev.brook.core.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in submission order, on a delegate executor. A task that throws is logged
 * and the next still runs, so a terminal callback queued behind a failing one is never lost.
 */
public final class SerialExecutor implements Executor {
    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

    private final Executor delegate;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            delegate.execute(this::runAll);
        } catch (RuntimeException e) {
            synchronized (this) {
                running = false;
            }
            throw e;
        }
    }

    private void runAll() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, "A stream callback task threw", e);
            }
        }
    }
}
