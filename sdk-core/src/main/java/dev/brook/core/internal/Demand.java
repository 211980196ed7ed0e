package dev.brook.core.internal;

import java.util.concurrent.atomic.AtomicLong;

/** The demand arithmetic of the core's publishers (Reactive Streams §3.9, §3.17); not an API. */
public final class Demand {
    private Demand() {
    }

    /**
     * Adds {@code n} to {@code demand}, capped at {@link Long#MAX_VALUE} (which then means unbounded, §3.17).
     *
     * @param demand the outstanding demand of one subscription
     * @param n what the subscriber requested, positive
     */
    public static void add(AtomicLong demand, long n) {
        demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
    }

    /**
     * The error a subscriber gets for a non-positive {@code request(n)} (§3.9).
     *
     * @param n the non-positive amount requested
     * @return the exception, naming {@code n} and the rule
     */
    public static IllegalArgumentException notPositive(long n) {
        return new IllegalArgumentException("request(" + n + "): demand must be positive (Reactive Streams §3.9)");
    }
}
