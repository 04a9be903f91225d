#!/usr/bin/env bash
# Installs the Debian packages neocloud needs to build and test (when missing).
# Usage: scripts/system-packages.sh [--update]   (run as root, or it prints the command)
set -euo pipefail
packages=(libsqlite3-dev libcsv-dev sqlite3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${1:-} != --update && ${#missing[@]} -eq 0 ]]; then exit 0; fi
if [[ $(id -u) -ne 0 ]]; then
  echo "neocloud needs: sudo apt-get install -y ${packages[*]}" >&2
  exit 69
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${packages[@]}" >/dev/null
