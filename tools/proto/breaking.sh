#!/usr/bin/env bash
# Fails when proto/ breaks wire or JSON compatibility with the last landed main.
# Before the first landing there is nothing to compare against, and that is reported, not hidden.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
against="${AERO_BREAKING_AGAINST:-}"
if [[ -z "$against" ]]; then
  if git rev-parse --verify --quiet origin/main >/dev/null; then against=origin/main
  elif git rev-parse --verify --quiet main >/dev/null; then against=main
  else echo "buf breaking: no landed main yet, nothing to compare against"; exit 0; fi
fi
if ! git cat-file -e "$against:proto/buf.yaml" 2>/dev/null; then
  echo "buf breaking: $against has no proto/ yet, nothing to compare against"; exit 0
fi
node_modules/.bin/buf breaking proto --against ".git#ref=$against,subdir=proto"
echo "buf breaking: compatible with $against"
