#!/usr/bin/env bash
# Import comparison (DESIGN §6): wraps the shared yardstick benchmark, which times a ROWS-row
# fleets file through the C libcsv+SQLite bound, the sqlite3 shell's .import and neocloud import.
#
# Usage: Benchmarks/import.sh [ROWS [YARDSTICK]]   (ROWS default 1000000)
#   YARDSTICK              the yardstick's run.sh, or the directory holding it (it lives outside
#                          this repository, e.g. ../shared/bench); else $NEOCLOUD_SHARED_BENCH
# Environment:
#   NEOCLOUD_SHARED_BENCH  the yardstick's run.sh or its directory, when not given as an argument
#   NEOCLOUD_BIN           the binary to time (default .build/release/neocloud, built if missing)
#   BENCH_REPS             passed through (default 3)
# Prints the yardstick's full report; its last line is the ratio line.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROWS=${1:-1000000}
SHARED=${2:-${NEOCLOUD_SHARED_BENCH:-}}
if [[ -z $SHARED ]]; then
  echo "import.sh: name the yardstick benchmark: Benchmarks/import.sh ROWS PATH/TO/shared/bench" \
    "(or set NEOCLOUD_SHARED_BENCH); it is not part of this repository." >&2
  exit 64
fi
[[ -d $SHARED ]] && SHARED=$SHARED/run.sh
[[ -f $SHARED ]] || { echo "import.sh: '$SHARED' does not exist: point it at the yardstick's run.sh or its directory." >&2; exit 66; }

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
