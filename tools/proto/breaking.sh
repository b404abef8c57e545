#!/usr/bin/env bash
# Fails when proto/ breaks wire or JSON compatibility with what came before it on main:
# uncommitted proto changes are compared with HEAD, a committed tree with its parent commit (every
# commit on main is compatible with the previous one, so every landed main is too).
set -euo pipefail
cd "$(dirname "$0")/../.."
against="${AERO_BREAKING_AGAINST:-}"
if [[ -z "$against" ]]; then
  if ! git diff --quiet HEAD -- proto 2>/dev/null; then against=HEAD
  elif git rev-parse --verify --quiet HEAD~1 >/dev/null; then against=HEAD~1
  else echo "buf breaking: first commit, nothing to compare against"; exit 0; fi
fi
if ! git cat-file -e "$against:proto/buf.yaml" 2>/dev/null; then
  echo "buf breaking: $against has no proto/ yet, nothing to compare against"; exit 0
fi
node_modules/.bin/buf breaking proto --against ".git#ref=$against,subdir=proto"
echo "buf breaking: compatible with $against"
