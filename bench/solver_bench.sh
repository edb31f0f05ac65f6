#!/bin/sh
# SPDX-License-Identifier: ISC
# This file contains the solver benchmark (docs/benchmarks.md, "Solver"):
# it generates instances of every preset, solves them with rotad solve,
# the greedy first-fit baseline and (tiny, small, city) the exact ILP
# with coinor-cbc, checks every plan with rotad check, and prints one
# table row per run: preset variant seed method seconds peak-KB filled
# positions fairness pairs violations.
#
#   bench/solver_bench.sh [BUILD_DIR] [PRESETS...]
#
# ILP=0 skips the ILP rows.
# SHAPES=1 generates the instances with gen_instance.py --shapes (the
# shapes of issue 20: back-to-back visits, chains, DST, night boundaries;
# the variant column then reads realistic+s / scarce+s).
#
# Needs coinor-cbc for the ILP rows (installed here when missing and
# running as root; CI does not run this script).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
shift 2>/dev/null || true
presets=${*:-tiny small city region nation}
rotad=$build/daemon/rotad
greedy=$build/bench/bench_greedy
helper=$build/bench/bench_ilp_helper
out=${BENCH_OUT:-$(mktemp -d /tmp/rota-solver-bench.XXXXXX)}
seeds_small=${SEEDS:-"1 2 3 4 5"}
shapes=
label=
if [ "${SHAPES:-0}" = 1 ]; then
	shapes=--shapes
	label=+s
fi

if ! command -v cbc >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y coinor-cbc \
		    >/dev/null
	else
		echo "note: coinor-cbc missing, ILP rows skipped" >&2
	fi
fi
cmake --build "$build" --target rotad bench_greedy bench_ilp_helper \
    >/dev/null

budget() {
	case $1 in
	tiny | small) echo 2 ;;
	city) echo 2 ;;
	region) echo 15 ;;
	nation) echo 100 ;;
	esac
}

row() { # preset variant seed method seconds kb plan instance
	python3 - "$@" "$rotad" <<'EOF'
import json, subprocess, sys
p, v, seed, method, secs, kb, plan, inst, rotad = sys.argv[1:]
r = subprocess.run([rotad, "check", inst, plan, "--json"],
                   capture_output=True, text=True)
c = json.loads(r.stdout)
s = c["score"]
print("%-6s %-9s %4s %-7s %8.2f %8d %6d %6d %11.1f %6d %3d" % (
    p, v, seed, method, float(secs), int(kb), s["filled"], s["positions"],
    s["fairness"], s["pairs"], len(c["violations"])))
EOF
}

printf "%-6s %-9s %4s %-7s %8s %8s %6s %6s %11s %6s %3s\n" preset variant \
    seed method seconds peak_kb filled posns fairness pairs vio
for p in $presets; do
	case $p in
	tiny | small) seeds=$seeds_small ;;
	city) seeds="1 2" ;;
	*) seeds=1 ;;
	esac
	for v in realistic scarce; do
		for seed in $seeds; do
			inst=$out/$p-$v-$seed.json
			python3 "$here/gen_instance.py" "$p" --variant "$v" \
			    --seed "$seed" $shapes -o "$inst"
			/usr/bin/time -f "%e %M" -o "$out/t" "$rotad" solve \
			    "$inst" --seconds "$(budget "$p")" --seed 1 \
			    --out "$out/plan-solver.json"
			set -- $(cat "$out/t")
			row "$p" "$v$label" "$seed" solver "$1" "$2" \
			    "$out/plan-solver.json" "$inst"
			/usr/bin/time -f "%e %M" -o "$out/t" "$greedy" "$inst" \
			    >"$out/plan-greedy.json"
			set -- $(cat "$out/t")
			row "$p" "$v$label" "$seed" greedy "$1" "$2" \
			    "$out/plan-greedy.json" "$inst"
			case $p in
			tiny | small | city) ;;
			*) continue ;;
			esac
			command -v cbc >/dev/null 2>&1 || continue
			[ "${ILP:-1}" = 0 ] && continue
			if ILP_HELPER=$helper ROTAD=$rotad /usr/bin/time \
			    -f "%e %M" -o "$out/t" python3 "$here/ilp.py" \
			    "$inst" --seconds "${ILP_SECONDS:-900}" \
			    --out "$out/plan-ilp.json" >"$out/ilp.json"; then
				set -- $(cat "$out/t")
				row "$p" "$v$label" "$seed" ilp "$1" "$2" \
				    "$out/plan-ilp.json" "$inst"
				python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('#   ilp proven optimal: filled %s, fairness %s; bounds: filled <= %s, fairness >= %s; %s cuts' % (d['optimal_stage1'], d.get('optimal_stage2'), d.get('filled_bound'), d.get('fairness_bound'), d['cuts']))" "$out/ilp.json"
			else
				echo "# $p $v $seed: ilp did not finish"
			fi
		done
	done
done
