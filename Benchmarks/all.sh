#!/usr/bin/env bash
# Every benchmark in one command (DESIGN §6): the import comparison against the C yardstick and
# the sqlite3 shell (1,000,000 fleet rows), then the scale benchmark (rank, risk, recompute over
# 500 / 1,000 / 2,000 providers). Prints each one's report; the import ratio line is repeated last.
# Usage: Benchmarks/all.sh [YARDSTICK]   (the shared bench run.sh or its directory, e.g.
#        ../shared/bench; else $NEOCLOUD_SHARED_BENCH; environment as for import.sh and run.sh)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
(cd "$root" && swift build -c release >&2)
export NEOCLOUD_BIN=${NEOCLOUD_BIN:-$root/.build/release/neocloud}
import_report=$(mktemp)
trap 'rm -f "$import_report"' EXIT
"$here/import.sh" "${IMPORT_ROWS:-1000000}" "${1:-${NEOCLOUD_SHARED_BENCH:-}}" | tee "$import_report"
echo
"$here/run.sh"
echo
grep '^import ratio' "$import_report" || true
