package dev.brook.core.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one step function serially for every signal of a publisher (a request, a cancel, an arriving
 * item), on whichever thread signalled: a thread that finds the step running leaves a mark and returns,
 * and the running thread repeats the step until no mark is left. So signals to a subscriber are never
 * concurrent (Reactive Streams §1.3), a {@code request} from inside {@code onNext} never recurses
 * (§3.3), and no signal is lost. The core's publishers share it; not an API. Thread-safe.
 */
public final class SerialDrain {
    private final AtomicInteger pending = new AtomicInteger();
    private final Runnable step;
    private final Consumer<Throwable> onFailure;

    /**
     * @param step looks at the publisher's state and signals what it allows; it must not block
     * @param onFailure what a throwing step means (a subscriber that broke §2.13, a bug): it must end
     *     the stream, since the loop goes on; it runs inside the loop
     */
    public SerialDrain(Runnable step, Consumer<Throwable> onFailure) {
        this.step = Objects.requireNonNull(step, "step");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    /** Something changed: run the step now, or make the thread running it run it again. */
    public void signal() {
        if (pending.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        while (true) {
            try {
                step.run();
            } catch (Throwable e) {
                onFailure.accept(e);
            }
            missed = pending.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
