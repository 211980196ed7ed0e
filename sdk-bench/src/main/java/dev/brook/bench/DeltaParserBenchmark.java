package dev.brook.bench;

import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.internal.EventParser;
import dev.brook.core.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The A/B of issue 22: core's hand-written {@code FastDeltaParser} (through {@link EventParser#parse}, as
 * the pipeline calls it) against Jackson's streaming parser doing the same job
 * ({@link JacksonStreamingDeltaReader}), and Jackson's tree (what both shortcut) as the reference, on the
 * same bytes. One operation parses every delta of a mix: short text deltas as the API sends them, text
 * with non-ASCII and escapes, tool input fragments full of escaped quotes, and thinking deltas. Run with
 * {@code -prof gc} for bytes per operation; divide by {@link #DELTAS} for per delta.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DeltaParserBenchmark {
    /** Deltas in one operation. */
    static final int DELTAS = 8;

    @Param({"fast-path", "jackson-streaming", "jackson-tree"})
    public String parser;

    private byte[][] deltas;
    private final EventParser events = new EventParser();

    @Setup
    public void setUp() throws IOException {
        String[] json = {
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Once upon\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" a time, in\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" a land far away\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\".\\n\\nThe end\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" caf\u00e9 \u2014 \ud83c\udf0a\"}}",
            "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Par\"}}",
            "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"is\\\", \\\"unit\\\": \\\"c\\\"}\"}}",
            "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me think about this step\"}}",
        };
        deltas = new byte[json.length][];
        for (int i = 0; i < json.length; i++) {
            deltas[i] = json[i].getBytes(StandardCharsets.UTF_8);
            ContentBlockDeltaEvent expected = (ContentBlockDeltaEvent) events.parse("content_block_delta", deltas[i], 0,
                    deltas[i].length);
            if (!expected.equals(JacksonStreamingDeltaReader.read(deltas[i], 0, deltas[i].length))) {
                throw new IllegalStateException("the streaming contender disagrees on " + json[i]);
            }
        }
    }

    @Benchmark
    public void parse(Blackhole sink) throws IOException {
        switch (parser) {
            case "fast-path" -> {
                for (byte[] d : deltas) {
                    StreamEvent e = events.parse("content_block_delta", d, 0, d.length);
                    sink.consume(e);
                }
            }
            case "jackson-streaming" -> {
                for (byte[] d : deltas) {
                    sink.consume(JacksonStreamingDeltaReader.read(d, 0, d.length));
                }
            }
            default -> {
                for (byte[] d : deltas) {
                    sink.consume(Json.mapper().readTree(d, 0, d.length));
                }
            }
        }
    }
}
