#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Builds the libFuzzer targets of tests/fuzz/ with clang (ASan + UBSan,
# -DROTA_FUZZ=ON) in build-fuzz and runs each for a bounded time.
#
#   scripts/fuzz.sh [target...]      default: every target
#   FUZZ_SECONDS=60                  time per target (libFuzzer
#                                    -max_total_time)
#   FUZZ_JOBS=1                      parallel fuzzing processes per target
#
# Each target starts from its checked-in corpus (tests/fuzz/corpus/<t>/,
# read only) plus a scratch corpus in build-fuzz/corpus/<t>/, and uses its
# dictionary.  A crash, leak, UB report or timeout makes the script exit
# 1 after every target has run; the crashing inputs are copied to
# tests/fuzz/crashers/<t>/, where the replay driver (ctest
# fuzz.replay.<t>) keeps running them as regression tests once fixed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=$root/build-fuzz
secs=${FUZZ_SECONDS:-60}
fjobs=${FUZZ_JOBS:-1}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(instance route civil rules rules_touched feed)

cc=${CC:-}
if [ -z "$cc" ]; then
	for c in clang clang-14; do
		command -v "$c" >/dev/null && { cc=$c; break; }
	done
fi
[ -n "$cc" ] || { echo "fuzz.sh: clang not found" >&2; exit 2; }

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_C_COMPILER="$cc" -DROTA_FUZZ=ON >/dev/null || exit 2
for t in "${targets[@]}"; do
	cmake --build "$build" -j"$(nproc)" --target "fuzz_$t" \
		>"$build/build_$t.log" 2>&1 ||
		{ cat "$build/build_$t.log"; exit 2; }
done

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=0
for t in "${targets[@]}"; do
	work=$build/corpus/$t
	art=$build/artifacts/$t
	mkdir -p "$work" "$art"
	rm -f "$art"/*
	dict=()
	par=()
	# -jobs runs children whose logs go to ./fuzz-N.log: run in $build.
	[ "$fjobs" -gt 1 ] && par=(-jobs="$fjobs" -workers="$fjobs")
	[ -f "$root/tests/fuzz/$t.dict" ] && dict=(-dict="$root/tests/fuzz/$t.dict")
	echo "== fuzz_$t: ${secs}s"
	(cd "$build" && "$build/tests/fuzz/fuzz_$t" "${dict[@]}" "${par[@]}" \
		-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$art/" \
		"$work" "$root/tests/fuzz/corpus/$t") \
		>"$build/fuzz_$t.log" 2>&1
	rc=$?
	grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE' \
		"$build/fuzz_$t.log" | tail -3
	found=("$art"/crash-* "$art"/leak-* "$art"/timeout-* "$art"/oom-*)
	copied=0
	for f in "${found[@]}"; do
		[ -f "$f" ] || continue
		mkdir -p "$root/tests/fuzz/crashers/$t"
		cp "$f" "$root/tests/fuzz/crashers/$t/"
		copied=$((copied + 1))
	done
	if [ "$rc" -ne 0 ] || [ "$copied" -gt 0 ]; then
		echo "fuzz_$t FAILED (exit $rc, $copied input(s) copied to" \
		     "tests/fuzz/crashers/$t/); log: $build/fuzz_$t.log"
		tail -40 "$build/fuzz_$t.log"
		failed=1
	fi
done
exit $failed
