package dev.brook.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Turns the CSV of {@code sdk-bench/scale.sh} ({@code ScaleStreams} rows) into its Markdown tables and a PNG
 * plot of p99 delivery latency against live streams, one line per contender, drawn with JFreeChart (headless).
 *
 * <p>Usage: {@code java -Djava.awt.headless=true -cp benchmarks.jar dev.brook.bench.ScaleReport <csv>
 * <markdownOut> <pngOut>}.
 */
public final class ScaleReport {
    private static final double P99_LIMIT_MS = 50;

    private ScaleReport() {
    }

    /** One CSV row, as {@code ScaleStreams} writes it. */
    record Step(String contender, int streams, boolean holds, boolean openedAll, long failed, double p50, double p99,
            double p999, double max, long deltas, double delivered, double cpuPer1000, double heapMb, int threads, double openSeconds,
            String note) {
        static Step parse(String line) {
            List<String> f = fields(line);
            if (f.size() != 16) {
                throw new IllegalArgumentException("a scale CSV row needs 16 fields, not " + f.size() + ": " + line);
            }
            return new Step(f.get(0), Integer.parseInt(f.get(1)), f.get(2).equals("yes"), f.get(3).equals("yes"),
                    Long.parseLong(f.get(4)), Double.parseDouble(f.get(5)), Double.parseDouble(f.get(6)),
                    Double.parseDouble(f.get(7)), Double.parseDouble(f.get(8)), Long.parseLong(f.get(9)),
                    Double.parseDouble(f.get(10)), Double.parseDouble(f.get(11)), Double.parseDouble(f.get(12)),
                    Integer.parseInt(f.get(13)), Double.parseDouble(f.get(14)), f.get(15));
        }

        /** Comma-separated, the last field possibly in double quotes (with no quote inside). */
        private static List<String> fields(String line) {
            List<String> out = new ArrayList<>();
            int i = 0;
            while (i <= line.length()) {
                if (i < line.length() && line.charAt(i) == '"') {
                    int end = line.indexOf('"', i + 1);
                    out.add(line.substring(i + 1, end));
                    i = end + 2;
                } else {
                    int comma = line.indexOf(',', i);
                    int end = comma < 0 ? line.length() : comma;
                    out.add(line.substring(i, end));
                    i = end + 1;
                }
            }
            return out;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ScaleReport <csv> <markdownOut> <pngOut>");
        }
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        Map<String, List<Step>> byContender = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                Step step = Step.parse(line);
                byContender.computeIfAbsent(step.contender(), k -> new ArrayList<>()).add(step);
            }
        }
        if (byContender.isEmpty()) {
            throw new IllegalStateException("no rows in " + args[0] + ": did every client fail to start? See its logs.");
        }
        Files.writeString(Path.of(args[1]), markdown(byContender), StandardCharsets.UTF_8);
        plot(byContender, Path.of(args[2]));
    }

    static String markdown(Map<String, List<Step>> byContender) {
        StringBuilder md = new StringBuilder();
        md.append("| contender | largest N holding p99 ≤ 50 ms, 0 failed | where it stops |\n|---|---:|---|\n");
        byContender.forEach((contender, steps) -> {
            int largest = steps.stream().filter(Step::holds).mapToInt(Step::streams).max().orElse(0);
            Step stop = steps.stream().filter(s -> !s.holds()).findFirst().orElse(null);
            md.append("| ").append(contender).append(" | ").append(largest == 0 ? "none" : String.format(Locale.ROOT, "%,d", largest))
                    .append(" | ").append(stop == null ? "held at every step run" : why(stop)).append(" |\n");
        });
        md.append("\n| contender | live streams | holds | failed | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) "
                + "| deltas in window | delivered | CPU s per 1,000 deltas | heap after GC (MB) | live threads | ramp + open (s) |\n"
                + "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        byContender.forEach((contender, steps) -> steps.forEach(s -> md.append(String.format(Locale.ROOT,
                "| %s | %,d | %s | %,d | %.2f | %.2f | %.2f | %.1f | %,d | %.0f%% | %.3f | %,.0f | %,d | %.1f |%n",
                contender, s.streams(), s.holds() ? "yes" : "**no**", s.failed(), s.p50(), s.p99(), s.p999(), s.max(),
                s.deltas(), s.delivered() * 100, s.cpuPer1000(), s.heapMb(), s.threads(), s.openSeconds()))));
        return md.toString();
    }

    private static String why(Step stop) {
        List<String> reasons = new ArrayList<>();
        if (stop.p99() > P99_LIMIT_MS) {
            reasons.add(String.format(Locale.ROOT, "p99 %.0f ms", stop.p99()));
        }
        if (stop.failed() > 0) {
            reasons.add(String.format(Locale.ROOT, "%,d failed", stop.failed()));
        }
        if (stop.delivered() < 0.95) {
            reasons.add(String.format(Locale.ROOT, "%.0f%% of deltas delivered", stop.delivered() * 100));
        }
        if (!stop.openedAll()) {
            reasons.add("not all opened");
        }
        String note = stop.note().isBlank() ? "" : ": " + stop.note().replace("|", "/");
        return String.format(Locale.ROOT, "at %,d (%s%s)", stop.streams(), String.join(", ", reasons), note);
    }

    private static void plot(Map<String, List<Step>> byContender, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        byContender.forEach((contender, steps) -> {
            XYSeries series = new XYSeries(contender);
            // A step with no delta in its window has no p99 to draw; a log axis needs values above zero.
            steps.stream().filter(s -> s.p99() > 0).forEach(s -> series.add(s.streams(), s.p99()));
            data.addSeries(series);
        });
        JFreeChart chart = ChartFactory.createXYLineChart("p99 delivery latency against live streams",
                "live streams (log)", "p99 latency, ms (log)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        // Logarithmic both ways: the ladder grows 40-fold and latencies span from under 1 ms to seconds.
        LogarithmicAxis x = new LogarithmicAxis("live streams (log)");
        x.setStrictValuesFlag(false);
        int fewest = byContender.values().stream().flatMap(List::stream).mapToInt(Step::streams).min().orElse(500);
        x.setRange(Math.min(300, fewest * 0.7), 30_000);
        plot.setDomainAxis(x);
        LogarithmicAxis y = new LogarithmicAxis("p99 latency, ms (log)");
        y.setStrictValuesFlag(false);
        double highest = byContender.values().stream().flatMap(List::stream).mapToDouble(Step::p99).max().orElse(100);
        y.setRange(0.5, Math.max(200, highest * 2));
        plot.setRangeAxis(y);
        ValueMarker limit = new ValueMarker(P99_LIMIT_MS, Color.RED, new BasicStroke(1.5f));
        limit.setLabel("p99 limit, 50 ms");
        limit.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        limit.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(limit);
        plot.setRenderer(new XYLineAndShapeRenderer(true, true));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 600);
    }
}
