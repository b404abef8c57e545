#!/usr/bin/env bash
# Lints the aero.v1 contracts, regenerates the TypeScript code (ts-proto) from them and the descriptor set
# that server reflection serves.
# `--check` fails if the committed generated code is not what the protos produce now.
set -euo pipefail
cd "$(dirname "$0")/../../proto"
buf=../node_modules/.bin/buf
"$buf" lint
"$buf" generate
# After `generate`, whose `clean` empties the folder. One FileDescriptorProto per .proto as the compiler
# emits it, imports included (google/protobuf/any.proto); source info kept, so reflection clients show
# the comments (grpcurl describe).
"$buf" build --as-file-descriptor-set -o ../libs/contracts/src/generated/file-descriptor-set.binpb
if [[ "${1:-}" == "--check" ]]; then
  if ! git diff --quiet --exit-code -- ../libs/contracts/src/generated || [[ -n "$(git ls-files --others --exclude-standard ../libs/contracts/src/generated)" ]]; then
    echo "libs/contracts/src/generated is stale: run 'npm run gen' and commit the result" >&2
    git --no-pager diff --stat -- ../libs/contracts/src/generated >&2
    exit 1
  fi
fi
