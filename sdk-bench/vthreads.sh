#!/usr/bin/env bash
# Sync streams on virtual threads at scale (about 2.5 minutes on 2 cores with the defaults): builds
# sdk-bench/target/benchmarks.jar on a JDK 21+ (so the Java 21 client in src/main/java21 is in it), then for
# each transport starts a loopback SSE server in a JVM of its own (dev.brook.bench.PacedSseServer, Netty,
# HTTP/1.1) and a client JVM (dev.brook.bench.VirtualThreadStreams) that opens STREAMS Brook sync streams
# at once, one virtual thread each, and measures the time until all have their first event, peak platform
# threads, heap after a GC with all open, delivery latency of every delta, and failed streams. Writes
# sdk-bench/results/vthreads.md (git-ignored) and prints it; logs go to sdk-bench/results/vthreads-*.log.
# Each stream: message_start, then DELTAS text deltas, one every INTERVAL_MS, each carrying the server's
# write time, then message_stop. The defaults (30 s per stream) outlast the opening of all 10,000, so all are
# open at once; INTERVAL_MS=250 makes 40,000 deltas/s, which saturates 2 cores shared by client and server. Run it under the build lock: flock /tmp/brook-build.lock sdk-bench/vthreads.sh
# Environment: STREAMS (default 10000), DELTAS (default 30), INTERVAL_MS (default 1000),
#              TRANSPORTS (default "jdk okhttp"), JAVA21_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64),
#              CLIENT_JVM_ARGS (default "-Xmx4g"), SERVER_JVM_ARGS (default "-Xmx2g"),
#              MVN_ARGS (default "-o"; set to "" if an artifact is missing), SKIP_BUILD (set to 1 to reuse the jar).
set -euo pipefail
cd "$(dirname "$0")/.."

STREAMS=${STREAMS:-10000}
DELTAS=${DELTAS:-30}
INTERVAL_MS=${INTERVAL_MS:-1000}
TRANSPORTS=${TRANSPORTS:-"jdk okhttp"}
JAVA21_HOME=${JAVA21_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
CLIENT_JVM_ARGS=${CLIENT_JVM_ARGS:-"-Xmx4g"}
SERVER_JVM_ARGS=${SERVER_JVM_ARGS:-"-Xmx2g"}
MVN_ARGS=${MVN_ARGS--o}
OUT=sdk-bench/results
JAR=sdk-bench/target/benchmarks.jar
JAVA="$JAVA21_HOME/bin/java"
# A stream lasts DELTAS x INTERVAL_MS; opening 10,000 takes seconds more. Past this, the client is stopped.
CLIENT_LIMIT_S=$(( 180 + DELTAS * INTERVAL_MS / 1000 + 180 ))

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  # sdk-bench alone is cleaned first: a jar built on JDK 17 must not keep Java 21 classes, nor the reverse.
  # shellcheck disable=SC2086
  JAVA_HOME="$JAVA21_HOME" mvn -B -q $MVN_ARGS -pl sdk-bench clean
  # shellcheck disable=SC2086
  JAVA_HOME="$JAVA21_HOME" mvn -B -q $MVN_ARGS -pl sdk-bench -am package -DskipTests -Dmaven.javadoc.skip
fi
mkdir -p "$OUT"
ROWS="$OUT/vthreads-rows.md"
: > "$ROWS"

# The kernel's count of connections dropped because an accept queue was full, and of SYNs sent again: what
# makes opening 10,000 connections at once slow, if anything.
tcp_counter() {
  awk -v name="$1" '/^TcpExt:/ { if (!seen) { for (i = 1; i <= NF; i++) col[$i] = i; seen = 1 } else print $col[name] }' \
    /proc/net/netstat
}
KERNEL_NOTES=

SERVER_PID=
stop_server() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}
trap stop_server EXIT

for transport in $TRANSPORTS; do
  # A fresh server per transport, so no connection of the previous client is still being served.
  PORT_FILE="$OUT/vthreads-server.port"
  rm -f "$PORT_FILE"
  # shellcheck disable=SC2086
  "$JAVA" $SERVER_JVM_ARGS -cp "$JAR" dev.brook.bench.PacedSseServer "$DELTAS" "$INTERVAL_MS" "$PORT_FILE" \
    > "$OUT/vthreads-server-$transport.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    [[ -s "$PORT_FILE" ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited; see $OUT/vthreads-server-$transport.log" >&2; exit 1; }
    sleep 0.1
  done
  [[ -s "$PORT_FILE" ]] || { echo "server did not start within 30 s" >&2; exit 1; }
  PORT=$(cat "$PORT_FILE")
  echo "[vthreads.sh] $transport: $STREAMS streams against 127.0.0.1:$PORT (server pid $SERVER_PID)"
  overflows=$(tcp_counter ListenOverflows)
  synRetrans=$(tcp_counter TCPSynRetrans)
  # shellcheck disable=SC2086
  timeout --kill-after=10 "$CLIENT_LIMIT_S" "$JAVA" $CLIENT_JVM_ARGS -cp "$JAR" dev.brook.bench.VirtualThreadStreams \
    "$transport" "http://127.0.0.1:$PORT" "$STREAMS" "$DELTAS" "$INTERVAL_MS" "$ROWS" \
    2>&1 | tee "$OUT/vthreads-$transport.log" | grep -E '^\[vthreads\]' || true
  if ! grep -q "^| $transport |" "$ROWS"; then
    echo "| $transport | HTTP/1.1 | — | client did not finish within ${CLIENT_LIMIT_S} s or failed; see vthreads-$transport.log | | | | | | | | | | | |" >> "$ROWS"
  fi
  KERNEL_NOTES="$KERNEL_NOTES $transport: accept queue overflows +$(( $(tcp_counter ListenOverflows) - overflows )), \
SYN retransmits +$(( $(tcp_counter TCPSynRetrans) - synRetrans ));"
  stop_server
done

{
  echo "### Sync streams on virtual threads ($STREAMS concurrent)"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ), git $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "- machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), \
$(free -g | awk '/^Mem:/ {print $2}') GB RAM, load $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "- JDK (client and server): $("$JAVA" -version 2>&1 | sed -n 3p)"
  echo "- settings: $STREAMS streams per transport, each on its own virtual thread; $DELTAS text deltas per stream, \
one every $INTERVAL_MS ms; HTTP/1.1 on loopback, one connection per stream; client JVM \`$CLIENT_JVM_ARGS\`, \
server JVM \`$SERVER_JVM_ARGS\` (Netty, its own JVM); ulimit -n $(ulimit -n); a cold client JVM (no warm-up)"
  echo "- kernel, while each client ran (net.core.somaxconn $(cat /proc/sys/net/core/somaxconn)):${KERNEL_NOTES%;}"
  echo
  "$JAVA" -cp "$JAR" dev.brook.bench.VirtualThreadStreams --header
  cat "$ROWS"
  echo
  echo "(time to open all: from submitting the first stream until every stream has its first event. Platform"
  echo "threads: ThreadMXBean's peak, which counts platform threads only (JVM, GC and compiler threads included),"
  echo "and the count before the first stream. Heap: used after System.gc() with every stream open, and before."
  echo "Delivery latency: the user's loop seeing a delta minus the server's write time in it; deltas in flight"
  echo "during the forced GC are left out; \"once all open\": deltas written after every stream had its first event."
  echo "Client CPU: the client JVM's CPU time from the first stream to the last (connecting, JIT and GC included),"
  echo "and that over the elapsed time as cores in use; the server JVM shares the same cores.)"
} > "$OUT/vthreads.md"

echo
cat "$OUT/vthreads.md"
