#!/usr/bin/env bash
# Fuzzes each parser for a while with Jazzer (coverage-guided), one target after the other, and prints
# each target's executions, coverage and corpus from libFuzzer's last status line. Findings are written
# by Jazzer next to the test's committed inputs (src/test/resources/.../<Test>Inputs/<method>/) and then
# replay in every `mvn verify`; the growing corpus stays in sdk-core/.cifuzz-corpus/ (git-ignored).
# Usage: sdk-bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET ...]   (default 600 s, every target)
# With SAVE_CORPUS=1, each target's corpus is then copied beside its committed inputs (files are named by
# their SHA-1, so inputs already there are not duplicated), for `mvn verify` to replay: commit them.
# Targets: SseDecoderFuzzTest EventParserFuzzTest PartialJsonFuzzTest MessageAccumulatorFuzzTest
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-600}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(SseDecoderFuzzTest EventParserFuzzTest PartialJsonFuzzTest MessageAccumulatorFuzzTest)
MVN_ARGS=${MVN_ARGS--o}
mkdir -p sdk-bench/results
# Build once (core and its tests), so each target's time is fuzzing, not compiling.
# shellcheck disable=SC2086
mvn -B -q $MVN_ARGS -pl sdk-core test-compile
for t in "${TARGETS[@]}"; do
  log="sdk-bench/results/fuzz-$t.log"
  # Its own process group, so the surefire fork stops with it when the time is up.
  # shellcheck disable=SC2086
  setsid env JAZZER_FUZZ=1 mvn -B $MVN_ARGS -pl sdk-core surefire:test -Dtest="$t" > "$log" 2>&1 &
  pid=$!
  started=$SECONDS
  for _ in $(seq "$SECONDS_PER_TARGET"); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  # SIGINT: libFuzzer stops and prints its stats; a TERM would save the current input as a "crash".
  kill -INT -- -"$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  crash=$(grep -cE 'Java Exception|FuzzerSecurityIssue|crash-' "$log")
  if [ "${SAVE_CORPUS:-0}" = 1 ]; then
    corpus=$(find sdk-core/.cifuzz-corpus -mindepth 2 -maxdepth 2 -type d -path "*.$t/*" | head -n 1)
    inputs=$(find sdk-core/src/test/resources -type d -path "*/${t}Inputs/*" | head -n 1)
    if [ -n "$corpus" ] && [ -n "$inputs" ]; then
      cp -n "$corpus"/* "$inputs"/ 2>/dev/null
      echo "$t: corpus saved to $inputs ($(ls "$inputs" | wc -l) inputs)"
    fi
  fi
  # The time it actually ran: a finding stops the target early.
  echo "$t: $((SECONDS - started))s of ${SECONDS_PER_TARGET}s; ${last:-no status line}; findings: $crash"
done
