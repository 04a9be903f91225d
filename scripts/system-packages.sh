#!/usr/bin/env bash
# Installs what neocloud needs to build and test (when missing): the Debian packages (libcsv and
# libxlsxwriter for the build, sqlite3 and python3 for scripts and tests) and, from PyPI, the
# openpyxl that the tests use to read the .xlsx workbooks back.
# Usage: scripts/system-packages.sh [--update]   (run as root, or it prints the command)
set -euo pipefail
packages=(libsqlite3-dev libcsv-dev libxlsxwriter-dev sqlite3 python3 python3-pip)
openpyxl_version=3.1.5
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
has_openpyxl() { python3 -c 'import openpyxl' 2>/dev/null; }
if [[ ${1:-} == --update || ${#missing[@]} -gt 0 ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "neocloud needs: sudo apt-get install -y ${packages[*]}" >&2
    exit 69
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${packages[@]}" >/dev/null
fi
if ! has_openpyxl; then
  # Debian's Python is "externally managed" (PEP 668); in a CI container or a developer's
  # pyenv/venv a plain install works, else say so rather than fail the whole script.
  python3 -m pip install --quiet "openpyxl==$openpyxl_version" 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages "openpyxl==$openpyxl_version" \
    || { echo "neocloud's tests need openpyxl: python3 -m pip install openpyxl==$openpyxl_version" >&2; exit 69; }
  has_openpyxl || { echo "openpyxl is installed but python3 cannot import it." >&2; exit 69; }
fi
