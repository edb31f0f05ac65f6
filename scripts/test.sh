#!/usr/bin/env bash
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

# Bounded fuzzing of every parser of untrusted bytes (60 s per target by
# default); a crash fails the run and its input is kept as a regression
# test under tests/fuzz/crashers/.
FUZZ_SECONDS=${FUZZ_SECONDS:-60} scripts/fuzz.sh

# Reached only when everything above passed (set -e): the ctest tests of
# both builds.
n1=$(cd build-ci && ctest -N | sed -n 's/^Total Tests: //p')
n2=$(cd build-asan && ctest -N | sed -n 's/^Total Tests: //p')
echo "tests: $((n1 + n2)) passed, 0 failed"
