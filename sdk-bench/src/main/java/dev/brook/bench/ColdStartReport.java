package dev.brook.bench;

import java.lang.management.ManagementFactory;

/**
 * The one line each cold-start client prints before returning from {@code main}, read by
 * {@code sdk-bench/coldstart.sh}: {@code first_delta_ms=<n> classes=<n> deltas=<n>}.
 *
 * <p>JDK classes only, so it adds nothing to a contender's class path. The management beans are asked
 * only here, after the stream has ended, so loading them is never inside the time to the first delta;
 * the classes they load (the same for every contender) are in the class count.
 */
final class ColdStartReport {
    private ColdStartReport() {
    }

    /**
     * Prints the report line.
     *
     * @param firstDeltaAtMillis {@link System#currentTimeMillis()} when user code got the first text delta
     * @param deltas text deltas user code got, so the script can tell a short stream from a fast one
     */
    static void print(long firstDeltaAtMillis, int deltas) {
        // The VM's own start time (epoch ms), taken as it was created: the launcher's few ms before are
        // not in it, the process time the script measures has them.
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        System.out.println("first_delta_ms=" + (firstDeltaAtMillis - jvmStart) + " classes=" + classes
                + " deltas=" + deltas);
    }
}
