#!/usr/bin/env bash
# Fuzzes the CSV reader and the per-kind validators with libFuzzer for a bounded time:
#   scripts/fuzz.sh [SECONDS]     (default 60)
# Builds Fuzz/ (neocloud-fuzz) with -D FUZZING, AddressSanitizer and libFuzzer's coverage
# instrumentation into .build-fuzz/, seeds a corpus from Samples/*.csv and Fuzz/seeds/, runs it,
# and exits non-zero on a finding (the crashing input is left in .build-fuzz/findings/).
# Not part of the test suite or CI. Environment: FUZZ_CONFIG (release, the default, or debug),
# FUZZ_MAX_LEN (default 70000).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
case "$seconds" in '' | *[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number, got '$seconds'." >&2; exit 64 ;; esac

scratch=.build-fuzz
config="${FUZZ_CONFIG:-release}"
swift_bin="$(dirname "$(readlink -f "$(command -v swiftc)")")"
clang_lib="$(ls -d "$swift_bin"/../lib/clang/*/lib/linux 2>/dev/null | head -n 1)"
fuzzer_lib="$clang_lib/libclang_rt.fuzzer_no_main-x86_64.a"
if [ ! -f "$fuzzer_lib" ]; then
  echo "fuzz.sh: libFuzzer ($fuzzer_lib) is not part of this Swift toolchain." >&2
  exit 69
fi

echo "fuzz.sh: building neocloud-fuzz (ASan + libFuzzer coverage) into $scratch/" >&2
# -sanitize=fuzzer would link libFuzzer's own main next to the executable's; link the driver
# without main (the harness calls LLVMFuzzerRunDriver) and instrument with -sanitize-coverage.
swift build --scratch-path "$scratch" -c "$config" --product neocloud-fuzz \
  -Xswiftc -DFUZZING \
  -Xswiftc -sanitize=address \
  -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
  -Xlinker "$fuzzer_lib" -Xlinker -lstdc++ >&2
binary="$(swift build --scratch-path "$scratch" -c "$config" --product neocloud-fuzz --show-bin-path)/neocloud-fuzz"

corpus="$scratch/corpus"
findings="$scratch/findings"
mkdir -p "$corpus" "$findings"
known="$(ls "$findings" | wc -l)"  # findings of earlier runs stay, and do not count again
# Seeds: every sample with the byte that forces its kind and with 0 (detect from the header).
kinds=(rubric providers facilities market_prices fleets loans contracts uptime assessments)
for i in "${!kinds[@]}"; do
  sample="Samples/${kinds[$i]}.csv"
  [ -f "$sample" ] || continue
  { printf "\\x$(printf '%02x' $((i + 1)))"; cat "$sample"; } > "$corpus/sample-${kinds[$i]}"
  { printf '\x00'; cat "$sample"; } > "$corpus/sample-detect-${kinds[$i]}"
done
cp Fuzz/seeds/* "$corpus/"

log="$scratch/fuzz.log"
echo "fuzz.sh: running for ${seconds} s (log: $log)" >&2
set +e
ASAN_OPTIONS="detect_leaks=0:quarantine_size_mb=64:${ASAN_OPTIONS:-}" NEOCLOUD_FUZZ_SAMPLES="$PWD/Samples" \
  "$binary" "$corpus" \
  -dict=Fuzz/csv.dict \
  -max_total_time="$seconds" \
  -rss_limit_mb=2048 \
  -max_len="${FUZZ_MAX_LEN:-70000}" \
  -timeout=10 \
  -print_final_stats=1 \
  -artifact_prefix="$findings/" >"$log" 2>&1
status=$?
set -e

grep -E '^#[0-9]+ +(DONE|INITED)|^stat::|^Done|SUMMARY|ERROR|crash-|leak-|timeout-|oom-' "$log" || true
found="$(($(ls "$findings" | wc -l) - known))"
if [ "$status" -ne 0 ] || [ "$found" -gt 0 ]; then
  echo "fuzz.sh: FINDING (exit $status); inputs in $findings/:" >&2
  ls -l "$findings" >&2
  exit 1
fi
echo "fuzz.sh: no finding in ${seconds} s." >&2
