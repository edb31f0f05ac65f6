#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Installs the dependencies, then builds and runs every test twice: an
# optimised gcc build with warnings as errors, and a clang build with
# AddressSanitizer and UndefinedBehaviorSanitizer (the daemon itself runs
# sanitized in the integration tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
jobs=$(nproc)

# One style for the tree (.clang-format): every tracked C file as formatted.
git ls-files '*.c' '*.h' | xargs clang-format --dry-run -Werror

cmake -S . -B build-ci -DCMAKE_BUILD_TYPE=RelWithDebInfo -DROTA_WERROR=ON \
      -DCMAKE_C_COMPILER=gcc >/dev/null
cmake --build build-ci -j"$jobs"
(cd build-ci && ctest -j"$jobs" --output-on-failure)

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DROTA_SANITIZE=ON \
      -DROTA_WERROR=ON -DCMAKE_C_COMPILER=clang >/dev/null
cmake --build build-asan -j"$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest -j"$jobs" --output-on-failure)

# The Debian packages (debian/, lintian clean), installed the way an
# operator would, then the installed programs run; a purge must take the
# state directory with it.  The unit tests already ran twice above.
SUDO=
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
rm -rf build-deb
DEB_BUILD_OPTIONS=nocheck scripts/deb.sh build-deb
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
  ./build-deb/rotad_*.deb ./build-deb/rota_*.deb
/usr/sbin/rotad --version
/usr/sbin/rotad -n -f /etc/rota/rotad.conf
/usr/bin/rota --version
# The first install made the database (rotad init in the postinst).
$SUDO test -s /var/lib/rota/rota.db
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get purge -y rotad rota
test ! -e /var/lib/rota && test ! -e /etc/rota/rotad.conf

# Bounded fuzzing of every parser of untrusted bytes (60 s per target by
# default); a crash fails the run and its input is kept as a regression
# test under tests/fuzz/crashers/.
FUZZ_SECONDS=${FUZZ_SECONDS:-60} scripts/fuzz.sh

# Reached only when everything above passed (set -e): the ctest tests of
# both builds.
n1=$(cd build-ci && ctest -N | sed -n 's/^Total Tests: //p')
n2=$(cd build-asan && ctest -N | sed -n 's/^Total Tests: //p')
echo "tests: $((n1 + n2)) passed, 0 failed"
