package dev.brook.bench;

import dev.brook.core.sse.SseDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of {@link SseDecoder} alone, fed in 8 KiB chunks as a transport would.
 *
 * <p>Workloads ({@code workload} parameter):
 * <ul>
 *   <li>{@code messages}: the Messages API stream {@code conformance/fixtures/text-basic.sse} repeated
 *       to about 4 MiB: many small events, as a chat reply streams.
 *   <li>{@code large}: eight events with about 1 MiB of JSON data each (generated).
 * </ul>
 *
 * <p>One operation decodes the whole stream. The {@link Counters} are reported by JMH as rates:
 * {@code bytes} is bytes/s (divide by 10^6 for MB/s) and {@code events} is events/s.
 * The fixture is read from {@code System.getProperty("brook.conformance.dir", "conformance")}, so run
 * from the repository root or pass {@code -jvmArgs -Dbrook.conformance.dir=...}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SseDecoderBenchmark {
    static final int CHUNK = 8 * 1024;
    static final int MESSAGES_TARGET = 4 * 1024 * 1024;
    static final int LARGE_EVENTS = 8;
    static final int LARGE_DATA = 1024 * 1024;

    @Param({"messages", "large"})
    public String workload;

    private byte[] stream;

    /** Bytes and events decoded, reported by JMH per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long bytes;
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
            events = 0;
        }
    }

    @Setup
    public void setUp() {
        if ("messages".equals(workload)) {
            stream = messagesStream();
        } else if ("large".equals(workload)) {
            stream = largeEventsStream();
        } else {
            throw new IllegalArgumentException("unknown workload: " + workload);
        }
    }

    @Benchmark
    public void decode(Counters counters, Blackhole bh) {
        long[] events = new long[1];
        SseDecoder decoder = new SseDecoder(e -> {
            events[0]++;
            bh.consume(e);
        });
        byte[] s = stream;
        for (int i = 0; i < s.length; i += CHUNK) {
            decoder.feed(s, i, Math.min(CHUNK, s.length - i));
        }
        decoder.end();
        counters.bytes += s.length;
        counters.events += events[0];
    }

    static byte[] messagesStream() {
        String dir = System.getProperty("brook.conformance.dir", "conformance");
        Path fixture = Path.of(dir, "fixtures", "text-basic.sse");
        if (!Files.isRegularFile(fixture)) {
            throw new IllegalStateException("Benchmark fixture not found: " + fixture.toAbsolutePath()
                    + ". Run from the repository root or pass -jvmArgs -Dbrook.conformance.dir=/path/to/conformance");
        }
        byte[] one;
        try {
            one = Files.readAllBytes(fixture);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fixture, e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(MESSAGES_TARGET + one.length);
        while (out.size() < MESSAGES_TARGET) {
            out.writeBytes(one);
        }
        return out.toByteArray();
    }

    static byte[] largeEventsStream() {
        // Text with spaces, punctuation and some 2- and 3-byte characters, like a long model reply.
        String[] words = {"the", "stream", "of", "tokens", "flows", "onward,", "über", "café", "—", "data:",
                "event", "naïve", "{}", "\\\"quoted\\\"", "42", "λ"};
        Random random = new Random(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream(LARGE_EVENTS * (LARGE_DATA + 256));
        for (int e = 0; e < LARGE_EVENTS; e++) {
            StringBuilder text = new StringBuilder(LARGE_DATA);
            while (text.length() < LARGE_DATA - 100) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            String event = "event: content_block_delta\n"
                    + "data: {\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_delta\", "
                    + "\"text\": \"" + text + "\"}}\n\n";
            out.writeBytes(event.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
