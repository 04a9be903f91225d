#!/usr/bin/env bash
# Checks `neocloud schedule --install/--remove` against Debian's real cron and crontab:
# installing twice leaves one entry, other entries survive, --remove takes it out.
# Usage: scripts/cron-smoke.sh [NEOCLOUD_BIN]   (installs cron when missing; run as root)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/neocloud}
[[ -x $bin ]] || swift build
if ! command -v crontab >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cron >/dev/null
fi
work=$(mktemp -d)
trap 'crontab -r 2>/dev/null || true; [[ -n ${saved:-} ]] && crontab "$saved"; rm -rf "$work"' EXIT
saved=""
if crontab -l >"$work/saved" 2>/dev/null; then saved=$work/saved; fi
db=$work/nightly.sqlite
"$bin" --db "$db" init 2>/dev/null
printf 'MAILTO=""\n0 5 * * * /bin/true # keep me\n' | crontab -
"$bin" --db "$db" schedule --install >/dev/null 2>&1
"$bin" --db "$db" schedule --install --at 03:30 >/dev/null 2>&1
n=$(crontab -l | grep -c "# neocloud:$db\$" || true)
[[ $n == 1 ]] || { echo "cron-smoke: expected one neocloud entry, found $n" >&2; crontab -l >&2; exit 1; }
crontab -l | grep -q "^30 3 \* \* \* '.*' --db '$db' recompute --fail-on high 2>> '$db.log' # neocloud:$db\$" \
  || { echo "cron-smoke: the entry is not the expected line" >&2; crontab -l >&2; exit 1; }
crontab -l | grep -q '# keep me$' || { echo "cron-smoke: another entry was lost" >&2; exit 1; }
"$bin" --db "$db" schedule --remove >/dev/null 2>&1
if crontab -l | grep -q "neocloud:"; then echo "cron-smoke: --remove left the entry" >&2; exit 1; fi
crontab -l | grep -q '# keep me$' || { echo "cron-smoke: --remove lost another entry" >&2; exit 1; }
echo "cron-smoke: schedule --install twice, then --remove, against the real crontab: ok"
