package dev.brook.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stack of an event-loop client on its own, over a real single-threaded loop: where pause and
 * resume run, and that a pause hopping from another thread cannot undo a later resume made on the loop.
 */
class EventLoopStackTest {
    private final ExecutorService loop = Executors.newSingleThreadExecutor(new DaemonThreads("test-loop"));
    private volatile Thread loopThread;
    /** "pause", "resume" or "abort", each with whether it ran on the loop. */
    private final LinkedBlockingQueue<String> calls = new LinkedBlockingQueue<>();
    private final EventLoopStack stack = new EventLoopStack(loop, () -> Thread.currentThread() == loopThread,
            () -> record("pause"), () -> record("resume"), () -> record("abort"));

    EventLoopStackTest() throws Exception {
        loop.submit(() -> loopThread = Thread.currentThread()).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        loop.shutdownNow();
    }

    @Test
    void aPauseOnTheLoopTakesEffectBeforeItReturns() throws Exception {
        List<String> seen = loop.submit(() -> {
            stack.pause();
            return List.copyOf(calls);
        }).get(10, TimeUnit.SECONDS);
        assertThat(seen).containsExactly("pause on loop");
    }

    @Test
    void aResumeOffTheLoopHopsOntoIt() throws Exception {
        stack.resume();
        assertThat(calls.poll(10, TimeUnit.SECONDS)).isEqualTo("resume on loop");
        assertThat(afterTheLoopIsIdle()).isEmpty();
    }

    @Test
    void aPauseHoppingFromAnotherThreadDoesNotUndoALaterResumeOnTheLoop() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch paused = new CountDownLatch(1);
        loop.execute(() -> {
            running.countDown();
            try {
                paused.await(10, TimeUnit.SECONDS); // holds the loop: the pause below queues behind this task
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stack.resume(); // on the loop: applied at once, before the queued pause runs
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        stack.pause(); // the publisher's order: this pause, then that resume
        paused.countDown();
        assertThat(calls.poll(10, TimeUnit.SECONDS)).isEqualTo("resume on loop");
        assertThat(afterTheLoopIsIdle()).as("the queued hop applies the latest wish").containsExactly("resume on loop");
    }

    @Test
    void abortRunsOnTheCallingThread() {
        stack.abort();
        assertThat(calls).containsExactly("abort off loop");
    }

    @Test
    void aLoopThatIsShutDownLeavesTheWishToTheCaller() {
        loop.shutdownNow();
        RejectedExecutionException[] rejected = new RejectedExecutionException[1];
        try {
            loop.execute(() -> { });
        } catch (RejectedExecutionException e) {
            rejected[0] = e;
        }
        assertThat(rejected[0]).as("the loop refuses tasks").isNotNull();
        stack.pause();
        assertThat(calls).containsExactly("pause off loop");
    }

    /** What was recorded once every task queued on the loop so far has run. */
    private List<String> afterTheLoopIsIdle() throws Exception {
        loop.submit(() -> { }).get(10, TimeUnit.SECONDS);
        List<String> rest = new java.util.ArrayList<>();
        calls.drainTo(rest);
        return rest;
    }

    private void record(String what) {
        calls.add(what + (Thread.currentThread() == loopThread ? " on loop" : " off loop"));
    }
}
