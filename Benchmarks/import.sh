#!/usr/bin/env bash
# Import comparison (DESIGN §6): wraps the shared yardstick benchmark, which times a ROWS-row
# fleets file through the C libcsv+SQLite bound, the sqlite3 shell's .import and neocloud import.
#
# Usage: Benchmarks/import.sh [ROWS]             (default 1000000)
# Environment:
#   NEOCLOUD_SHARED_BENCH  the yardstick's run.sh (default ../shared/bench/run.sh from the repo
#                          root, else /work/shared/bench/run.sh)
#   NEOCLOUD_BIN           the binary to time (default .build/release/neocloud, built if missing)
#   BENCH_REPS             passed through (default 3)
# Prints the yardstick's full report; its last line is the ratio line.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROWS=${1:-1000000}
SHARED=${NEOCLOUD_SHARED_BENCH:-}
if [[ -z $SHARED ]]; then
  for candidate in "$ROOT/../shared/bench/run.sh" /work/shared/bench/run.sh; do
    [[ -f $candidate ]] && { SHARED=$candidate; break; }
  done
fi
[[ -n $SHARED && -f $SHARED ]] || { echo "import.sh: the shared bench run.sh was not found; set NEOCLOUD_SHARED_BENCH" >&2; exit 69; }

BIN=${NEOCLOUD_BIN:-$ROOT/.build/release/neocloud}
if [[ ! -x $BIN ]]; then
  echo "building release ..." >&2
  (cd "$ROOT" && swift build -c release >&2)
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
bash "$SHARED" "$ROWS" "$BIN" | tee "$out"
echo
grep '^import ratio' "$out" || { echo "import.sh: no ratio line in the report" >&2; exit 1; }
