#!/usr/bin/env bash
# Opens the HTML report in headless Chromium, offline, and fails loudly unless it loads without
# errors, asks the network for nothing, and holds the tier and risk tables and the charts.
#
#   scripts/browser-check.sh [REPORT.html]
#
# Without an argument it builds a report from Samples/ (init + import into a temporary database,
# as of 2026-11-23, like the tour). Installs Debian's chromium when it is missing (needs root).
# Environment:
#   NEOCLOUD_BIN        the neocloud binary (default: `swift build`, then its debug binary)
#   BROWSER_CHECK_OUT   where to write the screenshot (default: .build/browser-check/report.png)
#   BROWSER_CHECK_DOCS  when 1, also writes a downscaled docs/report.png (needs python3 PIL)
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "browser-check: FAIL: $*" >&2
  exit 1
}
note() { echo "browser-check: $*" >&2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/browser-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- the browser ----------------------------------------------------------------------------
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  [[ $(id -u) == 0 ]] || fail "chromium is not installed and installing it needs root (apt-get install -y chromium)."
  note "installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y chromium >"$work/apt.log" 2>&1; then
    apt-get update >>"$work/apt.log" 2>&1 || true
    apt-get install -y chromium >>"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log" >&2; fail "apt-get install chromium failed."; }
  fi
  browser=$(command -v chromium || true)
  [[ -n $browser ]] || fail "chromium is still missing after apt-get install."
fi

# Offline: a network namespace with only a down loopback, so any request fails. Root can make
# one; others may through a user namespace; else the CSP and log checks below still hold.
offline=()
if unshare -n true 2>/dev/null; then
  offline=(unshare -n)
elif unshare -rn true 2>/dev/null; then
  offline=(unshare -rn)
else
  note "cannot make a network namespace; relying on the page's CSP and the browser log"
fi

# --- the page -------------------------------------------------------------------------------
expected_providers=""
if [[ $# -ge 1 ]]; then
  page=$(realpath "$1")
  [[ -f $page ]] || fail "no such file: $1"
else
  bin=${NEOCLOUD_BIN:-}
  if [[ -z $bin ]]; then
    swift build >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; fail "swift build failed."; }
    bin="$(swift build --show-bin-path)/neocloud"
  fi
  [[ -x $bin ]] || fail "no neocloud binary at $bin."
  db="$work/samples.sqlite"
  page="$work/report.html"
  "$bin" --db "$db" init >/dev/null 2>"$work/init.err" || { cat "$work/init.err" >&2; fail "neocloud init failed."; }
  "$bin" --db "$db" import Samples/ >/dev/null 2>"$work/import.err" || { cat "$work/import.err" >&2; fail "neocloud import Samples/ failed."; }
  "$bin" --db "$db" report --as-of 2026-11-23 --output "$page" >"$work/report.out" 2>"$work/report.err" \
    || { cat "$work/report.err" >&2; fail "neocloud report failed."; }
  [[ ! -s $work/report.out ]] || fail "neocloud report printed on stdout: $(head -c 200 "$work/report.out")"
  grep -q "^wrote " "$work/report.err" || fail "neocloud report did not say 'wrote FILE' on stderr."
  expected_providers=$(($(grep -c . Samples/providers.csv) - 1))
fi

# --- static checks: nothing that could load ---------------------------------------------------
# The SVG namespace name is an identifier, not a request.
stripped=$(sed 's#xmlns="http://www.w3.org/2000/svg"##g' "$page")
for pattern in '<script' 'http:' 'https:' '<link' 'src=' 'url(' '@import' '<iframe' '<object' '<embed'; do
  if grep -qiF -- "$pattern" <<<"$stripped"; then
    fail "the page contains '$pattern': it must load nothing (no scripts, links or external assets)."
  fi
done
grep -qF "Content-Security-Policy" "$page" || fail "the page has no Content-Security-Policy."

# --- the browser: DOM ---------------------------------------------------------------------------
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --no-default-browser-check
  --disable-extensions --disable-background-networking --disable-sync --disable-component-update
  --user-data-dir="$work/profile" --enable-logging=stderr --v=0)
url="file://$page"
if ! timeout 90 "${offline[@]}" "$browser" "${flags[@]}" --log-net-log="$work/dom.netlog.json" --dump-dom "$url" \
  >"$work/dom.html" 2>"$work/dom.log"; then
  tail -20 "$work/dom.log" >&2
  fail "chromium could not load the page (--dump-dom)."
fi
dom="$work/dom.html"
grep -q '<table class="tiers">' "$dom" || fail "the tier table is not in the rendered DOM."
grep -q '<table class="risk">' "$dom" || fail "the risk table is not in the rendered DOM."
svgs=$(grep -o '<svg' "$dom" | wc -l)
((svgs >= 2)) || fail "expected the DSCR and cash charts as inline SVG, found $svgs <svg> elements."
tier_rows=$(sed -n '/<table class="tiers">/,/<\/table>/p' "$dom" | grep -c '<tr[^>]*data-provider=' || true)
risk_rows=$(sed -n '/<table class="risk">/,/<\/table>/p' "$dom" | grep -c '<tr[^>]*data-provider=' || true)
source_rows=$(sed -n '/<table class="tiers">/,/<\/table>/p' "$page" | grep -c '<tr[^>]*data-provider=' || true)
((tier_rows == source_rows)) || fail "the browser shows $tier_rows tier rows, the file has $source_rows."
((tier_rows == risk_rows)) || fail "the tier table has $tier_rows providers, the risk table $risk_rows."
if [[ -n $expected_providers ]]; then
  ((tier_rows == expected_providers)) || fail "expected $expected_providers providers from Samples/, the page shows $tier_rows."
fi

# --- the browser: screenshot, and what it logged ------------------------------------------------
shot=${BROWSER_CHECK_OUT:-.build/browser-check/report.png}
mkdir -p "$(dirname "$shot")"
shot=$(realpath "$shot")
rm -f "$shot"
if ! timeout 90 "${offline[@]}" "$browser" "${flags[@]}" --log-net-log="$work/shot.netlog.json" \
  --screenshot="$shot" --window-size=1280,2000 "$url" >"$work/shot.out" 2>"$work/shot.log"; then
  tail -20 "$work/shot.log" >&2
  fail "chromium could not take a screenshot."
fi
[[ -s $shot ]] || fail "chromium wrote no screenshot."
(($(stat -c %s "$shot") > 20000)) || fail "the screenshot is suspiciously small (blank page?)."

# Console messages (a CSP violation, a failed load) and network errors mean the page tried
# something it must not. D-Bus and GPU chatter from a headless container is not about the page,
# nor are console messages of Chromium's own pages (`source: chrome://...`, e.g. its
# "Slow network is detected" note from a built-in component, seen in CI).
problems=$(cat "$work/dom.log" "$work/shot.log" \
  | grep -E 'CONSOLE|Content Security Policy|Refused to|Failed to load|net::ERR_|Uncaught' \
  | grep -v 'source: chrome://' || true)
[[ -z $problems ]] || {
  echo "$problems" | head -20 >&2
  fail "the browser logged errors or blocked requests while loading the page."
}

# Every request the page made, from Chromium's net log. The browser's own background fetches
# (component updates, network time, spelling dictionaries) have no page initiator and are not
# keyed to the file:// page, so they are left out; the offline namespace fails them anyway.
requests=$(python3 - "$work/dom.netlog.json" "$work/shot.netlog.json" <<'PY'
import json, sys
for path in sys.argv[1:]:
    try:
        with open(path) as handle:
            text = handle.read().rstrip().rstrip(",")
        log = json.loads(text if text.endswith("}") else text + "]}")
    except (OSError, ValueError) as error:
        print(f"unreadable net log {path}: {error}")
        continue
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    for event in log.get("events", []):
        params = event.get("params", {})
        if event.get("type") != start:
            continue
        url = params.get("url", "")
        if url.startswith(("file:", "data:", "about:", "chrome:")):
            continue
        from_page = params.get("initiator") != "not an origin" or "file://" in params.get("network_isolation_key", "")
        if from_page:
            print(url)
PY
) || fail "could not read Chromium's net log (python3 is needed)."
[[ -z $requests ]] || {
  echo "$requests" | sort -u | head -20 >&2
  fail "the page asked the network for the URLs above; it must load nothing."
}

if [[ ${BROWSER_CHECK_DOCS:-0} == 1 ]]; then
  mkdir -p docs
  python=$(command -v /usr/bin/python3 || command -v python3)
  "$python" - "$shot" docs/report.png <<'PY' || fail "could not write docs/report.png (python3 PIL missing?)."
import sys
from PIL import Image
image = Image.open(sys.argv[1]).convert("RGB")
image = image.resize((image.width * 3 // 4, image.height * 3 // 4), Image.LANCZOS)
# An octree palette keeps the small badge and bar colours that median cut merges.
image.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(sys.argv[2], optimize=True)
PY
  (($(stat -c %s docs/report.png) < 200000)) || fail "docs/report.png is 200 KB or more."
  note "wrote docs/report.png ($(stat -c %s docs/report.png) bytes)"
fi

note "ok: $tier_rows providers in both tables, $svgs charts, no network requests, no console errors; screenshot $shot"
