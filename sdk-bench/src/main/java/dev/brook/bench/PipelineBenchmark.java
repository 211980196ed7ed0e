package dev.brook.bench;

import dev.brook.core.accumulate.MessageStreamDecoder;
import dev.brook.core.event.ContentBlock;
import dev.brook.core.event.Message;
import dev.brook.core.event.ToolUseBlock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole core pipeline — SSE decoding, event parsing, accumulation — on a stream of 20,000 text
 * deltas with pings and a 2 KB tool input, fed in 8 KiB chunks as a socket would deliver it. One
 * operation is one whole stream; events/s is ops/s times {@link #events}. Run with {@code -prof gc} for
 * bytes allocated per operation (divide by {@link #events} for per event).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineBenchmark {
    private static final int CHUNK = 8 * 1024;

    @Param("20000")
    public int deltas;

    /** SSE events in one stream (text deltas, pings, tool fragments, framing events). */
    public int events;

    private byte[] stream;

    @Setup(Level.Trial)
    public void setUp() {
        stream = BenchStreams.textAndTool(deltas);
        events = BenchStreams.countEvents(stream);
        BenchStreams.Expected expected = BenchStreams.expected(deltas);
        Message message = run(null);
        if (!message.text().equals(expected.text())) {
            throw new IllegalStateException("pipeline produced the wrong text");
        }
        ContentBlock tool = message.content().get(1);
        if (!(tool instanceof ToolUseBlock use) || !use.input().toString().equals(expected.toolInputJson())) {
            throw new IllegalStateException("pipeline produced the wrong tool input: " + tool);
        }
        System.out.println("\n[pipeline] " + events + " events, " + stream.length + " bytes per stream");
    }

    @Benchmark
    public Message decodeParseAccumulate(Blackhole bh) {
        return run(bh);
    }

    private Message run(Blackhole bh) {
        MessageStreamDecoder decoder = new MessageStreamDecoder(bh == null ? e -> { } : bh::consume);
        byte[] s = stream;
        for (int at = 0; at < s.length; at += CHUNK) {
            decoder.feed(s, at, Math.min(CHUNK, s.length - at));
        }
        return decoder.end();
    }
}
