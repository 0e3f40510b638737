#!/usr/bin/env bash
# Bounded fuzzing of the decoders: each @FuzzTest of DecoderFuzzTest in Jazzer's fuzzing mode for
# its maxDuration (60 s), one Maven run per method (Jazzer fuzzes only one method per run).
#
# Usage (from the repository root): bash hotpath-collector/src/test/scripts/fuzz-decoders.sh [method...]
# Exit status: 0 when no method found anything, 1 otherwise. A crashing input is written to
# hotpath-collector/src/test/resources/io/stream4flow/collector/decode/DecoderFuzzTestInputs/<method>/
# (keep it there: plain `mvn test` then replays it); the inputs the fuzzer found interesting
# accumulate in hotpath-collector/.cifuzz-corpus/ (not versioned) and seed the next run.
#
# JUnit's @Timeout on the methods becomes libFuzzer's per-input -timeout; timeout.mode=disabled
# stops JUnit from also applying it to the whole fuzzing run (which lasts the full 60 s).
set -u
cd "$(dirname "$0")/../../../.."

methods=("$@")
if [ ${#methods[@]} -eq 0 ]; then
  methods=(ipfixDatagrams ipfixStructured netflowV9Datagrams netflowV9Structured netflowV5Datagrams)
fi

# build once, so each fuzzing run below only runs surefire
mvn -q -pl hotpath-collector -am test-compile || exit 1

failed=()
for m in "${methods[@]}"; do
  echo "=== fuzzing DecoderFuzzTest#$m"
  if ! JAZZER_FUZZ=1 mvn -pl hotpath-collector -am test \
      -Dtest="DecoderFuzzTest#$m" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djunit.jupiter.execution.timeout.mode=disabled; then
    failed+=("$m")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}"
  exit 1
fi
echo "fuzzing found nothing in: ${methods[*]}"
