#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Installs the dependencies, builds rota and starts rotad with demo data in
# ./rota.db, printing the web app's address with a login (user "demo", an
# admin, and a new password at every start), the API base URL and a
# coordinator token.  Run again on the same ./rota.db it keeps the data and
# prints the same token (kept, mode 0600, in ./rota.db.demo-tokens).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
echo "building rota (log: build/build.log)..."
mkdir -p build
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >build/build.log 2>&1 ||
	{ cat build/build.log; exit 1; }
cmake --build build -j"$(nproc)" >>build/build.log 2>&1 ||
	{ tail -50 build/build.log; exit 1; }
exec build/daemon/rotad --demo --create --db rota.db "$@"
