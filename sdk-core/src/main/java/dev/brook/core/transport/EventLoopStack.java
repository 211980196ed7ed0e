package dev.brook.core.transport;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * The {@link PushedBodyPublisher.Stack} of a stack whose reading may be paused and resumed only on its
 * own thread (an event loop: Vert.x, Netty and the like), while the publisher asks from any thread.
 *
 * <p>A call made on the loop applies at once; one made elsewhere hops onto the loop. A hop runs later
 * than the call that scheduled it, so a queued pause could otherwise undo a later resume made directly
 * on the loop: each run applies the latest wish instead of its own. Abort runs on the calling thread
 * (stacks' resets hop by themselves). A loop that refuses the task (the stack was shut down under the
 * stream) has no thread left to race with, so the wish is applied on the calling thread. Thread-safe.
 */
public final class EventLoopStack implements PushedBodyPublisher.Stack {
    private final Executor loop;
    private final BooleanSupplier onLoop;
    private final Runnable pause;
    private final Runnable resume;
    private final Runnable abort;
    private volatile boolean paused;

    /**
     * @param loop runs a task on the stack's thread
     * @param onLoop whether the calling thread is that thread
     * @param pause stops the stack's reading (run on the loop)
     * @param resume restarts it (run on the loop)
     * @param abort releases the exchange without reading the rest (run on any thread)
     */
    public EventLoopStack(Executor loop, BooleanSupplier onLoop, Runnable pause, Runnable resume, Runnable abort) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.onLoop = Objects.requireNonNull(onLoop, "onLoop");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.resume = Objects.requireNonNull(resume, "resume");
        this.abort = Objects.requireNonNull(abort, "abort");
    }

    @Override
    public void pause() {
        paused = true;
        onLoop();
    }

    @Override
    public void resume() {
        paused = false;
        onLoop();
    }

    @Override
    public void abort() {
        abort.run();
    }

    private void onLoop() {
        if (onLoop.getAsBoolean()) {
            apply();
            return;
        }
        try {
            loop.execute(this::apply);
        } catch (RejectedExecutionException e) {
            apply();
        }
    }

    private void apply() {
        if (paused) {
            pause.run();
        } else {
            resume.run();
        }
    }
}
