#!/usr/bin/env bash
# Before/after comparison of two neocloud binaries on one generated universe (DESIGN §6).
#
# Usage: Benchmarks/compare.sh BIN_A BIN_B [PROVIDERS]      (default 2000 providers)
#
# Imports the universe once per binary (each into its own database: a newer schema cannot be
# shared), then runs rank, risk and (when both binaries have it) recompute with A and B
# alternately, BENCH_REPS times each (default 5), each recompute on a fresh copy of the
# binary's imported database, and prints the median wall and CPU (user + system) seconds and
# the peak RSS of each. Wall clock on a shared machine is noisy; CPU seconds much less so. Also
# checks that both binaries print byte-identical rank and risk JSON.
# Environment: NEOCLOUD_UNIVERSE_DIR (cache, as for run.sh), BENCH_REPS, AS_OF.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[[ $# -ge 2 ]] || { echo "usage: compare.sh BIN_A BIN_B [PROVIDERS]" >&2; exit 64; }
A=$1
B=$2
N=${3:-2000}
WORK=${NEOCLOUD_UNIVERSE_DIR:-${TMPDIR:-/tmp}/neocloud-universe}
REPS=${BENCH_REPS:-5}
AS_OF=${AS_OF:-2026-11-23}
for bin in "$A" "$B"; do [[ -x $bin ]] || { echo "compare.sh: $bin is not executable" >&2; exit 66; }; done

DATA=$WORK/u$N
mkdir -p "$WORK"
if [[ ! -f $DATA/.complete || $ROOT/Benchmarks/gen_universe.py -nt $DATA/.complete ]]; then
  rm -rf "$DATA"
  python3 "$ROOT/Benchmarks/gen_universe.py" "$DATA" "$N"
  touch "$DATA/.complete"
fi
# One database per binary, each made and imported by that binary: a newer binary migrates an
# older database when it opens it, which the older binary then refuses (exit 73).
DB_A=$WORK/compare-$N-a.sqlite
DB_B=$WORK/compare-$N-b.sqlite
for side in A B; do
  bin=$A
  db=$DB_A
  [[ $side == B ]] && bin=$B && db=$DB_B
  rm -f "$db" "$db"-* "$db".bak-*
  "$bin" --db "$db" init >/dev/null 2>&1
  "$bin" --db "$db" import "$DATA" 2>/dev/null
done

has_recompute() {
  local help
  help=$("$1" recompute --help 2>/dev/null) && grep -q 'USAGE: neocloud recompute' <<<"$help"
}
COMMANDS=(rank risk)
if has_recompute "$A" && has_recompute "$B"; then COMMANDS+=(recompute); fi

RUNS=$(mktemp -d)
trap 'rm -rf "$RUNS" "$DB_A.copy" "$DB_A.copy"-* "$DB_B.copy" "$DB_B.copy"-*' EXIT
for ((r = 1; r <= REPS; r++)); do
  for side in A B; do
    bin=$A
    DB=$DB_A
    [[ $side == B ]] && bin=$B && DB=$DB_B
    for c in "${COMMANDS[@]}"; do
      args=(--db "$DB" "$c" --as-of "$AS_OF")
      if [[ $c == recompute ]]; then
        rm -f "$DB.copy" "$DB.copy"-*
        cp "$DB" "$DB.copy"
        args=(--db "$DB.copy" recompute --as-of "$AS_OF")
      else
        args+=(--format json)
      fi
      /usr/bin/time -f '%e %M %U %S' -o "$RUNS/t" "$bin" "${args[@]}" >"$RUNS/$side-$c.out" 2>/dev/null
      awk '{print $1, $2, $3 + $4}' "$RUNS/t" >>"$RUNS/$side-$c.runs"
    done
  done
done
median() { sort -n | awk '{a[NR]=$1} END{print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }

echo "$N providers, $REPS alternating runs each, as of $AS_OF (medians)"
echo "A: $A"
echo "B: $B"
printf '%-10s %8s %8s %8s %8s %8s %8s %9s\n' command "A wall" "B wall" "A cpu" "B cpu" "A MB" "B MB" "B/A cpu"
for c in "${COMMANDS[@]}"; do
  aw=$(awk '{print $1}' "$RUNS/A-$c.runs" | median)
  bw=$(awk '{print $1}' "$RUNS/B-$c.runs" | median)
  ac=$(awk '{print $3}' "$RUNS/A-$c.runs" | median)
  bc=$(awk '{print $3}' "$RUNS/B-$c.runs" | median)
  am=$(awk '{print $2}' "$RUNS/A-$c.runs" | sort -n | tail -n 1 | awk '{printf "%d", ($1+1023)/1024}')
  bm=$(awk '{print $2}' "$RUNS/B-$c.runs" | sort -n | tail -n 1 | awk '{printf "%d", ($1+1023)/1024}')
  printf '%-10s %8s %8s %8s %8s %8s %8s %9s\n' "$c" "$aw" "$bw" "$ac" "$bc" "$am" "$bm" \
    "$(awk -v a="$ac" -v b="$bc" 'BEGIN{printf "%.2f", (a > 0) ? b / a : 0}')"
done
for c in rank risk; do
  if cmp -s "$RUNS/A-$c.out" "$RUNS/B-$c.out"; then
    echo "$c: identical JSON"
  else
    echo "$c: JSON DIFFERS"
  fi
done
