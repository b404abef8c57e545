#!/usr/bin/env bash
# `npm start` / `npm run aero -- <command>`: the AERO command line, installing what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/ensure-installed.sh
exec node --require tsx/cjs apps/orchestrator/src/cli.ts "$@"
