#!/usr/bin/env bash
# Installs what the project needs beyond npm: Debian's Python gRPC with protoc 3.21 and its gRPC
# plugin (the other-language client test; python3-grpc-tools embeds protoc 3.5, which predates proto3
# `optional`, so it cannot compile our contracts) and Chromium (the report screenshot test). Idempotent: installs only what is missing.
set -euo pipefail
packages=()
/usr/bin/python3 -c 'import grpc' 2>/dev/null || packages+=(python3-grpcio)
command -v protoc >/dev/null 2>&1 || packages+=(protobuf-compiler)
command -v grpc_python_plugin >/dev/null 2>&1 || packages+=(protobuf-compiler-grpc)
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
# Silent when there is nothing to do: this runs before every `npm start` / `npm run aero` command.
if ((${#packages[@]} == 0)); then exit 0; fi
sudo=()
if [[ "$(id -u)" != 0 ]]; then sudo=(sudo); fi
echo "setup: installing ${packages[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
