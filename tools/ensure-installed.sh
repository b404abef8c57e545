#!/usr/bin/env bash
# Makes a fresh clone runnable: installs the locked npm packages when node_modules is missing or older
# than package-lock.json, and the system packages (tools/setup.sh, idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "installing npm packages (npm ci)..." >&2
  npm ci --no-audit --no-fund >&2
fi
bash tools/setup.sh >&2
