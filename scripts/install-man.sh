#!/usr/bin/env bash
# Generates the neocloud(1) man page with swift-argument-parser's generate-manual plugin (from
# the same help text as `neocloud --help`) and installs it.
#
#   scripts/install-man.sh [MANDIR]     (default: /usr/local/share/man; needs write access there)
#
# Then: man neocloud
set -euo pipefail
cd "$(dirname "$0")/.."
case ${1:-} in
  -h | --help)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  -*)
    echo "install-man: unknown option '$1' (usage: scripts/install-man.sh [MANDIR])" >&2
    exit 64
    ;;
esac
mandir=${1:-/usr/local/share/man}
swift package plugin generate-manual --configuration debug --date "$(date -u +%Y-%m-%d)" >&2
page=.build/plugins/GenerateManual/outputs/neocloud/neocloud.1
[[ -s $page ]] || { echo "install-man: the plugin wrote no $page" >&2; exit 1; }
install -d "$mandir/man1"
install -m 644 "$page" "$mandir/man1/neocloud.1"
echo "installed $mandir/man1/neocloud.1: read it with 'man neocloud'" >&2
