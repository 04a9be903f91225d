#!/usr/bin/env bash
# Monte Carlo benchmark for neocloud (CREDIT §C.6, §C.8): `risk --simulate N` over generated
# universes, N paths × P providers.
#
# Usage: Benchmarks/simulate.sh [PROVIDERS ...]        (default: 2000)
#
# Builds the release binary (`swift build -c release`), generates each universe with
# Benchmarks/gen_universe.py (cached, as run.sh does), imports it into a fresh database, then
# times with GNU time
#   neocloud risk --as-of 2026-11-23 --format json --simulate N       for N in $PATHS
# and prints wall seconds, CPU seconds (user + system), peak RSS, and the wall cost per path and
# per provider-path; `risk` without --simulate is timed too, so the simulation's own cost shows.
# Target (CREDIT §C.8): N = 10,000 over 2,000 providers in ≤ 60 s on 2 cores and ≤ 1 GB.
#
# Environment:
#   NEOCLOUD_UNIVERSE_DIR  cache of universes and databases (default ${TMPDIR:-/tmp}/neocloud-universe)
#   PATHS                  the path counts to time (default "1000 5000 10000")
#   NEOCLOUD_BIN           a neocloud binary to time instead of building one
#   NEOCLOUD_THREADS       passed through (default: every core)
#   AS_OF                  the as-of date (default 2026-11-23)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${NEOCLOUD_UNIVERSE_DIR:-${TMPDIR:-/tmp}/neocloud-universe}
AS_OF=${AS_OF:-2026-11-23}
read -r -a PATH_COUNTS <<<"${PATHS:-1000 5000 10000}"
SIZES=("$@")
((${#SIZES[@]})) || SIZES=(2000)

die() { echo "simulate.sh: $*" >&2; exit 1; }
for n in "${SIZES[@]}" "${PATH_COUNTS[@]}"; do
  [[ $n =~ ^[0-9]+$ && $n -ge 1 ]] || die "sizes and PATHS must be positive integers, got '$n'"
done
[[ -x /usr/bin/time ]] || die "GNU time is missing: sudo apt-get install -y time"

if [[ -n ${NEOCLOUD_BIN:-} ]]; then
  BIN=$NEOCLOUD_BIN
else
  echo "building release ..." >&2
  (cd "$ROOT" && swift build -c release >&2)
  BIN=$(cd "$ROOT" && swift build -c release --show-bin-path)/neocloud
fi
[[ -x $BIN ]] || die "$BIN is not an executable file"
mkdir -p "$WORK"

# timed ARGS... : prints "wall_s rss_mb cpu_s" of one run.
timed() {
  local out rc=0
  out=$(mktemp)
  /usr/bin/time -f '%e %M %U %S' -o "$out" "$@" >/dev/null 2>"$WORK/simulate.err" || rc=$?
  if ((rc != 0)); then
    cat "$WORK/simulate.err" >&2
    die "$* exited $rc"
  fi
  tail -n 1 "$out" | awk '{printf "%s %d %.2f\n", $1, ($2 + 1023) / 1024, $3 + $4}'
  rm -f "$out"
}

echo "neocloud risk --simulate, as of $AS_OF; binary: $BIN; threads: ${NEOCLOUD_THREADS:-all cores}"
printf '%-9s %7s %9s %9s %8s %12s %16s\n' providers paths seconds "CPU s" "RSS MB" "ms/path" "µs/provider-path"
for n in "${SIZES[@]}"; do
  DATA=$WORK/u$n
  if [[ ! -f $DATA/.complete || $ROOT/Benchmarks/gen_universe.py -nt $DATA/.complete ]]; then
    echo "generating $n providers into $DATA ..." >&2
    rm -rf "$DATA"
    python3 "$ROOT/Benchmarks/gen_universe.py" "$DATA" "$n"
    touch "$DATA/.complete"
  fi
  DB=$WORK/simulate-$n.sqlite
  rm -f "$DB" "$DB"-*
  "$BIN" --db "$DB" init >/dev/null 2>&1
  "$BIN" --db "$DB" import "$DATA" >/dev/null 2>"$WORK/simulate-import.err" || { cat "$WORK/simulate-import.err" >&2; die "import of $DATA failed"; }
  read -r base_s base_mb base_cpu < <(timed "$BIN" --db "$DB" risk --as-of "$AS_OF" --format json)
  printf '%-9s %7s %9s %9s %8s %12s %16s\n' "$n" 0 "$base_s" "$base_cpu" "$base_mb" - -
  for paths in "${PATH_COUNTS[@]}"; do
    read -r s mb cpu < <(timed "$BIN" --db "$DB" risk --as-of "$AS_OF" --format json --simulate "$paths")
    per_path=$(awk -v s="$s" -v b="$base_s" -v p="$paths" 'BEGIN{printf "%.3f", (s - b) * 1000 / p}')
    per_cell=$(awk -v s="$s" -v b="$base_s" -v p="$paths" -v n="$n" 'BEGIN{printf "%.3f", (s - b) * 1e6 / p / n}')
    printf '%-9s %7s %9s %9s %8s %12s %16s\n' "$n" "$paths" "$s" "$cpu" "$mb" "$per_path" "$per_cell"
  done
done
