#!/usr/bin/env bash
# The test command of README.md (`npm test`): contracts, types, lint, then every project's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/ensure-installed.sh
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
step() { printf '\n== %s\n' "$*"; }

step "proto: buf lint, generated code fresh"
bash tools/proto/generate.sh --check
step "proto: buf breaking against the last landed main"
bash tools/proto/breaking.sh
step "types: tsc"
npx tsc -p tsconfig.json
step "lint: eslint (module boundaries, floating promises, no shell)"
npx nx show projects >/dev/null   # builds the project graph the boundary rule reads
npx eslint .
step "tests: every project"
# One project at a time: the suites start real processes and the CI machine has 2 cores.
npx nx run-many -t test --parallel=1 --outputStyle=stream
