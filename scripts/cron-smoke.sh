#!/usr/bin/env bash
# Checks `neocloud schedule --install/--remove` against Debian's real cron and crontab:
# installing twice leaves one entry, other entries survive, --remove takes it out; a path with a
# newline is refused; and the installed line, run the way cron runs it (/bin/sh, a minimal
# environment, stdout and stderr captured together for the mail), mails a bad import's error
# after one header line, mails the changes of a good night, mails nothing on a quiet one, and
# keeps every line in the log.
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
crontab -l | grep -q "^30 3 \* \* \* '.*' --db '$db' recompute --fail-on high --log '$db.log' # neocloud:$db\$" \
  || { echo "cron-smoke: the entry is not the expected line" >&2; crontab -l >&2; exit 1; }
crontab -l | grep -q '# keep me$' || { echo "cron-smoke: another entry was lost" >&2; exit 1; }

# A newline in a path would be a crontab job of its own: refused (64), the crontab unchanged.
crontab -l >"$work/before"
code=0
"$bin" --db "$db" schedule --install --log "$work/x
* * * * * touch $work/PWNED" >/dev/null 2>&1 || code=$?
[[ $code == 64 ]] || { echo "cron-smoke: a --log with a newline exited $code, not 64" >&2; exit 1; }
crontab -l | cmp -s - "$work/before" || { echo "cron-smoke: the refused line changed the crontab" >&2; exit 1; }

# The installed line, run as cron runs it: what it prints is the mail.
mkdir -p "$work/drop"
printf 'provider_id,name\nx\n' >"$work/drop/providers.csv"
"$bin" --db "$db" schedule --install --import "$work/drop" >/dev/null 2>&1
line=$(crontab -l | grep "# neocloud:$db\$")
command=$(printf '%s\n' "$line" | cut -d' ' -f6-)
nightly() {
  code=0
  env -i HOME="$work" LOGNAME=root PATH=/usr/bin:/bin SHELL=/bin/sh /bin/sh -c "$command" >"$work/mail" 2>&1 || code=$?
}
nightly
[[ $code == 65 ]] || { echo "cron-smoke: the bad import exited $code, not 65" >&2; cat "$work/mail" >&2; exit 1; }
head -1 "$work/mail" | grep -q "^neocloud recompute: database $db, as of [0-9-]*, run none, exit 65 (bad data)\$" \
  || { echo "cron-smoke: the mail does not start with the header line" >&2; cat "$work/mail" >&2; exit 1; }
grep -q "nothing was imported" "$work/mail" \
  || { echo "cron-smoke: the import's error is not in the mail" >&2; cat "$work/mail" >&2; exit 1; }
grep -q "recompute run=none exit=65 " "$db.log" || { echo "cron-smoke: the log lacks the failed run" >&2; exit 1; }
# Two providers without loans: nothing reaches --fail-on high.
printf '%s\n' criterion_id,pillar,title,kind,weight net_ok,networking,Network,bool,1 rel_ok,reliability,Reliability,bool,1 \
  sec_ok,security,Security,bool,1 sw_ok,software,Software,bool,1 >"$work/drop/rubric.csv"
printf '%s\n' 'provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of,min_liquidity_usd' \
  'alpha,Alpha Cloud,neocloud,US,1000,0,2026-10-31,' 'beta,Beta GPU,neocloud,DE,5000.5,10,2026-10-31,' \
  >"$work/drop/providers.csv"
nightly
[[ $code == 0 ]] || { echo "cron-smoke: the good night exited $code" >&2; cat "$work/mail" >&2; exit 1; }
printf 'neocloud recompute: database %s, as of %s, run 1, exit 0\nalpha: new provider (tier unrated, score 0.0, grade low)\nbeta: new provider (tier unrated, score 0.0, grade low)\n' "$db" "$(date -u +%F)" \
  | cmp -s - "$work/mail" || { echo "cron-smoke: the changes' mail is not header + change lines" >&2; cat "$work/mail" >&2; exit 1; }
nightly
[[ $code == 0 && ! -s $work/mail ]] || { echo "cron-smoke: a quiet night mailed something" >&2; cat "$work/mail" >&2; exit 1; }
grep -q "recompute run=1 exit=0 " "$db.log" && grep -q "recompute run=2 exit=0 " "$db.log" \
  || { echo "cron-smoke: the log lacks the stored runs" >&2; cat "$db.log" >&2; exit 1; }

"$bin" --db "$db" schedule --remove >/dev/null 2>&1
if crontab -l | grep -q "neocloud:"; then echo "cron-smoke: --remove left the entry" >&2; exit 1; fi
crontab -l | grep -q '# keep me$' || { echo "cron-smoke: --remove lost another entry" >&2; exit 1; }
echo "cron-smoke: schedule --install twice, a refused newline, the installed line's mail and log, then --remove, against the real crontab: ok"
