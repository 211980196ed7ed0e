#!/usr/bin/env bash
# Cold start (issue 22): one streaming call in a fresh JVM, per contender, measured from outside.
# About 70 s on 2 cores with the defaults and an up-to-date build (7 rows x (RUNS + 1) = 56 client JVMs).
#
# It builds sdk-bench/target/benchmarks.jar, resolves each contender's OWN class path (Brook: brook-core,
# one transport and their runtime dependencies, as jars; the official SDK: what a project depending on
# com.anthropic:anthropic-java alone resolves; bare java.net.http: nothing), starts ONE loopback server JVM
# (ColdStartServer: the test kit's FakeMessagesServer, a 200-text-delta stream, warmed up), then launches a
# fresh client JVM per run and contender, interleaved (run 1 of every contender, then run 2, ...). Each
# client makes one streaming call, returns from main (the JVM's exit is part of the time) and prints the
# time from JVM start to the first text delta and the classes loaded; the script times the whole process.
# One unmeasured run per contender first fills the page cache. Medians over RUNS.
#
# Writes sdk-bench/results/ (git-ignored): coldstart.md (the table, printed at the end), coldstart-runs.tsv
# (every run), coldstart-server.log, coldstart/*.classpath (each contender's class path).
#
# Environment: RUNS (default 7), JAVA (default: java on PATH; JDK 17 expected), JAVA25 (default
#   /usr/lib/jvm/temurin-25-jdk-amd64/bin/java; the brook-jdk, brook-okhttp and bare rows run again on it;
#   "" to skip), DELTAS (default 200), MVN_ARGS (default "-o"; "" for a first build that must download),
#   LOCK (default /tmp/brook-build.lock, held for the whole run so no other build or benchmark shares the
#   CPUs; "" to not lock. Do not wrap this script in flock on the same file: it would wait for itself).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-7}
JAVA=${JAVA:-java}
JAVA25=${JAVA25-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
DELTAS=${DELTAS:-200}
MVN_ARGS=${MVN_ARGS--o}
LOCK=${LOCK-/tmp/brook-build.lock}
OUT=sdk-bench/results
WORK=sdk-bench/target/coldstart
JAR=sdk-bench/target/benchmarks.jar
VERSION=0.1.0-SNAPSHOT

if [ -n "$LOCK" ]; then
  exec 9>>"$LOCK"
  echo "coldstart: waiting for $LOCK ..." >&2
  flock 9
fi
started_at=$SECONDS

echo "coldstart: building $JAR" >&2
# shellcheck disable=SC2086
mvn -B -q -Dstyle.color=never $MVN_ARGS -pl sdk-bench -am package -DskipTests -Dmaven.javadoc.skip
rm -rf "$WORK"
mkdir -p "$WORK" "$OUT/coldstart"

# --- Class paths -------------------------------------------------------------------------------------
# Brook's third-party runtime dependencies per module (the Brook modules themselves are added as their
# jars below). The goal resolves test scope too, so the test kit (a test dependency of transport-okhttp)
# is in the reactor; "compile" is there because, the modules not being installed, Maven 3 resolves a
# reactor module only once that phase ran (it is up to date: nothing is rebuilt). The plugin is named
# with its version because the parent pom pins none. Relative output files land in each module's target/.
echo "coldstart: resolving class paths" >&2
dep_plugin=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
# shellcheck disable=SC2086
mvn -B -q -Dstyle.color=never $MVN_ARGS -pl sdk-core,sdk-testkit,transport-jdk,transport-okhttp compile "$dep_plugin:build-classpath" \
  -DincludeScope=runtime -DexcludeGroupIds=dev.brook -Dmdep.outputFile=target/coldstart.classpath

# The official SDK as a user's project gets it: a throwaway pom with that one dependency, at the version
# the root pom manages (so its own declared OkHttp and Jackson, not the versions this build manages).
official_version=$(sed -n 's:.*<anthropic-java.version>\(.*\)</anthropic-java.version>.*:\1:p' pom.xml)
mkdir -p "$WORK/official-pom"
cat > "$WORK/official-pom/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.brook.bench</groupId>
  <artifactId>coldstart-official-classpath</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>com.anthropic</groupId>
      <artifactId>anthropic-java</artifactId>
      <version>$official_version</version>
    </dependency>
  </dependencies>
</project>
EOF
# shellcheck disable=SC2086
mvn -B -q -Dstyle.color=never $MVN_ARGS -f "$WORK/official-pom/pom.xml" "$dep_plugin:build-classpath" \
  -DincludeScope=runtime -Dmdep.outputFile=official-deps.classpath

# Each client's own classes, copied apart so no class path holds another contender's main or sdk-bench.
for c in Brook Official Bare; do
  mkdir -p "$WORK/classes-$c/dev/brook/bench"
  cp sdk-bench/target/classes/dev/brook/bench/ColdStart"$c"*.class \
     sdk-bench/target/classes/dev/brook/bench/ColdStartReport*.class "$WORK/classes-$c/dev/brook/bench/"
done

core_deps=$(cat sdk-core/target/coldstart.classpath)
jdk_deps=$(cat transport-jdk/target/coldstart.classpath)
okhttp_deps=$(cat transport-okhttp/target/coldstart.classpath)
core_jar=$PWD/sdk-core/target/brook-core-$VERSION.jar
join() { local IFS=:; echo "$*" | sed 's/::*/:/g; s/^://; s/:$//'; }
# Duplicates (core's Jackson is also in each transport's list) are dropped, keeping the first.
dedupe() { tr ':' '\n' | awk 'NF && !seen[$0]++' | paste -sd: -; }
cp_brook_jdk=$(join "$PWD/$WORK/classes-Brook" "$PWD/transport-jdk/target/brook-transport-jdk-$VERSION.jar" \
  "$core_jar" "$jdk_deps" "$core_deps" | dedupe)
cp_brook_okhttp=$(join "$PWD/$WORK/classes-Brook" "$PWD/transport-okhttp/target/brook-transport-okhttp-$VERSION.jar" \
  "$core_jar" "$okhttp_deps" "$core_deps" | dedupe)
cp_official=$(join "$PWD/$WORK/classes-Official" "$(cat "$WORK/official-pom/official-deps.classpath")" | dedupe)
cp_bare=$PWD/$WORK/classes-Bare

declare -A CP=([brook-jdk]=$cp_brook_jdk [brook-okhttp]=$cp_brook_okhttp [anthropic-java]=$cp_official
  [bare-java-net-http]=$cp_bare)
declare -A MAIN=([brook-jdk]=dev.brook.bench.ColdStartBrook [brook-okhttp]=dev.brook.bench.ColdStartBrook
  [anthropic-java]=dev.brook.bench.ColdStartOfficial [bare-java-net-http]=dev.brook.bench.ColdStartBare)
declare -A ARG=([brook-jdk]=jdk [brook-okhttp]=okhttp [anthropic-java]= [bare-java-net-http]=)

# Bytes of every file on a class path (jars and class directories), and its number of jars.
cp_bytes() { tr ':' '\n' | while read -r e; do find "$e" -type f -printf '%s\n'; done | awk '{s+=$1} END {print s+0}'; }
cp_jars() { tr ':' '\n' | grep -c '\.jar$' || true; }
for c in "${!CP[@]}"; do echo "${CP[$c]}" | tr ':' '\n' > "$OUT/coldstart/$c.classpath"; done

spec() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }
ROWS=("brook-jdk|$JAVA" "brook-okhttp|$JAVA" "anthropic-java|$JAVA" "bare-java-net-http|$JAVA")
if [ -n "$JAVA25" ]; then
  ROWS+=("brook-jdk|$JAVA25" "brook-okhttp|$JAVA25" "bare-java-net-http|$JAVA25")
fi

# --- Server --------------------------------------------------------------------------------------------
"$JAVA" -cp "$JAR" dev.brook.bench.ColdStartServer "$DELTAS" > "$OUT/coldstart-server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 120); do
  grep -q '^port=' "$OUT/coldstart-server.log" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$OUT/coldstart-server.log" >&2; exit 1; }
  sleep 0.5
done
port=$(sed -n 's/^port=\([0-9]*\).*/\1/p' "$OUT/coldstart-server.log")
[ -n "$port" ] || { echo "coldstart: the server printed no port" >&2; exit 1; }
base=http://127.0.0.1:$port

# --- Runs ----------------------------------------------------------------------------------------------
# One client JVM; appends "contender jdk process_ms first_delta_ms classes" to the runs file.
run_once() {
  local name=$1 java=$2 jdk=$3 file=$4
  local out=$WORK/client.out t0 t1
  t0=$EPOCHREALTIME
  # shellcheck disable=SC2086
  if ! timeout 120 "$java" -cp "${CP[$name]}" "${MAIN[$name]}" ${ARG[$name]} "$base" > "$out" 2> "$WORK/client.err"; then
    echo "coldstart: $name on JDK $jdk failed:" >&2
    cat "$out" "$WORK/client.err" >&2
    exit 1
  fi
  t1=$EPOCHREALTIME
  local line deltas
  line=$(grep '^first_delta_ms=' "$out")
  deltas=${line##*deltas=}
  if [ "$deltas" != "$DELTAS" ]; then
    echo "coldstart: $name on JDK $jdk saw $deltas text deltas, expected $DELTAS" >&2
    exit 1
  fi
  [ -z "$file" ] && return
  local first classes
  first=$(echo "$line" | sed 's/.*first_delta_ms=\([0-9-]*\).*/\1/')
  classes=$(echo "$line" | sed 's/.*classes=\([0-9]*\).*/\1/')
  echo "$name $jdk $(( (${t1/[.,]/} - ${t0/[.,]/}) / 1000 )) $first $classes" >> "$file"
}

declare -A JDK_OF
for row in "${ROWS[@]}"; do JDK_OF[$row]=$(spec "${row#*|}"); done

echo "coldstart: server on port $port; one unmeasured run each, then $RUNS runs of ${#ROWS[@]} rows" >&2
for row in "${ROWS[@]}"; do run_once "${row%%|*}" "${row#*|}" "${JDK_OF[$row]}" ""; done
runs=$OUT/coldstart-runs.tsv
echo "contender jdk process_ms first_delta_ms classes" > "$runs"
for r in $(seq "$RUNS"); do
  for row in "${ROWS[@]}"; do run_once "${row%%|*}" "${row#*|}" "${JDK_OF[$row]}" "$runs"; done
  echo "coldstart: run $r of $RUNS done" >&2
done

# --- Table ---------------------------------------------------------------------------------------------
# column of runs file for one row -> "median min max"
stats() { awk -v n="$1" -v j="$2" -v col="$3" '$1 == n && $2 == j {print $col}' "$runs" | sort -n |
  awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%d %d %d\n", m, v[1], v[NR]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", a / b}'; }

table=$OUT/coldstart.md
{
  echo "Cold start: one streaming call ($DELTAS text deltas, then a ~2 KB tool input, one chunk) in a fresh JVM, loopback"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "- machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "- JDKs: $("$JAVA" -version 2>&1 | sed -n 2p)${JAVA25:+; $("$JAVA25" -version 2>&1 | sed -n 2p)}; default VM options"
  echo "- settings: RUNS=$RUNS fresh JVMs per row (medians, min–max), interleaved; one unmeasured run per row first; one server JVM for all"
  echo
  echo "| contender | JDK | process ms median (min–max) | first text delta ms from JVM start, median (min–max) | classes loaded (median) | class path MB | jars | process vs bare | first delta vs bare |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  for row in "${ROWS[@]}"; do
    name=${row%%|*}; jdk=${JDK_OF[$row]}
    read -r p pmin pmax < <(stats "$name" "$jdk" 3)
    read -r f fmin fmax < <(stats "$name" "$jdk" 4)
    read -r k _ _ < <(stats "$name" "$jdk" 5)
    bytes=$(echo "${CP[$name]}" | cp_bytes)
    jars=$(echo "${CP[$name]}" | cp_jars)
    echo "$name $jdk $p $pmin $pmax $f $fmin $fmax $k $bytes $jars"
  done > "$WORK/rows"
  while read -r name jdk p pmin pmax f fmin fmax k bytes jars; do
    bp=$(awk -v n=bare-java-net-http -v j="$jdk" '$1 == n && $2 == j {print $3}' "$WORK/rows")
    bf=$(awk -v n=bare-java-net-http -v j="$jdk" '$1 == n && $2 == j {print $6}' "$WORK/rows")
    mb=$(awk -v b="$bytes" 'BEGIN {printf "%.2f", b / 1e6}')
    echo "| $name | $jdk | $p ($pmin–$pmax) | $f ($fmin–$fmax) | $k | $mb | $jars | $(ratio "$p" "$bp") | $(ratio "$f" "$bf") |"
  done < "$WORK/rows"
  echo
  echo "Targets (issue 22), medians of the same run:"
  # field $2 of contender $1's row on JDK $jdk
  get() { awk -v n="$1" -v j="$jdk" -v c="$2" '$1 == n && $2 == j {print $c}' "$WORK/rows"; }
  for jdk in $(awk '{print $2}' "$WORK/rows" | sort -u); do
    bf=$(get bare-java-net-http 6)
    for b in brook-jdk brook-okhttp; do
      f=$(get "$b" 6)
      [ -n "$f" ] && [ -n "$bf" ] || continue
      verdict=$(awk -v a="$f" -v b="$bf" 'BEGIN {print (a <= 1.3 * b) ? "met" : "missed"}')
      echo "- JDK $jdk, $b first text delta <= 1.3x bare: $(ratio "$f" "$bf") ($f vs $bf ms): $verdict"
    done
    pj=$(get brook-jdk 3); po=$(get brook-okhttp 3)
    if [ -n "$pj" ] && [ -n "$po" ]; then
      verdict=$(awk -v a="$pj" -v b="$po" 'BEGIN {print (a <= 1.1 * b) ? "met" : "missed"}')
      echo "- JDK $jdk, brook-jdk process <= 1.1x brook-okhttp: $(ratio "$pj" "$po") ($pj vs $po ms): $verdict"
    fi
  done
  echo
  echo "Process: wall time of the client's java command, measured by the script (launcher to exit, exit included)."
  echo "First text delta: System.currentTimeMillis() in user code at the first text delta, minus the VM's start"
  echo "time (RuntimeMXBean.getStartTime()). Classes: ClassLoadingMXBean.getTotalLoadedClassCount() at the end"
  echo "of main (includes the management classes that read it). Class path: total bytes (MB = 10^6) of the"
  echo "contender's own jars and client classes (files under $OUT/coldstart/)."
} > "$table"

echo
cat "$table"
echo
echo "coldstart: $((SECONDS - started_at)) s (after the lock)" >&2
