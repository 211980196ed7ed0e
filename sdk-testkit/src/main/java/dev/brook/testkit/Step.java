package dev.brook.testkit;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * One step of a scripted body: a chunk, a stall, a wait for a signal, copies of a chunk sent one per
 * permit, or a fault. Immutable (a permit step shares its semaphore with the test, by design).
 */
final class Step {
    enum Kind {
        CHUNK,
        STALL,
        AWAIT,
        PERMITS,
        REPEAT,
        CLOSE,
        RESET
    }

    final Kind kind;
    /** The chunk bytes (never modified), for {@link Kind#CHUNK}, {@link Kind#PERMITS} and {@link Kind#REPEAT}; otherwise null. */
    final byte[] bytes;
    /** Delay before a chunk, stall length, or longest wait for a signal or for each permit. */
    final Duration duration;
    /** How many copies of {@link #bytes} to send, for {@link Kind#PERMITS} and {@link Kind#REPEAT}; otherwise 0. */
    final long count;
    /** One permit taken before each copy, for {@link Kind#PERMITS}; otherwise null. */
    final Semaphore permits;
    /** True once the signal arrived, for {@link Kind#AWAIT}; otherwise null. */
    final BooleanSupplier signal;
    /** What the signal is, for messages. */
    final String description;

    private Step(Kind kind, byte[] bytes, Duration duration, BooleanSupplier signal, String description) {
        this(kind, bytes, duration, signal, 0, null, description);
    }

    private Step(Kind kind, byte[] bytes, Duration duration, BooleanSupplier signal, long count, Semaphore permits,
            String description) {
        this.kind = kind;
        this.bytes = bytes;
        this.duration = duration;
        this.signal = signal;
        this.count = count;
        this.permits = permits;
        this.description = description;
    }

    static Step chunk(byte[] bytes, Duration delayBefore) {
        return new Step(Kind.CHUNK, bytes, delayBefore, null, bytes.length + " bytes after " + delayBefore);
    }

    static Step stall(Duration duration) {
        return new Step(Kind.STALL, null, duration, null, "stall " + duration);
    }

    static Step await(BooleanSupplier signal, Duration max, String what) {
        return new Step(Kind.AWAIT, null, max, signal, "await " + what + " up to " + max);
    }

    static Step onPermits(byte[] bytes, long count, Semaphore permits, Duration maxWaitEach) {
        return new Step(Kind.PERMITS, bytes, maxWaitEach, null, count, permits,
                count + " x " + bytes.length + " bytes, each on a permit within " + maxWaitEach);
    }

    static Step repeat(byte[] bytes, long count) {
        return new Step(Kind.REPEAT, bytes, Duration.ZERO, null, count, null, count + " x " + bytes.length + " bytes");
    }

    static Step close() {
        return new Step(Kind.CLOSE, null, Duration.ZERO, null, "close mid-body");
    }

    static Step reset() {
        return new Step(Kind.RESET, null, Duration.ZERO, null, "reset mid-body");
    }

    boolean isFault() {
        return kind == Kind.CLOSE || kind == Kind.RESET;
    }

    @Override
    public String toString() {
        return description;
    }
}
