#!/usr/bin/env bash
# Short benchmark run (about 5 minutes on 2 cores): builds sdk-bench/target/benchmarks.jar, runs the
# decoder, pipeline and end-to-end benchmarks in ONE JMH run with -prof gc, then the delivery-latency
# harness (HTTP/1.1 contenders only), and writes the tables to sdk-bench/results/ (git-ignored). The
# end-to-end benchmark has HTTP/1.1 rows and, per transport that has it, HTTP/2 rows (h2c by prior
# knowledge; the JDK's h2 over TLS, with an HTTP/1.1-over-TLS row beside it). Hold the build lock on a
# shared machine: flock /tmp/brook-build.lock sdk-bench/run.sh
#   jmh.json / jmh.txt   the JMH result and log
#   summary.md           decoder, pipeline and end-to-end tables with ratios and targets, and HTTP/2 vs HTTP/1.1
#   latency.md           delta latency and time to first event per contender
# Environment: MVN_ARGS (default "-o"; set to "" for the first build, to download dependencies),
#              JMH_ARGS (default "-f 1 -wi 2 -w 1s -i 3 -r 2s"; BENCHMARKS.md used "-f 1 -wi 2 -w 2s -i 5 -r 2s"),
#              LATENCY_ARGS (default "200 200 50": warm-up requests, measured requests, deltas per request).
set -euo pipefail
cd "$(dirname "$0")/.."

MVN_ARGS=${MVN_ARGS--o}
JMH_ARGS=${JMH_ARGS:-"-f 1 -wi 2 -w 1s -i 3 -r 2s"}
LATENCY_ARGS=${LATENCY_ARGS:-"200 200 50"}
OUT=sdk-bench/results
JAR=sdk-bench/target/benchmarks.jar

# sdk-bench alone is cleaned first, so that no class compiled by a JDK 21+ build (vthreads.sh) stays in the jar.
# shellcheck disable=SC2086
mvn -B -q $MVN_ARGS -pl sdk-bench clean
# shellcheck disable=SC2086
mvn -B -q $MVN_ARGS -pl sdk-bench -am package -DskipTests
mkdir -p "$OUT"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -version 2>&1 | sed 's/^/jdk: /'
  echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
} > "$OUT/machine.txt"

# One JMH run: every benchmark below shares the JVM build, machine state and settings.
# shellcheck disable=SC2086
java -jar "$JAR" 'SseDecoderBenchmark|PipelineBenchmark|EndToEndBenchmark' $JMH_ARGS -prof gc \
  -rf json -rff "$OUT/jmh.json" | tee "$OUT/jmh.txt" | grep -E '^(Benchmark|SseDecoder|Pipeline|EndToEnd)' || true

# shellcheck disable=SC2086
java -cp "$JAR" dev.brook.bench.LatencyBench $LATENCY_ARGS "$OUT/latency.md" > "$OUT/latency.log" 2>&1

java -cp "$JAR" dev.brook.bench.Summarize "$OUT/jmh.json" > "$OUT/summary.md"

echo
cat "$OUT/machine.txt"
echo
cat "$OUT/summary.md"
echo
cat "$OUT/latency.md"
