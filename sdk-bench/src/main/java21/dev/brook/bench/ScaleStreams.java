package dev.brook.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.brook.core.transport.DaemonThreads;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of {@code sdk-bench/scale.sh}: one contender ({@link ScaleContenders}) in this JVM keeps
 * N streams live against a {@link PacedSseServer} in another JVM, for N up a ladder, and appends one CSV
 * row per step to a file. Each of the N "slots" opens a stream, reads it to its end (20 s by default; a
 * slot's first stream is of a random length up to that, see {@link #nextLength}), and opens the next one at
 * once, so the number of live streams stays N and streams start and end all the time, as behind a gateway.
 * Per step:
 * <ol>
 *   <li>Ramp: the slots missing for N are started at {@value #RAMP_PER_SECOND} per second, so that opening
 *       is a steady flow rather than one burst; then a wait (at most {@value #OPEN_LIMIT_S} s) until every
 *       slot has had a first delta, and {@value #SETTLE_S} s more.
 *   <li>A measurement window ({@code windowSeconds}): the delivery latency of every text delta the server
 *       wrote inside it (the user's callback seeing it minus the server's write time carried in its text;
 *       both epoch microseconds from the same host's clock), read {@value #GRACE_S} s after the window so
 *       late deltas are in; the client JVM's CPU time per 1,000 deltas received in the window; live
 *       (platform) threads at its end; then heap used after {@link System#gc()}.
 *   <li>Failed streams: from the start of the step to the end of its window, any exception or a stream
 *       with the wrong count of deltas.
 * </ol>
 * A step holds when every slot opened, no stream failed, p99 ≤ {@value #P99_LIMIT_MS} ms and at least
 * {@value #DELIVERED_SHARE_LIMIT} of the deltas due in the window arrived by its end; the ladder
 * stops at the first step that does not hold (recorded), since a larger N cannot do better.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.brook.bench.ScaleStreams <contender> <baseUrl> <levels,...>
 * <deltasPerStream> <intervalMillis> <windowSeconds> <csvFile>}, or {@code --header} for the CSV header.
 */
public final class ScaleStreams {
    static final String CSV_HEADER = "contender,streams,holds,opened_all,failed,p50_ms,p99_ms,p999_ms,max_ms,"
            + "deltas_in_window,delivered_share,cpu_s_per_1000_deltas,heap_after_gc_mb,live_threads,open_seconds,note";
    static final double P99_LIMIT_MS = 50;
    /**
     * The share of the deltas that N live streams should see written in the window (N x window / interval)
     * that must reach the user by the end of the grace period; fewer means streams were not live (requests
     * queued in the client) or deltas arrived seconds late, neither of which the latency percentiles show.
     */
    static final double DELIVERED_SHARE_LIMIT = 0.95;
    private static final int RAMP_PER_SECOND = 2_000;
    private static final int OPEN_LIMIT_S = 90;
    private static final int SETTLE_S = 2;
    private static final int GRACE_S = 2;
    private static final int FAILURES_SHOWN = 5;
    private static final long FAILURE_PAUSE_MS = 100;

    private final String name;
    private final ScaleContenders.Contender contender;
    private final int deltasPerStream;
    private final long intervalMillis;
    /** Restarts an async slot a moment after a failure, off the stack's own threads. */
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(
            new DaemonThreads("scale-restart"));
    private final AtomicInteger slots = new AtomicInteger();
    private final AtomicInteger everOpened = new AtomicInteger();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong deltasSeen = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failureSamples = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private volatile Window window = new Window(Long.MAX_VALUE, Long.MAX_VALUE);

    /** The deltas written within [from, to] (epoch µs), and their latency. */
    private record Window(long fromMicros, long toMicros, VirtualThreadStreams.Histogram latency, AtomicLong max) {
        Window(long fromMicros, long toMicros) {
            this(fromMicros, toMicros, new VirtualThreadStreams.Histogram(), new AtomicLong());
        }
    }

    private ScaleStreams(String name, ScaleContenders.Contender contender, int deltasPerStream, long intervalMillis) {
        this.name = name;
        this.contender = contender;
        this.deltasPerStream = deltasPerStream;
        this.intervalMillis = intervalMillis;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--header")) {
            System.out.println(CSV_HEADER);
            return;
        }
        if (args.length != 7) {
            throw new IllegalArgumentException("usage: ScaleStreams <contender> <baseUrl> <levels,...> <deltasPerStream> "
                    + "<intervalMillis> <windowSeconds> <csvFile> | --header; contenders: " + ScaleContenders.NAMES);
        }
        String name = args[0];
        List<Integer> levels = new ArrayList<>();
        for (String level : args[2].split(",")) {
            levels.add(Integer.parseInt(level.trim()));
        }
        int deltas = Integer.parseInt(args[3]);
        long intervalMillis = Long.parseLong(args[4]);
        Duration streamLength = Duration.ofMillis(intervalMillis * deltas);
        int windowSeconds = Integer.parseInt(args[5]);
        Path csv = Path.of(args[6]);
        ScaleContenders.Contender contender = ScaleContenders.create(name, args[1], streamLength);
        ScaleStreams bench = new ScaleStreams(name, contender, deltas, intervalMillis);
        for (int level : levels) {
            String row = bench.step(level, windowSeconds);
            System.out.println("[scale] " + row);
            Files.writeString(csv, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (!row.startsWith(name + "," + level + ",yes,")) {
                break;
            }
        }
        bench.running = false;
        for (String failure : bench.failureSamples) {
            System.out.println("[scale] failure: " + failure);
        }
        System.exit(0); // streams still open end with the JVM; the rows are written
    }

    private String step(int streams, int windowSeconds) throws InterruptedException {
        long failuresBefore = failures.get();
        long rampStart = System.nanoTime();
        String note = "";
        try {
            while (slots.get() < streams) {
                startSlot();
                long due = rampStart + TimeUnit.SECONDS.toNanos(slots.get()) / RAMP_PER_SECOND;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (OutOfMemoryError | RuntimeException e) { // e.g. no more platform threads
            note = "could not start stream " + (slots.get() + 1) + ": " + e;
            failures.incrementAndGet();
        }
        long openDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(OPEN_LIMIT_S);
        while (everOpened.get() < slots.get() && System.nanoTime() < openDeadline) {
            Thread.sleep(50);
        }
        boolean openedAll = everOpened.get() >= streams;
        double openSeconds = (System.nanoTime() - rampStart) / 1e9;
        Thread.sleep(TimeUnit.SECONDS.toMillis(SETTLE_S));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long from = VirtualThreadStreams.nowMicros();
        Window measured = new Window(from, from + TimeUnit.SECONDS.toMicros(windowSeconds));
        window = measured;
        long cpuBefore = os.getProcessCpuTime();
        long deltasBefore = deltasSeen.get();
        Thread.sleep(TimeUnit.SECONDS.toMillis(windowSeconds));
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long deltas = deltasSeen.get() - deltasBefore;
        int liveThreads = threads.getThreadCount();
        Thread.sleep(TimeUnit.SECONDS.toMillis(GRACE_S));
        long failed = failures.get() - failuresBefore;
        System.gc();
        double heapMb = memory.getHeapMemoryUsage().getUsed() / 1e6;

        double p99 = measured.latency().quantile(0.99) / 1e3;
        double delivered = measured.latency().count() / ((double) streams * windowSeconds * 1000 / intervalMillis);
        boolean holds = openedAll && failed == 0 && p99 <= P99_LIMIT_MS && delivered >= DELIVERED_SHARE_LIMIT;
        if (!openedAll && note.isEmpty()) {
            note = (streams - everOpened.get()) + " streams without a first delta after " + OPEN_LIMIT_S + " s";
        }
        if (failed > 0 && note.isEmpty()) {
            note = failureSamples.isEmpty() ? "failed streams" : failureSamples.peek();
        }
        return String.format(Locale.ROOT, "%s,%d,%s,%s,%d,%.2f,%.2f,%.2f,%.1f,%d,%.3f,%.3f,%.0f,%d,%.1f,\"%s\"",
                name, streams, holds ? "yes" : "no", openedAll ? "yes" : "no", failed,
                measured.latency().quantile(0.50) / 1e3, p99, measured.latency().quantile(0.999) / 1e3,
                measured.max().get() / 1e3, deltas, delivered, deltas == 0 ? Double.NaN : cpu / 1e9 / deltas * 1000,
                heapMb, liveThreads, openSeconds, note.replace('"', '\''));
    }

    /** One more slot: a loop of streams, on a thread of the contender's kind or chained on completions. */
    private void startSlot() {
        slots.incrementAndGet();
        boolean[] opened = {false};
        switch (contender.threads()) {
            case NONE -> chain(opened);
            case VIRTUAL -> Thread.ofVirtual().start(() -> loop(opened));
            case PLATFORM -> Thread.ofPlatform().daemon().start(() -> loop(opened));
        }
    }

    private void loop(boolean[] opened) {
        while (running) {
            Counter counter = new Counter(opened, nextLength(opened));
            Throwable error;
            try {
                error = contender.stream(counter.expected, counter::delta).handle((v, e) -> e).join();
            } catch (RuntimeException e) {
                error = e;
            }
            if (failed(counter, error)) {
                try {
                    Thread.sleep(FAILURE_PAUSE_MS); // a failing stack is not hammered in a tight loop
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void chain(boolean[] opened) {
        if (!running) {
            return;
        }
        Counter counter = new Counter(opened, nextLength(opened));
        CompletableFuture<Void> stream;
        try {
            stream = contender.stream(counter.expected, counter::delta);
        } catch (RuntimeException e) {
            stream = CompletableFuture.failedFuture(e);
        }
        // The next stream starts from the completing thread (the stack's own); after a failure, a moment
        // later from another, so that a failing stack is not hammered and its threads never sleep here.
        stream.whenComplete((v, e) -> {
            if (failed(counter, e)) {
                restarts.schedule(() -> chain(opened), FAILURE_PAUSE_MS, TimeUnit.MILLISECONDS);
            } else {
                chain(opened);
            }
        });
    }

    /**
     * A slot's first stream has a random length from 1 to the full one, its later streams the full one: so
     * the streams of one ramp do not all end, and reopen, at the same moment every stream length, as no
     * real population of streams does.
     */
    private int nextLength(boolean[] opened) {
        return opened[0] ? deltasPerStream : ThreadLocalRandom.current().nextInt(1, deltasPerStream + 1);
    }

    /** Whether a stream failed (an exception, or a wrong count of deltas), counting it if so. */
    private boolean failed(Counter counter, Throwable error) {
        String failure = error != null ? error.toString()
                : counter.deltas != counter.expected ? counter.deltas + " deltas, expected " + counter.expected : null;
        if (failure == null || !running) {
            return false;
        }
        failures.incrementAndGet();
        if (failureSamples.size() < FAILURES_SHOWN) {
            failureSamples.add(failure);
        }
        return true;
    }

    /** One stream's deltas: counted, timed against the server's write time, the slot's first marked. */
    private final class Counter {
        private final boolean[] slotOpened;
        private final int expected;
        private int deltas;

        Counter(boolean[] slotOpened, int expected) {
            this.slotOpened = slotOpened;
            this.expected = expected;
        }

        void delta(String text) {
            long now = VirtualThreadStreams.nowMicros();
            deltas++;
            deltasSeen.incrementAndGet();
            if (!slotOpened[0]) {
                slotOpened[0] = true;
                everOpened.incrementAndGet();
            }
            long written = VirtualThreadStreams.writtenAtMicros(text);
            Window w = window;
            if (written >= w.fromMicros() && written <= w.toMicros()) {
                long micros = Math.max(0, now - written);
                w.latency().add(micros);
                w.max().accumulateAndGet(micros, Math::max);
            }
        }
    }
}
