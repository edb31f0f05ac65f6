#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# The long fuzz run (issue 18): every libFuzzer target of tests/fuzz/ for
# at least ten minutes, through scripts/fuzz.sh (same build, corpora,
# dictionaries, sanitizers and crasher handling), then one summary line
# per target for docs/benchmarks.md.
#
#   scripts/fuzz_long.sh [target...]   default: every target
#   FUZZ_SECONDS=600                   time per target (default 600 s)
#   FUZZ_JOBS=1                        parallel processes per target
#
# Five targets at the default take 50 minutes of one core each (plus the
# clang build); run it on an otherwise idle machine.  Exit status is
# fuzz.sh's: 1 when any target found a crash, leak, UB or timeout.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=$root/build-fuzz
export FUZZ_SECONDS=${FUZZ_SECONDS:-600}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(instance route civil rules feed)

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
t0=$(date +%s)
scripts/fuzz.sh "${targets[@]}"
rc=$?
t1=$(date +%s)

echo
echo "== fuzz_long: ${FUZZ_SECONDS}s per target, started $started," \
     "$((t1 - t0))s in all, exit $rc"
printf '%-10s %14s %10s %8s %8s %8s\n' target execs exec/s cov ft corpus
for t in "${targets[@]}"; do
	log=$build/fuzz_$t.log
	[ -f "$log" ] || { echo "$t: no log"; continue; }
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	# The last status line: "#N  DONE  cov: C ft: F corp: K/..."
	last=$(grep -E '^#[0-9]+' "$log" | tail -1)
	cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
	ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
	corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
	printf '%-10s %14s %10s %8s %8s %8s\n' "$t" "${execs:--}" \
	    "${rate:--}" "${cov:--}" "${ft:--}" "${corp:--}"
done
exit $rc
