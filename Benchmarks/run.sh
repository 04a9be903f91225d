#!/usr/bin/env bash
# Scale benchmark for neocloud (DESIGN §6): rank, risk and recompute over generated universes.
#
# Usage: Benchmarks/run.sh [PROVIDERS ...]        (default: 500 1000 2000)
#
# Builds the release binary (`swift build -c release`), generates each universe with
# Benchmarks/gen_universe.py (cached), imports it into a fresh database, then times with GNU time
#   neocloud rank      --as-of 2026-11-23 --format json
#   neocloud risk      --as-of 2026-11-23 --format json
#   neocloud recompute --as-of 2026-11-23        (when the binary has `recompute`)
# and prints wall seconds and CPU seconds (user + system; recompute uses every core), medians of
# BENCH_REPS runs, and peak RSS per size, with the wall cost per provider so that linearity shows. At 2,000 providers the universe is the §6 one: 200,000 fleets, 20,000
# loans, 100,000 contracts, 48,000 uptime rows; target for recompute: ≤ 10 s and ≤ 1 GB.
#
# Environment:
#   NEOCLOUD_UNIVERSE_DIR  cache of universes and databases (default ${TMPDIR:-/tmp}/neocloud-universe)
#   BENCH_REPS             runs per command (default 3; the median time and the largest RSS are shown)
#   NEOCLOUD_BIN           a neocloud binary to time instead of building one
#   AS_OF                  the as-of date (default 2026-11-23)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${NEOCLOUD_UNIVERSE_DIR:-${TMPDIR:-/tmp}/neocloud-universe}
REPS=${BENCH_REPS:-3}
AS_OF=${AS_OF:-2026-11-23}
SIZES=("$@")
((${#SIZES[@]})) || SIZES=(500 1000 2000)

die() { echo "run.sh: $*" >&2; exit 1; }
for n in "${SIZES[@]}"; do [[ $n =~ ^[0-9]+$ && $n -ge 1 ]] || die "PROVIDERS must be positive integers, got '$n'"; done
[[ $REPS =~ ^[0-9]+$ && $REPS -ge 1 ]] || die "BENCH_REPS must be a positive integer"
if [[ ! -x /usr/bin/time ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >&2
  else
    die "GNU time is missing: sudo apt-get install -y time"
  fi
fi

if [[ -n ${NEOCLOUD_BIN:-} ]]; then
  BIN=$NEOCLOUD_BIN
else
  echo "building release ..." >&2
  (cd "$ROOT" && swift build -c release >&2)
  BIN=$(cd "$ROOT" && swift build -c release --show-bin-path)/neocloud
fi
[[ -x $BIN ]] || die "$BIN is not an executable file"
HAS_RECOMPUTE=0
# `recompute --help` exits 0 even without the subcommand (the root help prints), so look at
# the usage line too.
if help=$("$BIN" recompute --help 2>/dev/null) && grep -q 'USAGE: neocloud recompute' <<<"$help"; then
  HAS_RECOMPUTE=1
fi
mkdir -p "$WORK"

# timed LABEL CMD... : runs CMD with GNU time; appends "seconds rss_kb" to $WORK/LABEL.runs.
timed() {
  local label=$1; shift
  local out rc=0
  out=$(mktemp)
  /usr/bin/time -f '%e s %M KB %U %S' -o "$out" "$@" >/dev/null 2>"$WORK/$label.err" || rc=$?
  # exit 3 is recompute's --fail-on; anything else but 0 is a failure of the benchmark
  if ((rc != 0)); then
    cat "$WORK/$label.err" >&2
    die "$label exited $rc"
  fi
  # seconds, peak RSS KB, CPU seconds (user + system)
  tail -n 1 "$out" | awk '{print $1, $3, $5 + $6}' >>"$WORK/$label.runs"
  rm -f "$out"
}
median_cpu() { awk '{print $3}' "$WORK/$1.runs" | sort -n | awk '{a[NR]=$1} END{print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
median_s() { awk '{print $1}' "$WORK/$1.runs" | sort -n | awk '{a[NR]=$1} END{print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
peak_mb() { awk '{print $2}' "$WORK/$1.runs" | sort -n | tail -n 1 | awk '{printf "%d", ($1+1023)/1024}'; }

COMMANDS=(import rank risk)
((HAS_RECOMPUTE)) && COMMANDS+=(recompute)
ROWS=()
for n in "${SIZES[@]}"; do
  DATA=$WORK/u$n
  if [[ ! -f $DATA/.complete || $ROOT/Benchmarks/gen_universe.py -nt $DATA/.complete ]]; then
    echo "generating $n providers into $DATA ..." >&2
    rm -rf "$DATA"
    python3 "$ROOT/Benchmarks/gen_universe.py" "$DATA" "$n"
    touch "$DATA/.complete"
  fi
  DB=$WORK/u$n.sqlite
  for c in "${COMMANDS[@]}"; do rm -f "$WORK/$c-$n.runs"; done
  for ((r = 1; r <= REPS; r++)); do
    echo "$n providers, run $r/$REPS" >&2
    rm -f "$DB" "$DB"-*
    "$BIN" --db "$DB" init >/dev/null 2>&1
    timed "import-$n" "$BIN" --db "$DB" import "$DATA"
    timed "rank-$n" "$BIN" --db "$DB" rank --as-of "$AS_OF" --format json
    timed "risk-$n" "$BIN" --db "$DB" risk --as-of "$AS_OF" --format json
    if ((HAS_RECOMPUTE)); then
      timed "recompute-$n" "$BIN" --db "$DB" recompute --as-of "$AS_OF"
    fi
  done
  fleets=$(($(wc -l <"$DATA/fleets.csv") - 1))
  ROWS+=("$n $fleets")
done

echo
echo "neocloud scale benchmark, as of $AS_OF, $REPS run(s) each (median seconds, peak RSS)"
echo "binary: $BIN"
((HAS_RECOMPUTE)) || echo "(this binary has no recompute; rank and risk only)"
printf '%-10s %-9s %8s %9s %9s %9s %12s %13s\n' command providers fleets seconds "CPU s" "RSS MB" "ms/provider" "marginal ms"
# ms/provider: wall time / providers (includes the fixed cost of starting and opening the
# database); marginal ms: the extra wall time per extra provider from the previous size, the
# slope that shows linearity.
for c in "${COMMANDS[@]}"; do
  prev_n=""
  prev_s=""
  for row in "${ROWS[@]}"; do
    read -r n fleets <<<"$row"
    s=$(median_s "$c-$n")
    per=$(awk -v s="$s" -v n="$n" 'BEGIN{printf "%.3f", s * 1000 / n}')
    marginal=-
    if [[ -n $prev_n && $n != "$prev_n" ]]; then
      marginal=$(awk -v s="$s" -v ps="$prev_s" -v n="$n" -v pn="$prev_n" \
        'BEGIN{printf "%.3f", (s - ps) * 1000 / (n - pn)}')
    fi
    printf '%-10s %-9s %8s %9s %9s %9s %12s %13s\n' "$c" "$n" "$fleets" "$s" "$(median_cpu "$c-$n")" \
      "$(peak_mb "$c-$n")" "$per" "$marginal"
    prev_n=$n
    prev_s=$s
  done
done
