#!/usr/bin/env bash
# Opens the HTML report in headless Chromium, offline, and fails loudly unless it loads without
# errors, asks the network for nothing, and holds the tier and risk tables and the charts, and one
# provider detail per provider that each table row links to; on a 400 px wide screen, with every
# detail open, nothing overflows the page (tables scroll in their own box) and chart text stays
# at least 10 px; printed (--print-to-pdf, read with poppler's pdfinfo, pdftotext and
# pdftoppm) every page has the title, as-of date and "Page N of M", and no page is blank or, but
# the last, less than 40 % filled.
#
#   scripts/browser-check.sh [REPORT.html]
#
# Without an argument it builds a report from Samples/ (init + import into a temporary database,
# as of 2026-11-23, like the tour). Installs Debian's chromium when it is missing (needs root).
# Environment:
#   NEOCLOUD_BIN        the neocloud binary (default: `swift build`, then its debug binary)
#   BROWSER_CHECK_OUT   where to write the screenshot (default: .build/browser-check/report.png)
#   BROWSER_CHECK_DOCS  when 1, also writes downscaled docs/report.png and docs/report-phone.png
#                       (needs python3 PIL)
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

# poppler-utils (pdfinfo, pdftotext, pdftoppm) read the printed PDF.
if ! command -v pdftoppm >/dev/null || ! command -v pdfinfo >/dev/null || ! command -v pdftotext >/dev/null; then
  [[ $(id -u) == 0 ]] || fail "poppler-utils is not installed and installing it needs root (apt-get install -y poppler-utils)."
  note "installing poppler-utils"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y poppler-utils >"$work/apt-poppler.log" 2>&1 \
    || { apt-get update >>"$work/apt-poppler.log" 2>&1 && apt-get install -y poppler-utils >>"$work/apt-poppler.log" 2>&1; } \
    || { tail -20 "$work/apt-poppler.log" >&2; fail "apt-get install poppler-utils failed."; }
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
# Per-provider detail (issue 14): one closed <details> per provider, and every provider link of
# the tables leads to one of them.
details=$(grep -c '<details class="provider-detail"' "$dom" || true)
((details == tier_rows)) || fail "the page has $details provider details for $tier_rows providers."
unlinked=$(python3 - "$dom" <<'PY'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
ids = set(re.findall(r'<details class="provider-detail" id="([^"]+)"', page))
for table in ("tiers", "risk"):
    body = page.split('<table class="%s">' % table, 1)[1].split("</table>", 1)[0]
    for row in body.split("<tr")[1:]:
        if "data-provider=" not in row:
            continue
        link = re.search(r'<a href="#([^"]+)"', row)
        if not link or link.group(1) not in ids:
            print(table + ": " + row[:80])
PY
) || fail "could not read the provider links (python3 is needed)."
[[ -z $unlinked ]] || { echo "$unlinked" | head -5 >&2; fail "rows above do not link to a provider detail."; }
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

# --- a phone: 400 px wide ---------------------------------------------------------------------
# Headless Chromium keeps its window at least 500 px wide, so the page is laid out in a 400 px
# iframe (srcdoc, same origin) of a probe page. The probe copy drops the page's CSP so that one
# script may measure it: the document's scroll width, every element poking out of the viewport
# (but inside a scrolling box), tables outside a scrolling box, and the smallest chart text as
# drawn (font size × the SVG's scale). The script writes its answer into the DOM we dump.
python3 - "$page" "$work/phone.html" <<'PY' || fail "could not build the 400 px probe page."
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
probe = """<script>
(function () {
  // Measured with every provider's detail open: its charts and tables must fit too.
  document.querySelectorAll("details").forEach(function (details) { details.open = true; });
  var root = document.documentElement;
  var over = [];
  document.querySelectorAll("body *").forEach(function (element) {
    if (element.closest(".scroll")) return;
    var box = element.getBoundingClientRect();
    if (box.width > 0 && box.right > root.clientWidth + 0.5)
      over.push(element.tagName.toLowerCase() + "." +
        (typeof element.className === "string" ? element.className : element.className.baseVal || ""));
  });
  var loose = 0;
  document.querySelectorAll("table").forEach(function (table) { if (!table.closest(".scroll")) loose++; });
  var smallest = 1e9;
  document.querySelectorAll("svg").forEach(function (svg) {
    var box = svg.getBoundingClientRect();
    if (box.width === 0 || !svg.viewBox.baseVal) return;
    var scale = box.width / svg.viewBox.baseVal.width;
    svg.querySelectorAll("text").forEach(function (text) {
      smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * scale);
    });
  });
  var result = parent.document.createElement("pre");
  result.id = "probe";
  result.textContent = "width=" + root.clientWidth + " scrollWidth=" + root.scrollWidth + " looseTables=" + loose +
    " smallestChartText=" + smallest.toFixed(1) + " overflowing=" + over.length + " " + over.slice(0, 5).join(",");
  parent.document.body.appendChild(result);
})();
</script>"""
page = page.replace("</body>", probe + "\n</body>")
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">'
              '<iframe style="width:400px;height:900px;border:0" srcdoc="' + html.escape(page, quote=True) + '"></iframe>'
              '</body></html>')
PY
if ! timeout 90 "${offline[@]}" "$browser" "${flags[@]}" --window-size=1000,900 --dump-dom "file://$work/phone.html" \
  >"$work/phone.dom" 2>"$work/phone.log"; then
  tail -20 "$work/phone.log" >&2
  fail "chromium could not load the 400 px probe page."
fi
probe=$(grep -o '<pre id="probe">[^<]*' "$work/phone.dom" | sed 's/<pre id="probe">//' || true)
[[ -n $probe ]] || fail "the 400 px probe wrote no result (did the page load in the iframe?)."
note "400 px: $probe"
read -r width scroll_width loose smallest overflowing <<<"$(sed -E 's/width=([0-9]+) scrollWidth=([0-9]+) looseTables=([0-9]+) smallestChartText=([0-9.]+) overflowing=([0-9]+).*/\1 \2 \3 \4 \5/' <<<"$probe")"
((width == 400)) || fail "the probe laid the page out $width px wide, not 400."
((scroll_width <= 400)) || fail "at 400 px the page is $scroll_width px wide: something overflows the viewport ($probe)."
((overflowing == 0)) || fail "at 400 px $overflowing elements stick out of the viewport ($probe)."
((loose == 0)) || fail "$loose tables are not inside a horizontally scrolling box."
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) >= 10 else 1)" "$smallest" \
  || fail "at 400 px the smallest chart text is drawn at $smallest px; it must be at least 10 px."

phone_shot="$(dirname "$shot")/report-phone.png"
rm -f "$phone_shot"
timeout 90 "${offline[@]}" "$browser" "${flags[@]}" --screenshot="$phone_shot" --window-size=400,3000 "$url" \
  >"$work/phone-shot.out" 2>"$work/phone-shot.log" || { tail -20 "$work/phone-shot.log" >&2; fail "chromium could not take the phone screenshot."; }
[[ -s $phone_shot ]] || fail "chromium wrote no phone screenshot."

# --- paper: print to PDF ------------------------------------------------------------------------
pdf="$(dirname "$shot")/report.pdf"
rm -f "$pdf"
if ! timeout 90 "${offline[@]}" "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$pdf" "$url" \
  >"$work/pdf.out" 2>"$work/pdf.log"; then
  tail -20 "$work/pdf.log" >&2
  fail "chromium could not print the page to PDF."
fi
[[ -s $pdf ]] || fail "chromium wrote no PDF."
pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
[[ $pages =~ ^[0-9]+$ ]] || fail "pdfinfo could not read the page count of $pdf."
((pages >= 2 && pages <= 60)) || fail "the printed report has $pages pages (expected 2 to 60)."
title_text=$(grep -o '<title>[^<]*' "$page" | head -1 | sed 's/<title>//; s/&amp;/\&/g')
as_of=$(grep -o 'as of [0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\}' <<<"$title_text" | head -1)
[[ -n $as_of ]] || fail "the page title names no as-of date: $title_text"
for ((number = 1; number <= pages; number++)); do
  text=$(pdftotext -layout -f "$number" -l "$number" "$pdf" - 2>/dev/null)
  grep -qF "Page $number of $pages" <<<"$text" || fail "printed page $number lacks 'Page $number of $pages'."
  grep -qF "neocloud report" <<<"$text" || fail "printed page $number lacks the title."
  grep -qF "$as_of" <<<"$text" || fail "printed page $number lacks '$as_of'."
done
# The per-provider detail is for the screen (`neocloud show` prints one provider): not on paper.
if pdftotext "$pdf" - 2>/dev/null | grep -qF "Provider detail"; then
  fail "the printed report holds the provider detail section; print CSS should leave it out."
fi
# Ink per page, from a grey rendering: the body (inside the running header and footer) of every
# page must hold something, and every page but the last must be filled to at least 40 % of its
# height (a chart pushed whole to the next page must not leave half a page empty behind it).
pdftoppm -gray -r 24 "$pdf" "$work/page"
python3 - "$work" "$pages" <<'PY' || fail "printed pages are blank or half-empty (see above)."
import glob, sys
work, pages = sys.argv[1], int(sys.argv[2])
files = sorted(glob.glob(work + "/page-*.pgm"))
if len(files) != pages:
    print(f"pdftoppm rendered {len(files)} pages, pdfinfo counts {pages}", file=sys.stderr)
    sys.exit(1)
bad = []
for number, path in enumerate(files, 1):
    data = open(path, "rb").read()
    # Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
    fields, offset = [], 0
    while len(fields) < 4:
        while data[offset:offset + 1].isspace():
            offset += 1
        end = offset
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[offset:end])
        offset = end
    width, height = int(fields[1]), int(fields[2])
    pixels = data[offset + 1:]
    # The running lines sit in the page margins (15 mm top, 14 mm bottom of 210 mm).
    top, bottom = int(height * 16 / 210), int(height * (210 - 15) / 210)
    inked = [row for row in range(top, bottom) if min(pixels[row * width:(row + 1) * width]) < 200]
    filled = (inked[-1] - top + 1) / (bottom - top) if inked else 0.0
    print(f"page {number}: {filled:.0%} filled", file=sys.stderr)
    if not inked:
        bad.append(f"page {number} is blank")
    elif number < len(files) and filled < 0.40:
        bad.append(f"page {number} is only {filled:.0%} filled")
if bad:
    print("; ".join(bad), file=sys.stderr)
    sys.exit(1)
PY

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
  "$python" - "$phone_shot" docs/report-phone.png <<'PY' || fail "could not write docs/report-phone.png (python3 PIL missing?)."
import sys
from PIL import Image
image = Image.open(sys.argv[1]).convert("RGB")
image.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(sys.argv[2], optimize=True)
PY
  (($(stat -c %s docs/report-phone.png) < 200000)) || fail "docs/report-phone.png is 200 KB or more."
  note "wrote docs/report.png ($(stat -c %s docs/report.png) bytes) and docs/report-phone.png ($(stat -c %s docs/report-phone.png) bytes)"
fi

note "ok: $tier_rows providers in both tables, $svgs charts, no network requests, no console errors, nothing overflows at 400 px, $pages printed pages with running lines; screenshots $shot and $phone_shot, PDF $pdf"
