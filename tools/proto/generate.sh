#!/usr/bin/env bash
# Lints the aero.v1 contracts and regenerates the TypeScript code (ts-proto) from them.
# `--check` fails if the committed generated code is not what the protos produce now.
set -euo pipefail
cd "$(dirname "$0")/../../proto"
buf=../node_modules/.bin/buf
"$buf" lint
"$buf" generate
if [[ "${1:-}" == "--check" ]]; then
  if ! git diff --quiet --exit-code -- ../libs/contracts/src/generated || [[ -n "$(git ls-files --others --exclude-standard ../libs/contracts/src/generated)" ]]; then
    echo "libs/contracts/src/generated is stale: run 'npm run gen' and commit the result" >&2
    git --no-pager diff --stat -- ../libs/contracts/src/generated >&2
    exit 1
  fi
fi
