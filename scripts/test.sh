#!/usr/bin/env bash
# The test command of README.md: system packages if missing, then the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-packages.sh
swift test
