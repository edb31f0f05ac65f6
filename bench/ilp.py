#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""This file contains the exact reference of the solver benchmark: the
assignment problem as an integer linear program, solved with Debian's
coinor-cbc (`apt-get install coinor-cbc`), lexicographically like the
solver's objective.

    ilp.py INSTANCE.json [--helper PATH] [--rotad PATH] [--seconds N]
           [--out PLAN.json] [--stage1-only]

Prints one JSON line: filled, positions, fairness, pairs, whether each
stage was proven optimal, cbc's bounds (filled_bound: no legal plan fills
more; fairness_bound: none at that coverage has a smaller sum of squared
hours), rounds of cuts and seconds; each round's progress on stderr.
--seconds is cbc's time limit (CPU seconds); --stage1-only stops after
maximising filled.

What is encoded (docs/solver.md, "The exact reference"):
  - x[y,s] binary for every youth y that may take slot s on its own (from
    its pinned assignments): availability, unavailable, lesson hours,
    consent, minimum ages, night rules, allowed homes and every other
    per-shift rule are exact by this variable fixing (bench_ilp_helper
    asks the rules engine).
  - At most `needed` per slot (pinned ones counted); a slot with
    requirements is either empty or meets each one (z[s] binary).
  - Pairs of slots one youth cannot take together (overlap, travel, rest,
    day caps of two shifts, ...): x[y,a] + x[y,b] <= 1.
  - Every rule over more shifts (weekly and rolling caps, weekly rest,
    max_week_hours, Sunday rules ...) by lazy no-good cuts: each solution
    is checked by the rules engine, and for a youth whose slots break a
    rule, a minimal set C of them that cannot go together gives
    sum x[y,C] <= |C| - 1.  Repeat until the solution is legal, so the
    final solution is legal and optimal for the full rule set (the rules
    are monotone: more shifts never repair a violation).
  - Stage 1 maximises filled positions.  Stage 2 fixes that and
    minimises sum over youths of hours^2 exactly: hours are integers in
    units of the greatest common divisor of the slot lengths, and the
    square is the maximum of the secant lines through consecutive integer
    points.  Continuity (pairs) is not optimised; it is reported.
The final plan is checked with `rotad check`.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run_cbc(lp_path, sol_path, seconds):
    cmd = ["cbc", lp_path, "sec", str(int(seconds)), "solve",
           "solution", sol_path]
    r = subprocess.run(cmd, check=True, capture_output=True, text=True)
    info = {}
    for line in r.stdout.splitlines():
        # "Objective value: 783", "Lower bound: -790" (cbc's own sense: it
        # minimises, so a maximum shows negated), "Gap: 0.01"
        for key in ("Objective value:", "Lower bound:", "Gap:"):
            if line.startswith(key):
                try:
                    info[key[:-1]] = float(line.split(":")[1])
                except ValueError:
                    pass
        if line.startswith("Result - "):
            info["result"] = line[len("Result - "):].strip()
    with open(sol_path) as f:
        head = f.readline()
        values = {}
        for line in f:
            parts = line.split()
            if len(parts) >= 3:
                values[parts[1]] = float(parts[2])
    optimal = head.startswith("Optimal")
    infeasible = "infeasible" in head.lower()
    return optimal, infeasible, values, head.strip(), info


class Model:
    def __init__(self, data):
        self.slots = data["slots"]
        self.youths = data["youths"]
        self.cuts = []  # (y, [slot indexes])
        self.slot_index = {s["id"]: i for i, s in enumerate(self.slots)}
        self.youth_index = {y["id"]: i for i, y in enumerate(self.youths)}
        self.cand = {}  # y -> [s]
        for s, sl in enumerate(self.slots):
            for y in sl["candidates"]:
                if y in sl["fixed"]:
                    continue
                self.cand.setdefault(y, []).append(s)
        mins = [sl["minutes"] for sl in self.slots] + \
            [y["fixed_minutes"] for y in self.youths if y["fixed_minutes"]]
        self.unit = 0
        for m in mins:
            self.unit = math.gcd(self.unit, int(m))
        self.unit = self.unit or 60

    def var(self, y, s):
        return "x_%d_%d" % (y, s)

    def write(self, path, stage, filled=None):
        L = []
        xs = [(y, s) for y, ss in sorted(self.cand.items()) for s in ss]
        if stage == 1:
            L.append("Maximize")
            L.append(" obj: " + (" + ".join(self.var(y, s) for y, s in xs)
                                 or "0 dummy"))
        else:
            L.append("Minimize")
            L.append(" obj: " + (" + ".join("f_%d" % y for y in self.cand)
                                 or "0 dummy"))
        L.append("Subject To")
        n = 0
        on_slot = {}
        for y, s in xs:
            on_slot.setdefault(s, []).append(y)
        zs = []
        for s, sl in enumerate(self.slots):
            ys = on_slot.get(s, [])
            if not ys:
                continue
            free = sl["needed"] - len(sl["fixed"])
            if sl["requires"]:
                z = "z_%d" % s
                zs.append(z)
                n += 1
                L.append(" c%d: %s - %d %s <= %d" % (
                    n, " + ".join(self.var(y, s) for y in ys),
                    sl["needed"], z, -len(sl["fixed"])))
                for skill, count in sl["requires"].items():
                    sk = [y for y in ys if skill in self.youths[y]["skills"]]
                    have = sum(1 for y in sl["fixed"]
                               if skill in self.youths[y]["skills"])
                    n += 1
                    lhs = " + ".join(self.var(y, s) for y in sk)
                    L.append(" c%d: %s - %d %s >= %d" % (
                        n, lhs, count, z, -have))
            else:
                n += 1
                L.append(" c%d: %s <= %d" % (
                    n, " + ".join(self.var(y, s) for y in ys), max(0, free)))
        for y, yd in enumerate(self.youths):
            mine = set(self.cand.get(y, []))
            for a, b in yd["conflicts"]:
                if a in mine and b in mine:
                    n += 1
                    L.append(" c%d: %s + %s <= 1" % (
                        n, self.var(y, a), self.var(y, b)))
        for y, ss in self.cuts:
            n += 1
            L.append(" c%d: %s <= %d" % (
                n, " + ".join(self.var(y, s) for s in ss), len(ss) - 1))
        if stage == 2:
            n += 1
            L.append(" c%d: %s >= %d" % (
                n, " + ".join(self.var(y, s) for y, s in xs), filled))
            for y, ss in sorted(self.cand.items()):
                fixed = self.youths[y]["fixed_minutes"] // self.unit
                n += 1
                L.append(" c%d: h_%d%s = %d" % (n, y, "".join(
                    " - %d %s" % (self.slots[s]["minutes"] // self.unit,
                                  self.var(y, s)) for s in ss), fixed))
                top = fixed + sum(self.slots[s]["minutes"] // self.unit
                                  for s in ss)
                for k in range(0, top + 1):
                    # f >= h^2 at integer h: the secant through k and k+1
                    n += 1
                    L.append(" c%d: f_%d - %d h_%d >= %d" % (
                        n, y, 2 * k + 1, y, -k * (k + 1)))
        L.append("Bounds")
        if stage == 2:
            for y in self.cand:
                L.append(" f_%d >= 0" % y)
                L.append(" h_%d >= 0" % y)
        L.append("Binaries")
        for y, s in xs:
            L.append(" " + self.var(y, s))
        for z in zs:
            L.append(" " + z)
        L.append("End")
        with open(path, "w") as f:
            f.write("\n".join(L) + "\n")

    def plan(self, values, inst):
        a = []
        for s, sl in enumerate(self.slots):
            for y in sl["fixed"]:
                a.append({"slot": sl["id"], "youth": self.youths[y]["id"]})
        for y, ss in sorted(self.cand.items()):
            for s in ss:
                if values.get(self.var(y, s), 0) > 0.5:
                    a.append({"slot": self.slots[s]["id"],
                              "youth": self.youths[y]["id"]})
        return {"assignments": a}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("instance")
    ap.add_argument("--helper", default=os.environ.get(
        "ILP_HELPER", "bench_ilp_helper"))
    ap.add_argument("--rotad", default=os.environ.get("ROTAD", "rotad"))
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--out")
    ap.add_argument("--stage1-only", action="store_true",
                    help="only maximise filled (fairness not optimised)")
    a = ap.parse_args()
    t0 = time.time()
    tmp = tempfile.mkdtemp(prefix="rota-ilp-")
    data = json.loads(subprocess.run(
        [a.helper, "model", a.instance], check=True, capture_output=True,
        text=True).stdout)
    with open(a.instance) as f:
        inst = json.load(f)
    m = Model(data)
    lp = os.path.join(tmp, "m.lp")
    sol = os.path.join(tmp, "m.sol")
    plan_path = a.out or os.path.join(tmp, "plan.json")
    result = {"instance": os.path.basename(a.instance)}
    rounds = 0
    filled = None
    # Fairness of the youths without a free variable (a constant), and the
    # factor from f (squared hours in gcd units) to squared real hours.
    const = sum((y["fixed_minutes"] / 60.0) ** 2
                for i, y in enumerate(m.youths) if i not in m.cand)
    fixed_x = sum(len(sl["fixed"]) for sl in m.slots)
    for stage in ((1,) if a.stage1_only else (1, 2)):
        while True:
            rounds += 1
            left = max(10, a.seconds - (time.time() - t0))
            m.write(lp, stage, filled)
            optimal, infeasible, values, head, info = run_cbc(lp, sol, left)
            if infeasible:
                raise SystemExit("ilp: stage %d infeasible: %s" % (stage, head))
            # cbc minimises: a maximum's bound shows negated.  Every
            # round's bound is valid for the full problem: the lazy cuts
            # only remove plans that break a rule.
            lb = info.get("Lower bound", info.get("Objective value"))
            if stage == 1 and lb is not None:
                ub = abs(lb) + fixed_x
                if optimal:
                    ub = info["Objective value"] + fixed_x
                result["filled_bound"] = min(
                    result.get("filled_bound", ub), ub)
            if stage == 2 and lb is not None:
                if optimal:
                    lb = info["Objective value"]
                result["fairness_bound"] = round(
                    lb * m.unit * m.unit / 3600.0 + const, 1)
            plan = m.plan(values, inst)
            with open(plan_path, "w") as f:
                json.dump(plan, f)
            cuts = json.loads(subprocess.run(
                [a.helper, "cuts", a.instance, plan_path], check=True,
                capture_output=True, text=True).stdout)
            print("ilp: stage %d round %d: %s, objective %s, bound %s, "
                  "%d new cuts, %.0f s" % (
                      stage, rounds, info.get("result", head),
                      info.get("Objective value"), lb, len(cuts),
                      time.time() - t0), file=sys.stderr, flush=True)
            if not cuts:
                break
            for c in cuts:
                m.cuts.append((m.youth_index[c["youth"]],
                               [m.slot_index[s] for s in c["slots"]]))
            if time.time() - t0 > a.seconds:
                break
        result["optimal_stage%d" % stage] = optimal and not cuts
        if stage == 1:
            filled = sum(1 for k, v in values.items()
                         if k.startswith("x_") and v > 0.5)
        if cuts or not optimal or time.time() - t0 > a.seconds:
            break
    chk = subprocess.run([a.rotad, "check", a.instance, plan_path, "--json"],
                         capture_output=True, text=True)
    checked = json.loads(chk.stdout)
    result.update(checked["score"])
    result["violations"] = len(checked["violations"])
    result["rounds"] = rounds
    result["cuts"] = len(m.cuts)
    result["seconds"] = round(time.time() - t0, 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
