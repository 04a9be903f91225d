#!/usr/bin/env bash
# The sample tour of README.md: system packages if missing, a release build, then
# init + import + field evidence + rank + explain + risk + the report's watch list + customers + a
# customer default + a simulated probability of default over Samples/ into a fresh database
# (tour.sqlite).
# The samples tell their story as of 2026-11-23, so the tour pins --as-of to that date.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-packages.sh
swift build -c release
bin=.build/release/neocloud
db=${NEOCLOUD_TOUR_DB:-tour.sqlite}
rm -f "$db" "$db-wal" "$db-shm"
"$bin" --db "$db" init
"$bin" --db "$db" import Samples/
"$bin" --db "$db" evidence statuspage Samples/evidence/auroragrid-incidents.json --provider auroragrid
"$bin" --db "$db" evidence cmax Samples/evidence/cinder-ai-cmax-audit.json --provider cinder-ai
echo; echo "== neocloud rank --as-of 2026-11-23"
"$bin" --db "$db" rank --as-of 2026-11-23 --format table
echo; echo "== neocloud explain cinder-ai --as-of 2026-11-23 (security: evidence from the cmax audit)"
"$bin" --db "$db" explain cinder-ai --as-of 2026-11-23 --format table | sed -n '/^Security/,/^$/p'
echo; echo "== neocloud explain auroragrid --as-of 2026-11-23 (uptime from the status page)"
"$bin" --db "$db" explain auroragrid --as-of 2026-11-23 --format table | grep -E '^(uptime_12m|mttr_12m) '
echo; echo "== neocloud risk --as-of 2026-11-23"
"$bin" --db "$db" risk --as-of 2026-11-23 --format table
echo; echo "== neocloud report --as-of 2026-11-23 (the watch list: ember-cloud needs its revolver when its bridge balloons)"
"$bin" --db "$db" report --as-of 2026-11-23 --output - | grep -o 'ember-cloud</span>: needs its revolver in [0-9-]*' | sed 's/<[^>]*>//g'
echo; echo "== neocloud customers --as-of 2026-11-23 --provider cinder-ai (whom it depends on)"
"$bin" --db "$db" customers --as-of 2026-11-23 --provider cinder-ai --format table
echo; echo "== neocloud risk --as-of 2026-11-23 --top-customer-default 1 (cinder-ai turns high without Vesperline AI)"
"$bin" --db "$db" risk --as-of 2026-11-23 --top-customer-default 1 --format table
echo; echo "== neocloud risk --as-of 2026-11-23 --simulate 10000 --seed 1 (probability of default, with the portfolio's count)"
"$bin" --db "$db" risk --as-of 2026-11-23 --simulate 10000 --seed 1 --format table
