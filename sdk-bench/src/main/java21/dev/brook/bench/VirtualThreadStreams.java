package dev.brook.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.Message;
import dev.brook.core.event.StopReason;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.request.MessageRequest;
import dev.brook.core.transport.DaemonThreads;
import dev.brook.core.transport.Transport;
import dev.brook.transport.jdk.JdkTransport;
import dev.brook.transport.okhttp.OkHttpTransport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * The client side of {@code sdk-bench/vthreads.sh}: opens {@code streams} Brook sync streams at once, each
 * read by its own virtual thread ({@link Executors#newVirtualThreadPerTaskExecutor()}), against a
 * {@link PacedSseServer} in another JVM, and appends one Markdown row of what it measured to a file:
 * <ul>
 *   <li>time from submitting the first stream until every stream has received its first event;
 *   <li>the peak of live platform threads ({@link ThreadMXBean#getPeakThreadCount()}, which on JDK 21+
 *       counts platform threads only), and the count before the first stream;
 *   <li>heap used after {@link System#gc()} while every stream is open, and before the first stream;
 *   <li>delivery latency of every text delta: the time the user's loop saw it minus the server's write
 *       time carried in its text (both epoch microseconds from the same host's clock);
 *   <li>the client JVM's CPU time (all its threads: connecting, JIT compilation and GC included) from the
 *       first stream to the last, and as cores on average over that time;
 *   <li>streams that failed (an exception, a wrong delta count or stop reason): counted, never fatal.
 * </ul>
 * The forced {@code System.gc()} stops every thread for a moment; deltas in flight meanwhile are left
 * out of the latency percentiles (and counted), since they measure the harness, not the streams.
 *
 * <p>Compiled for Java 21 (virtual threads), only when the build runs on a JDK 21+; the rest of
 * {@code sdk-bench} stays on 17. Usage: {@code java -cp benchmarks.jar dev.brook.bench.VirtualThreadStreams
 * <jdk|okhttp> <baseUrl> <streams> <deltas> <intervalMillis> <rowFile>}, or {@code --header} for the
 * table's header.
 */
public final class VirtualThreadStreams {
    /** The Markdown header matching each {@link #main} row. */
    static final String HEADER = "| transport | HTTP | streams ok | failed | time to open all (s) "
            + "| platform threads, peak (before) | heap after GC, all open (MB) | heap before (MB) | heap per stream (KB) "
            + "| delivery latency p50 (ms) | p99 (ms) | p99 once all open (ms) | max (ms) | deltas | client CPU, s (cores) |\n"
            + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    private static final int FAILURES_SHOWN = 5;

    private final String transportName;
    private final int streams;
    private final int deltas;
    private final Duration interval;

    private final CountDownLatch opened;
    private final AtomicInteger ok = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicLong lastFirstEventNanos = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    /** Every delta's latency, except those in flight during the forced GC. */
    private final Histogram latency = new Histogram();
    /** The same, for deltas written after every stream had its first event. */
    private final Histogram steadyLatency = new Histogram();
    private final AtomicLong maxLatencyMicros = new AtomicLong();
    private final AtomicLong deltasSeen = new AtomicLong();
    private final AtomicLong deltasDuringGc = new AtomicLong();
    private volatile long allOpenAtMicros = Long.MAX_VALUE;
    private volatile long gcStartMicros = Long.MAX_VALUE;
    private volatile long gcEndMicros = Long.MAX_VALUE;

    private VirtualThreadStreams(String transportName, int streams, int deltas, Duration interval) {
        this.transportName = transportName;
        this.streams = streams;
        this.deltas = deltas;
        this.interval = interval;
        this.opened = new CountDownLatch(streams);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--header")) {
            System.out.println(HEADER);
            return;
        }
        if (args.length != 6) {
            throw new IllegalArgumentException("usage: VirtualThreadStreams <jdk|okhttp> <baseUrl> <streams> <deltas> "
                    + "<intervalMillis> <rowFile> | --header");
        }
        VirtualThreadStreams bench = new VirtualThreadStreams(args[0], Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Duration.ofMillis(Long.parseLong(args[4])));
        String row = bench.run(args[1]);
        System.out.println(row);
        Files.writeString(Path.of(args[5]), row + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        System.exit(0); // streams cut off by a deadline may leave threads behind; the row is written
    }

    private String run(String baseUrl) throws InterruptedException {
        Duration streamLength = interval.multipliedBy(deltas);
        Duration openDeadline = Duration.ofSeconds(180);
        Transport transport = transport(transportName, streams);
        Brook brook = Brook.builder().apiKey("sk-ant-fake").baseUrl(baseUrl).transport(transport)
                .maxRetries(0) // a failure is counted, not retried
                .connectTimeout(Duration.ofSeconds(60))
                .idleTimeout(interval.multipliedBy(4).plusSeconds(30))
                .totalTimeout(openDeadline.plus(streamLength).plusSeconds(60))
                .build();
        MessageRequest request = MessageRequest.builder().model("claude-bench").maxTokens(1024)
                .addUserMessage("Stream me some timestamps.").build();

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Thread progress = Thread.ofPlatform().daemon().name("vthreads-progress").start(() -> {
            try {
                while (true) {
                    Thread.sleep(5_000);
                    System.out.printf("[vthreads] %s: %d/%d opened, %d live, %d ok, %d failed, %d platform threads%n",
                            transportName, streams - opened.getCount(), streams, live.get(), ok.get(), failed.get(),
                            threads.getThreadCount());
                }
            } catch (InterruptedException e) {
                // the run is over
            }
        });
        // After the progress thread started, so that "before" and the peak both count it.
        long heapBefore = heapAfterGc(memory);
        int threadsBefore = threads.getThreadCount();
        threads.resetPeakThreadCount();

        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        ExecutorService perStream = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < streams; i++) {
            perStream.submit(() -> readOne(brook, request));
        }
        boolean allOpened = opened.await(openDeadline.toSeconds(), TimeUnit.SECONDS);
        allOpenAtMicros = nowMicros();
        double openSeconds = ((allOpened ? lastFirstEventNanos.get() : System.nanoTime()) - start) / 1e9;
        int threadsAllOpen = threads.getThreadCount();
        int liveAtGc = live.get();
        gcStartMicros = nowMicros();
        long heapAllOpen = heapAfterGc(memory);
        gcEndMicros = nowMicros();
        System.out.printf("[vthreads] %s: all %d opened: %s in %.2f s; %d live at the GC (%.0f ms), %d platform threads%n",
                transportName, streams, allOpened, openSeconds, liveAtGc, (gcEndMicros - gcStartMicros) / 1e3,
                threadsAllOpen);

        perStream.shutdown();
        if (!perStream.awaitTermination(streamLength.plusSeconds(120).toSeconds(), TimeUnit.SECONDS)) {
            perStream.shutdownNow(); // interrupts the streams still reading; each counts itself failed
            perStream.awaitTermination(30, TimeUnit.SECONDS);
        }
        int peakThreads = threads.getPeakThreadCount();
        double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        progress.interrupt();
        int unfinished = streams - ok.get() - failed.get(); // tasks that never ended, even after the interrupt
        for (String failure : failures) {
            System.out.println("[vthreads] failure: " + failure);
        }
        System.out.printf("[vthreads] %s: %d ok, %d failed, %d unfinished; %d deltas, %d in flight during the GC%n",
                transportName, ok.get(), failed.get(), unfinished, deltasSeen.get(), deltasDuringGc.get());

        return String.format(Locale.ROOT,
                "| %s | %s | %,d | %,d | %s | %,d (%,d) | %,.0f | %,.0f | %,.1f | %.2f | %.2f | %.2f | %.1f | %,d | %.1f (%.2f) |",
                transportName, "HTTP/1.1", ok.get(), failed.get() + unfinished,
                allOpened ? String.format(Locale.ROOT, "%.2f", openSeconds)
                        : String.format(Locale.ROOT, "not all within %d s", openDeadline.toSeconds()),
                peakThreads, threadsBefore, heapAllOpen / 1e6, heapBefore / 1e6,
                (heapAllOpen - heapBefore) / 1024.0 / Math.max(1, liveAtGc),
                latency.quantile(0.50) / 1e3, latency.quantile(0.99) / 1e3, steadyLatency.quantile(0.99) / 1e3,
                maxLatencyMicros.get() / 1e3, deltasSeen.get(), cpuSeconds, cpuSeconds / wallSeconds);
    }

    /**
     * A user's own client for 10,000 concurrent streams, over HTTP/1.1 as the loopback server speaks it.
     * The JDK client opens as many HTTP/1.1 connections as there are requests in flight; its executor
     * only hands bytes to the body subscribers, so a few platform threads serve every stream (as the
     * client discovery creates). OkHttp's sync calls run on the caller's thread and its pool has no
     * limit on connections in use; the dispatcher limits apply only to async calls and the pool's limit
     * only to idle connections, but both are raised to the stream count so that nothing caps it.
     */
    static Transport transport(String name, int streams) {
        return switch (name) {
            case "jdk" -> JdkTransport.of(HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(60))
                    .executor(Executors.newFixedThreadPool(4, new DaemonThreads("vthreads-jdk")))
                    .build());
            case "okhttp" -> {
                Dispatcher dispatcher = new Dispatcher();
                dispatcher.setMaxRequests(streams);
                dispatcher.setMaxRequestsPerHost(streams);
                yield OkHttpTransport.of(new OkHttpClient.Builder()
                        .protocols(List.of(Protocol.HTTP_1_1))
                        .dispatcher(dispatcher)
                        .connectionPool(new ConnectionPool(streams, 5, TimeUnit.MINUTES))
                        .connectTimeout(Duration.ofSeconds(60))
                        .readTimeout(Duration.ZERO) // Brook's idle timeout decides
                        .build());
            }
            default -> throw new IllegalArgumentException("unknown transport: " + name + "; known: jdk, okhttp");
        };
    }

    /** One stream on the calling virtual thread, read to its final message; any failure is counted. */
    private void readOne(Brook brook, MessageRequest request) {
        boolean first = false;
        live.incrementAndGet();
        try (MessageStream stream = brook.messages().stream(request)) {
            int seen = 0;
            for (StreamEvent event : stream) {
                long now = nowMicros();
                if (!first) {
                    first = true;
                    lastFirstEventNanos.accumulateAndGet(System.nanoTime(), Math::max);
                    opened.countDown();
                }
                if (event instanceof ContentBlockDeltaEvent d && d.delta() instanceof Delta.TextDelta text) {
                    record(writtenAtMicros(text.text()), now);
                    seen++;
                }
            }
            Message message = stream.finalMessage();
            if (seen != deltas || !message.stopReason().equals(Optional.of(StopReason.END_TURN))) {
                throw new IllegalStateException(seen + " deltas (expected " + deltas + "), stop reason "
                        + message.stopReason());
            }
            ok.incrementAndGet();
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            if (failures.size() < FAILURES_SHOWN) {
                failures.add(e.toString());
            }
        } finally {
            live.decrementAndGet();
            if (!first) {
                opened.countDown(); // failed before its first event: the wait for the others goes on
            }
        }
    }

    private void record(long writtenAt, long seenAt) {
        deltasSeen.incrementAndGet();
        long micros = Math.max(0, seenAt - writtenAt);
        maxLatencyMicros.accumulateAndGet(micros, Math::max);
        if (seenAt >= gcStartMicros && writtenAt <= gcEndMicros) {
            deltasDuringGc.incrementAndGet(); // in flight while the forced GC stopped the world
            return;
        }
        latency.add(micros);
        if (writtenAt >= allOpenAtMicros) {
            steadyLatency.add(micros);
        }
    }

    /** The server's write time in a delta's text, {@code "[<epoch micros>] "}. */
    static long writtenAtMicros(String text) {
        int close = text.indexOf(']');
        if (!text.startsWith("[") || close < 0) {
            throw new IllegalStateException("a delta without the server's timestamp: " + text);
        }
        return Long.parseLong(text, 1, close, 10);
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static long heapAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /**
     * Counts of non-negative microsecond values in buckets of under 1% width (exact below 256 µs), so
     * 400,000 deltas cost a fixed 58 KB and any thread may add without a lock.
     */
    static final class Histogram {
        private static final int SUB_BITS = 7; // 128 buckets per power of two
        private static final int EXACT = 2 << SUB_BITS;
        private final AtomicLongArray counts = new AtomicLongArray(EXACT + (63 - SUB_BITS - 1) * (1 << SUB_BITS));
        private final AtomicLong total = new AtomicLong();

        void add(long micros) {
            counts.incrementAndGet(index(micros));
            total.incrementAndGet();
        }

        private static int index(long v) {
            if (v < EXACT) {
                return (int) v;
            }
            int msb = 63 - Long.numberOfLeadingZeros(v); // at least SUB_BITS + 1
            int shift = msb - SUB_BITS;
            return EXACT + (msb - SUB_BITS - 1) * (1 << SUB_BITS) + (int) ((v >>> shift) - (1 << SUB_BITS));
        }

        /** The lowest value of bucket {@code i}. */
        private static long lowest(int i) {
            if (i < EXACT) {
                return i;
            }
            int k = i - EXACT;
            int msb = k / (1 << SUB_BITS) + SUB_BITS + 1;
            return ((long) (k % (1 << SUB_BITS)) + (1 << SUB_BITS)) << (msb - SUB_BITS);
        }

        /** How many values were added. */
        long count() {
            return total.get();
        }

        /** The value at quantile {@code q} (nearest rank, to the bucket's lowest value); NaN if empty. */
        double quantile(double q) {
            long n = total.get();
            if (n == 0) {
                return Double.NaN;
            }
            long rank = Math.max(1, (long) Math.ceil(q * n));
            long seen = 0;
            for (int i = 0; i < counts.length(); i++) {
                seen += counts.get(i);
                if (seen >= rank) {
                    return lowest(i);
                }
            }
            return lowest(counts.length() - 1);
        }
    }
}
