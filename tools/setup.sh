#!/usr/bin/env bash
# Installs what the project needs beyond npm: Debian's Python gRPC (the other-language client test)
# and Chromium (the report screenshot test). Idempotent: installs only what is missing.
set -euo pipefail
packages=()
/usr/bin/python3 -c 'import grpc, grpc_tools' 2>/dev/null || packages+=(python3-grpcio python3-grpc-tools)
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
if ((${#packages[@]} == 0)); then
  echo "setup: system packages already present"
  exit 0
fi
sudo=()
if [[ "$(id -u)" != 0 ]]; then sudo=(sudo); fi
echo "setup: installing ${packages[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
