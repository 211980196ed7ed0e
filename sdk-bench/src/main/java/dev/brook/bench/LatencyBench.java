package dev.brook.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Delivery latency per contender, in one JVM (so server and client share {@link System#nanoTime()}):
 * <ul>
 *   <li><b>delta latency</b>: from a delta's last byte leaving the server ({@link LatencyServer} notes the
 *       time after its flush returns) to the user's code seeing the delta (the contender's per-delta
 *       callback or iterator step);
 *   <li><b>time to first event</b>: from the call that starts the request to the user seeing the first
 *       text delta (the server sends the opening events and the first delta at once).
 * </ul>
 * Each request streams {@code deltas} text deltas one at a time; connections are kept alive between
 * requests. Not a JMH benchmark: JMH times operations, not events inside one. Usage:
 * {@code java -cp benchmarks.jar dev.brook.bench.LatencyBench [warmupRequests] [requests] [deltas] [out.md]}.
 */
public final class LatencyBench {
    private LatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int deltas = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Path out = args.length > 3 ? Path.of(args[3]) : null;

        List<byte[]> deltaEvents = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < deltas; i++) {
            String token = (i == 0 ? "" : " ") + "word" + i;
            text.append(token);
            deltaEvents.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + token + "\"}}"));
        }
        byte[] opening = concat(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_lat\","
                        + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-bench\",\"content\":[],"
                        + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}"),
                event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        byte[] closing = concat(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + deltas + "}}"),
                event("message_stop", "{\"type\":\"message_stop\"}"));
        BenchStreams.Expected expected = new BenchStreams.Expected(text.toString(), null);

        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "Delivery latency: %d requests x %d deltas measured per contender "
                + "(after %d warm-up requests)%n%n", requests, deltas, warmup));
        table.append("| contender | delta latency median (µs) | delta p99 (µs) | time to first event median (µs) "
                + "| TTFE p99 (µs) | TTFE vs raw-httpurlconnection | TTFE vs raw-socket | held back |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        double rawTtfe = Double.NaN;
        double socketTtfe = Double.NaN;
        try (LatencyServer server = new LatencyServer(opening, deltaEvents, closing)) {
            for (String name : Contenders.NAMES) {
                int skip = name.startsWith("raw") ? 2 : 0;
                try (Contenders.Contender client = Contenders.create(name, server.baseUri(), expected, -1)) {
                    for (int r = 0; r < warmup; r++) {
                        once(server, client, deltas, skip);
                    }
                    long[] latency = new long[requests * deltas];
                    long[] ttfe = new long[requests];
                    int timeouts = 0;
                    for (int r = 0; r < requests; r++) {
                        LatencyServer.Probe p = once(server, client, deltas, skip);
                        for (int i = 0; i < deltas; i++) {
                            latency[r * deltas + i] = p.seenAt[i] - p.sentAt[i];
                        }
                        ttfe[r] = p.seenAt[0] - p.requestStart;
                        timeouts += p.timeouts;
                    }
                    Arrays.sort(latency);
                    Arrays.sort(ttfe);
                    double ttfeMedian = pct(ttfe, 0.5) / 1e3;
                    if (name.equals("raw-httpurlconnection")) {
                        rawTtfe = ttfeMedian;
                    } else if (name.equals("raw-socket")) {
                        socketTtfe = ttfeMedian;
                    }
                    table.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %s | %s | %d |%n",
                            name, pct(latency, 0.5) / 1e3, pct(latency, 0.99) / 1e3, ttfeMedian, pct(ttfe, 0.99) / 1e3,
                            ratio(ttfeMedian, rawTtfe), ratio(ttfeMedian, socketTtfe), timeouts));
                    System.out.println("[latency] " + name + " done");
                }
            }
        }
        table.append("\n(held back: deltas the client did not show within 2 s of receiving them; 0 is right.)\n");
        PrintStream stdout = System.out;
        stdout.println();
        stdout.print(table);
        if (out != null) {
            Files.writeString(out, table.toString(), StandardCharsets.UTF_8);
        }
        System.exit(0); // client libraries may leave non-daemon pool threads behind
    }

    private static LatencyServer.Probe once(LatencyServer server, Contenders.Contender client, int deltas, int skip)
            throws Exception {
        LatencyServer.Probe p = new LatencyServer.Probe(deltas, skip);
        server.probe = p;
        p.requestStart = System.nanoTime();
        client.run(p::onDelta);
        return p;
    }

    private static String ratio(double value, double base) {
        return Double.isNaN(base) ? "—" : String.format(Locale.ROOT, "%.2fx", value / base);
    }

    /** The value at quantile {@code q} (nearest rank) of sorted {@code values}. */
    private static long pct(long[] values, double q) {
        int rank = (int) Math.ceil(q * values.length);
        return values[Math.max(0, Math.min(values.length - 1, rank - 1))];
    }

    private static byte[] event(String name, String data) {
        return ("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        return out.toByteArray();
    }
}
