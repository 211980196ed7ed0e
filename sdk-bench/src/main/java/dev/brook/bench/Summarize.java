package dev.brook.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one JMH JSON result file ({@code -rf json}) of {@code SseDecoderBenchmark}, {@code
 * PipelineBenchmark} and {@code EndToEndBenchmark} (run with {@code -prof gc}) into the Markdown tables
 * of {@code BENCHMARKS.md}, with the ratios and the targets checked. Usage: {@code java -cp
 * benchmarks.jar dev.brook.bench.Summarize results/jmh.json}.
 */
public final class Summarize {
    // The bars of DESIGN.md and issue 22 (earlier runs were checked against 5x, 3x and 300 B).
    private static final double MAX_BYTES_PER_EVENT = 150;
    private static final double MIN_VS_OFFICIAL = 10;
    private static final double MIN_VS_LANGCHAIN4J = 2;
    private static final double MAX_VS_RAW_TIME = 2.5;

    private Summarize() {
    }

    /** Score and error of one primary or secondary metric. */
    private record Metric(double score, double error) {
        static Metric of(JsonNode node) {
            return node == null || node.isMissingNode() ? new Metric(Double.NaN, Double.NaN)
                    : new Metric(node.path("score").asDouble(Double.NaN), node.path("scoreError").asDouble(Double.NaN));
        }
    }

    public static void main(String[] args) throws IOException {
        JsonNode runs = new ObjectMapper().readTree(Path.of(args.length > 0 ? args[0] : "sdk-bench/results/jmh.json").toFile());
        int events = BenchStreams.countEvents(BenchStreams.textAndTool(EndToEndBenchmark.DELTAS));
        StringBuilder out = new StringBuilder();

        out.append("### SSE decoder\n\n| workload | MB/s (10^6 B/s) | events/s | B allocated per event |\n|---|---:|---:|---:|\n");
        for (JsonNode run : runs) {
            if (!run.path("benchmark").asText().endsWith("SseDecoderBenchmark.decode")) {
                continue;
            }
            Metric bytes = secondary(run, "bytes");
            Metric ev = secondary(run, "events");
            Metric norm = secondary(run, "gc.alloc.rate.norm");
            double perStream = ev.score() / run.path("primaryMetric").path("score").asDouble();
            out.append(String.format(Locale.ROOT, "| `%s` | %,.0f ± %,.0f | %,.0f | %,.0f |%n",
                    run.path("params").path("workload").asText(), bytes.score() / 1e6, bytes.error() / 1e6,
                    ev.score(), norm.score() / perStream));
        }

        out.append("\n### Pipeline (decode + parse + accumulate, no I/O)\n\n"
                + "| stream | streams/s | events/s | B allocated per event |\n|---|---:|---:|---:|\n");
        for (JsonNode run : runs) {
            if (!run.path("benchmark").asText().endsWith("PipelineBenchmark.decodeParseAccumulate")) {
                continue;
            }
            Metric ops = Metric.of(run.path("primaryMetric"));
            Metric norm = secondary(run, "gc.alloc.rate.norm");
            out.append(String.format(Locale.ROOT, "| %s deltas, %,d events | %.1f ± %.1f | %,.0f | %,.0f |%n",
                    run.path("params").path("deltas").asText(), events, ops.score(), ops.error(),
                    ops.score() * events, norm.score() / events));
        }

        Map<String, Metric> ops = new LinkedHashMap<>();
        Map<String, Double> perEvent = new LinkedHashMap<>();
        for (JsonNode run : runs) {
            if (!run.path("benchmark").asText().endsWith("EndToEndBenchmark.stream")) {
                continue;
            }
            String name = run.path("params").path("contender").asText();
            ops.put(name, Metric.of(run.path("primaryMetric")));
            perEvent.put(name, secondary(run, "gc.alloc.rate.norm").score() / events);
        }
        if (!ops.isEmpty()) {
            double official = score(ops, "anthropic-java-okhttp");
            double lc4j = score(ops, "langchain4j-anthropic");
            double raw = score(ops, "raw-httpurlconnection");
            double rawSocket = score(ops, "raw-socket");
            out.append(String.format(Locale.ROOT, "%n### End to end over loopback (%,d events, %,d bytes per stream)%n%n",
                    events, BenchStreams.textAndTool(EndToEndBenchmark.DELTAS).length));
            out.append(String.format(Locale.ROOT, "| contender | streams/s | events/s | ms per stream | B allocated per event "
                    + "| vs anthropic-java (≥%.0fx) | vs LangChain4j (≥%.0fx) | time vs raw-httpurlconnection (≤%.1fx) "
                    + "| time vs raw-socket | ≤%.0f B/event |%n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|%n",
                    MIN_VS_OFFICIAL, MIN_VS_LANGCHAIN4J, MAX_VS_RAW_TIME, MAX_BYTES_PER_EVENT));
            for (Map.Entry<String, Metric> e : ops.entrySet()) {
                String name = e.getKey();
                double s = e.getValue().score();
                boolean brook = name.startsWith("brook-");
                double vsOfficial = s / official;
                double vsLc4j = s / lc4j;
                double vsRaw = raw / s;
                double bpe = perEvent.get(name);
                out.append(String.format(Locale.ROOT, "| %s | %.2f ± %.2f | %,.0f | %.1f | %,.0f | %s | %s | %s | %.2fx | %s |%n",
                        name, s, e.getValue().error(), s * events, 1000 / s, bpe,
                        ratio(vsOfficial, brook, vsOfficial >= MIN_VS_OFFICIAL),
                        ratio(vsLc4j, brook, vsLc4j >= MIN_VS_LANGCHAIN4J),
                        ratio(vsRaw, brook, vsRaw <= MAX_VS_RAW_TIME), rawSocket / s,
                        brook ? (bpe <= MAX_BYTES_PER_EVENT ? "met" : "**missed**") : "—"));
            }
            out.append("\n(± is JMH's 99.9% confidence half-width; B/event is `gc.alloc.rate.norm` over all threads "
                    + "divided by the events per stream.)\n");
            appendHttp2(out, ops, perEvent, events);
        }
        System.out.print(out);
    }

    /**
     * Each Brook row over HTTP/2 or TLS against the same transport and mode over cleartext HTTP/1.1 (its name
     * without {@code -h2c}, {@code -h2} or {@code -tls}), and against the HTTP/2 lower bound, whose server
     * is the same HTTP/2 one.
     */
    private static void appendHttp2(StringBuilder out, Map<String, Metric> ops, Map<String, Double> perEvent,
            int events) {
        double rawH2c = score(ops, "raw-okhttp-h2c");
        StringBuilder rows = new StringBuilder();
        for (Map.Entry<String, Metric> e : ops.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith("brook-") || Contenders.wire(name) == Contenders.Wire.HTTP_1_1) {
                continue;
            }
            String cleartext = name.replace("-h2c-", "-").replace("-h2-", "-").replace("-tls-", "-");
            String overTls = name.contains("-h2-") ? name.replace("-h2-", "-tls-") : null;
            double s = e.getValue().score();
            rows.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %s | %s | %.2fx | %,.0f | %s |%n",
                    name, Contenders.wire(name).protocol + (Contenders.wire(name).name().endsWith("TLS") ? " over TLS"
                            : " cleartext"),
                    s * events, against(s, ops, cleartext), overTls == null ? "—" : against(s, ops, overTls),
                    rawH2c / s, perEvent.get(name),
                    perEvent.containsKey(cleartext) ? String.format(Locale.ROOT, "%,.0f", perEvent.get(cleartext)) : "—"));
        }
        if (rows.length() > 0) {
            out.append("\n### HTTP/2 and TLS against HTTP/1.1 (same run)\n\n"
                    + "| contender | protocol | events/s | events/s vs the same mode over HTTP/1.1 | vs HTTP/1.1 over TLS "
                    + "| time vs raw-okhttp-h2c | B allocated per event | over HTTP/1.1 |\n"
                    + "|---|---|---:|---:|---:|---:|---:|---:|\n").append(rows);
        }
    }

    /** {@code score} as a multiple of contender {@code other}'s, with its name; a dash if it did not run. */
    private static String against(double score, Map<String, Metric> ops, String other) {
        double base = score(ops, other);
        return Double.isNaN(base) ? "—" : String.format(Locale.ROOT, "%.2fx (`%s`)", score / base, other);
    }

    private static String ratio(double value, boolean checked, boolean met) {
        String r = String.format(Locale.ROOT, "%.2fx", value);
        return !checked ? r : met ? r + " met" : "**" + r + " missed**";
    }

    private static double score(Map<String, Metric> ops, String name) {
        Metric m = ops.get(name);
        return m == null ? Double.NaN : m.score();
    }

    private static Metric secondary(JsonNode run, String name) {
        return Metric.of(run.path("secondaryMetrics").path(name));
    }
}
