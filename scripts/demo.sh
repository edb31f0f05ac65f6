#!/usr/bin/env bash
# Installs the dependencies, builds rota and starts rotad with demo data in
# ./rota.db, printing the API base URL and a coordinator token.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
exec build/daemon/rotad --demo --db rota.db "$@"
