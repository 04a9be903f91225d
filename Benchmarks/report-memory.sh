#!/usr/bin/env bash
# Peak memory of `neocloud report` (the HTML page) against `risk --format json` over generated
# universes, with GNU time -v: how much of the report's memory is the page and how much the
# projection it shares with `risk`.
#
# Usage: Benchmarks/report-memory.sh [PROVIDERS ...]      (default: 1000 10000)
#
# Environment:
#   NEOCLOUD_BIN           the binary to measure (default: `swift build -c release`, then its binary)
#   NEOCLOUD_UNIVERSE_DIR  cache of universes and databases (default ${TMPDIR:-/tmp}/neocloud-universe)
#   AS_OF                  the as-of date (default 2026-11-23)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${NEOCLOUD_UNIVERSE_DIR:-${TMPDIR:-/tmp}/neocloud-universe}
AS_OF=${AS_OF:-2026-11-23}
die() { echo "report-memory.sh: $*" >&2; exit 1; }
case ${1:-} in
  -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  -*) die "unknown option '$1' (usage: Benchmarks/report-memory.sh [PROVIDERS ...])" ;;
esac
SIZES=("$@")
((${#SIZES[@]})) || SIZES=(1000 10000)
for n in "${SIZES[@]}"; do [[ $n =~ ^[0-9]+$ && $n -ge 1 ]] || die "PROVIDERS must be positive integers, got '$n'"; done
[[ -x /usr/bin/time ]] || die "GNU time is missing: sudo apt-get install -y time"
if [[ -n ${NEOCLOUD_BIN:-} ]]; then
  BIN=$NEOCLOUD_BIN
else
  (cd "$ROOT" && swift build -c release >&2)
  BIN=$(cd "$ROOT" && swift build -c release --show-bin-path)/neocloud
fi
[[ -x $BIN ]] || die "$BIN is not an executable file"
mkdir -p "$WORK"

# peak LABEL CMD...: runs CMD under GNU time -v, prints "seconds peak_MB".
peak() {
  local log
  log=$(mktemp)
  /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$WORK/report-memory.err" || { cat "$WORK/report-memory.err" >&2; die "$* failed"; }
  awk -F': ' '/Maximum resident set size/ {kb=$2} /Elapsed \(wall clock\)/ {wall=$2} END {printf "%s %d", wall, (kb+1023)/1024}' "$log"
  rm -f "$log"
}

printf '%-10s %-22s %-22s %s\n' providers "risk --format json" "report (HTML)" "page size"
for n in "${SIZES[@]}"; do
  data=$WORK/u$n
  if [[ ! -f $data/.complete ]]; then
    rm -rf "$data"
    python3 "$ROOT/Benchmarks/gen_universe.py" "$data" "$n" >&2
    touch "$data/.complete"
  fi
  db=$WORK/report-memory-$n.sqlite
  if [[ ! -f $db ]]; then
    "$BIN" --db "$db" init >/dev/null 2>&1
    "$BIN" --db "$db" import "$data" >/dev/null 2>&1 || die "import of $data failed"
  fi
  read -r risk_s risk_mb <<<"$(peak "$BIN" --db "$db" risk --as-of "$AS_OF" --format json --output "$WORK/risk-$n.json")"
  read -r report_s report_mb <<<"$(peak "$BIN" --db "$db" report --as-of "$AS_OF" --output "$WORK/report-$n.html")"
  printf '%-10s %-22s %-22s %s\n' "$n" "$risk_mb MB ($risk_s)" "$report_mb MB ($report_s)" \
    "$(($(stat -c %s "$WORK/report-$n.html") / 1024)) KB"
done
