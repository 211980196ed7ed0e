#!/usr/bin/env bash
# How many live streams one JVM carries (issue 22): for each contender, a fresh loopback server JVM
# (dev.brook.bench.PacedSseServer, Netty, HTTP/1.1) and a fresh client JVM (dev.brook.bench.ScaleStreams) that
# keeps N streams live for N up LEVELS, each stream DELTAS text deltas one every INTERVAL_MS (a ping every
# PING_EVERY deltas), reopened as soon as it ends. Per N: delivery latency p50/p99/p99.9 (server write → the
# user's callback) of the deltas written in a WINDOW_S window, CPU seconds per 1,000 deltas, heap after GC,
# live threads, failed streams; the ladder stops at the first N that misses p99 ≤ 50 ms or fails a stream.
# Writes sdk-bench/results/scale.csv, scale.md (tables) and scale.png (p99 against N), all git-ignored, and
# prints scale.md. About 11 minutes on 2 cores with the defaults. Takes the build lock itself (LOCK=).
# Runs every JVM on a JDK 21+ (JAVA21_HOME), since Brook's sync contenders read on virtual threads.
# Environment: CONTENDERS (default: all of ScaleContenders.NAMES), LEVELS (default 500,1000,2000,5000,10000,
#              and 20000 when `ulimit -n` allows it), DELTAS (40), INTERVAL_MS (500), PING_EVERY (10), WINDOW_S (8),
#              JAVA21_HOME (/usr/lib/jvm/temurin-25-jdk-amd64), CLIENT_JVM_ARGS ("-Xmx4g"), SERVER_JVM_ARGS ("-Xmx2g"),
#              MVN_ARGS ("-o"; "" if an artifact is missing), SKIP_BUILD (1 reuses the jar), LOCK (/tmp/brook-build.lock).
set -euo pipefail
cd "$(dirname "$0")/.."

LOCK=${LOCK-/tmp/brook-build.lock}
if [[ -n "$LOCK" && -z "${SCALE_LOCKED:-}" ]]; then
  exec env SCALE_LOCKED=1 flock "$LOCK" "$0" "$@"
fi

CONTENDERS=${CONTENDERS:-"brook-jdk-async brook-apache-async brook-vertx-async brook-jdk-vthreads-sync \
brook-okhttp-vthreads-sync anthropic-java-threads-sync anthropic-java-async langchain4j-anthropic"}
# A process holds one socket per stream (the server too): 20,000 streams need more than 20,000 descriptors.
if [[ -z "${LEVELS:-}" ]]; then
  LEVELS=500,1000,2000,5000,10000
  if (( $(ulimit -n) >= 21000 )); then LEVELS=$LEVELS,20000; fi
fi
DELTAS=${DELTAS:-40}
INTERVAL_MS=${INTERVAL_MS:-500}
PING_EVERY=${PING_EVERY:-10}
WINDOW_S=${WINDOW_S:-8}
JAVA21_HOME=${JAVA21_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
CLIENT_JVM_ARGS=${CLIENT_JVM_ARGS:-"-Xmx4g"}
SERVER_JVM_ARGS=${SERVER_JVM_ARGS:-"-Xmx2g"}
MVN_ARGS=${MVN_ARGS--o}
OUT=sdk-bench/results
JAR=sdk-bench/target/benchmarks.jar
JAVA="$JAVA21_HOME/bin/java"
START=$(date +%s)

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  # sdk-bench alone is cleaned first: a jar built on JDK 17 must not keep Java 21 classes, nor the reverse.
  # shellcheck disable=SC2086
  JAVA_HOME="$JAVA21_HOME" mvn -B -q $MVN_ARGS -pl sdk-bench clean
  # shellcheck disable=SC2086
  JAVA_HOME="$JAVA21_HOME" mvn -B -q $MVN_ARGS -pl sdk-bench -am package -DskipTests -Dmaven.javadoc.skip
fi
mkdir -p "$OUT"
CSV="$OUT/scale.csv"
"$JAVA" -cp "$JAR" dev.brook.bench.ScaleStreams --header > "$CSV"

# CPU seconds (user + system) a process has used so far, from /proc: the server's, to show whether it kept up.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / hz }' "/proc/$1/stat"
}
SERVER_NOTES=

SERVER_PID=
stop_server() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}
trap stop_server EXIT

# Each step waits up to 90 s for its streams to open, then settles, measures and collects; past this the client stops.
STEPS=$(tr ',' '\n' <<< "$LEVELS" | wc -l)
CLIENT_LIMIT_S=$(( 60 + STEPS * (90 + 2 + WINDOW_S + 2 + 10) ))
n=10
for contender in $CONTENDERS; do
  # A fresh server per contender on its own loopback address (127.0.0.n): the previous client's ports in
  # TIME_WAIT belong to another address pair, so 10,000 new connections always find free ports.
  n=$(( n + 1 ))
  ADDRESS=127.0.0.$n
  PORT_FILE="$OUT/scale-server.port"
  rm -f "$PORT_FILE"
  # shellcheck disable=SC2086
  "$JAVA" $SERVER_JVM_ARGS -cp "$JAR" dev.brook.bench.PacedSseServer "$DELTAS" "$INTERVAL_MS" "$PORT_FILE" \
    "$PING_EVERY" "$ADDRESS" max-tokens > "$OUT/scale-server-$contender.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    [[ -s "$PORT_FILE" ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited; see $OUT/scale-server-$contender.log" >&2; exit 1; }
    sleep 0.1
  done
  [[ -s "$PORT_FILE" ]] || { echo "server did not start within 30 s" >&2; exit 1; }
  PORT=$(cat "$PORT_FILE")
  echo "[scale.sh] $contender against $ADDRESS:$PORT, levels $LEVELS ($(( $(date +%s) - START )) s so far)"
  before=$(wc -l < "$CSV")
  contender_start=$(date +%s)
  # shellcheck disable=SC2086
  timeout --kill-after=10 "$CLIENT_LIMIT_S" "$JAVA" $CLIENT_JVM_ARGS -cp "$JAR" dev.brook.bench.ScaleStreams \
    "$contender" "http://$ADDRESS:$PORT" "$LEVELS" "$DELTAS" "$INTERVAL_MS" "$WINDOW_S" "$CSV" \
    2>&1 | tee "$OUT/scale-$contender.log" | grep -E '^\[scale\]' || true
  if (( $(wc -l < "$CSV") == before )); then
    echo "[scale.sh] $contender wrote no row; see $OUT/scale-$contender.log" >&2
  fi
  SERVER_NOTES="$SERVER_NOTES $contender $(cpu_seconds "$SERVER_PID") s over $(( $(date +%s) - contender_start )) s;"
  stop_server
done

"$JAVA" -Djava.awt.headless=true -cp "$JAR" dev.brook.bench.ScaleReport "$CSV" "$OUT/scale-tables.md" "$OUT/scale.png"
{
  echo "### Live streams on one JVM (sdk-bench/scale.sh)"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ), git $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(( $(date +%s) - START )) s"
  echo "- machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), \
$(free -g | awk '/^Mem:/ {print $2}') GB RAM, load $(cut -d' ' -f1-3 /proc/loadavg) at the end, ulimit -n $(ulimit -n)"
  echo "- JDK (clients and servers): $("$JAVA" -version 2>&1 | sed -n 3p); client \`$CLIENT_JVM_ARGS\`, server \`$SERVER_JVM_ARGS\`"
  echo "- settings: levels $LEVELS; each stream $DELTAS text deltas, one every $INTERVAL_MS ms, a ping every $PING_EVERY; \
window ${WINDOW_S} s per step; HTTP/1.1 on loopback, one connection per live stream"
  echo "- server JVM CPU (Netty, 2 event loops; CPU seconds over the client's run):${SERVER_NOTES%;}"
  echo
  cat "$OUT/scale-tables.md"
} > "$OUT/scale.md"
echo
cat "$OUT/scale.md"
