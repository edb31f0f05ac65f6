# SPDX-License-Identifier: ISC
"""End-to-end tests of the solver: `rotad solve` on generated instances
checked by `rotad check`, determinism, quiet output off a terminal, pinned
assignments, and POST /api/v1/schedule (dry runs, writes, pinned
coordinator assignments, unfilled positions with reasons, replans that keep
continuity, one run per period at a time while the daemon keeps serving).
"""
import json
import os
import subprocess
import tempfile
import threading
import time
import unittest

from harness import ROTAD, RotadTestCase

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "..", "..", "bench", "gen_instance.py")


def generate(preset, variant="realistic", seed=1):
    out = subprocess.run(["python3", GEN, preset, "--variant", variant,
                          "--seed", str(seed)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


class SolveOfflineTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="rota-solve-")
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, doc):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            json.dump(doc, f)
        return path

    def solve(self, inst, *args):
        plan = os.path.join(self.dir, "plan.json")
        r = subprocess.run([ROTAD, "solve", inst, "--out", plan] +
                           list(args), capture_output=True, text=True,
                           timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(plan) as f:
            return json.load(f), r

    def check(self, inst, plan_doc):
        plan = self.write("checked-plan.json", plan_doc)
        r = subprocess.run([ROTAD, "check", inst, plan, "--json"],
                           capture_output=True, text=True, timeout=120)
        return r.returncode, json.loads(r.stdout)

    def test_generated_instances_pass_check(self):
        for preset in ("tiny", "small"):
            for variant in ("realistic", "scarce"):
                with self.subTest(preset=preset, variant=variant):
                    inst = self.write("i.json", generate(preset, variant))
                    plan, _ = self.solve(inst, "--seconds", "0.3")
                    rc, checked = self.check(inst, plan)
                    self.assertEqual(rc, 0, checked["violations"][:3])
                    self.assertEqual(checked["violations"], [])
                    self.assertEqual(plan["violations"], [])
                    self.assertEqual(plan["score"], checked["score"])
                    self.assertGreater(plan["score"]["filled"], 0)
                    missing = sum(u["missing"] for u in plan["unfilled"])
                    self.assertEqual(plan["score"]["positions"] -
                                     plan["score"]["filled"], missing)

    def test_same_seed_same_plan_and_quiet(self):
        inst = self.write("i.json", generate("small", "scarce", 2))
        # --no-deadline: the work budget only (a loaded machine may
        # otherwise hit the wall-clock stop at N + 1 s).
        a, ra = self.solve(inst, "--seconds", "0.2", "--seed", "5",
                           "--no-deadline")
        b, rb = self.solve(inst, "--seconds", "0.2", "--seed", "5",
                           "--no-deadline")
        self.assertEqual(a, b)
        # Not a terminal: nothing on stderr.
        self.assertEqual(ra.stderr, "")
        self.assertEqual(ra.stdout, "")

    def test_stdout_and_usage(self):
        inst = self.write("i.json", generate("tiny"))
        r = subprocess.run([ROTAD, "solve", inst, "--seconds", "0.1"],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("assignments", json.loads(r.stdout))
        r = subprocess.run([ROTAD, "solve"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)
        self.assertIn("usage", r.stderr)
        r = subprocess.run([ROTAD, "solve", inst, "--seconds", "x"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)

    def test_pinned_assignments_are_kept(self):
        doc = generate("small", "realistic", 3)
        first = self.write("i.json", doc)
        # --no-deadline: the same plan on a loaded machine (a plan cut
        # short by the clock may pin a subset that breaks a break rule).
        plan, _ = self.solve(first, "--seconds", "0.2", "--no-deadline")
        pinned = plan["assignments"][::4]
        self.assertTrue(pinned)
        doc["assignments"] = [dict(a, pinned=True) for a in pinned]
        inst = self.write("j.json", doc)
        plan2, _ = self.solve(inst, "--seconds", "0.2", "--seed", "9",
                              "--no-deadline")
        got = {(a["slot"], a["youth"]) for a in plan2["assignments"]}
        for a in pinned:
            self.assertIn((a["slot"], a["youth"]), got)
        rc, checked = self.check(inst, plan2)
        self.assertEqual(rc, 0, checked["violations"][:3])

    def test_input_violations_apart(self):
        # Issue 20: pinned back-to-back visits with no break are the
        # input's problem: reported with origin "input", exit status 1,
        # and the plan adds none (the shapes instance, many solver
        # assignments next to them).
        doc = generate("city", "realistic", 1)
        y = next(y for y in doc["youths"]
                 if y["birth_date"] > "2009-03-08" and
                 y.get("guardian_consent", "9999") < "2027-02-01")
        y["availability"] = [{"days": ["sat"], "from": "09:00",
                              "to": "18:00"}]
        y.pop("unavailable", None)
        y.pop("other_work", None)
        y.pop("max_week_hours", None)
        doc["slots"] += [
            {"id": "bb1", "home": y["homes"][0], "start": "2027-02-13T10:00",
             "end": "2027-02-13T12:30", "needed": 1},
            {"id": "bb2", "home": y["homes"][0], "start": "2027-02-13T12:30",
             "end": "2027-02-13T15:00", "needed": 1}]
        doc["assignments"] = [
            {"slot": "bb1", "youth": y["id"], "pinned": True},
            {"slot": "bb2", "youth": y["id"], "pinned": True}]
        inst = self.write("p.json", doc)
        plan = os.path.join(self.dir, "plan.json")
        r = subprocess.run([ROTAD, "solve", inst, "--out", plan,
                            "--seconds", "0.3"], capture_output=True,
                           text=True, timeout=120)
        self.assertEqual(r.returncode, 1, r.stderr)
        with open(plan) as f:
            out = json.load(f)
        self.assertTrue(out["violations"])
        for v in out["violations"]:
            self.assertEqual(v["origin"], "input", v)
            self.assertEqual(v["youth"], y["id"])
        rc, checked = self.check(inst, out)
        self.assertEqual(len(checked["violations"]), len(out["violations"]))
        # rotad check explains in the terminal user's language, as
        # gettext reads the environment (LANGUAGE first), with or without
        # a generated locale.
        checked_plan = self.write("checked-plan.json", out)
        texts = {}
        for name, env in (("en", {"LANG": "C.UTF-8"}),
                          ("nb", {"LANGUAGE": "de:nb", "LANG": "C.UTF-8"}),
                          ("nb2", {"LC_ALL": "nb_NO.UTF-8"})):
            full = {k: v for k, v in os.environ.items()
                    if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES",
                                 "LANG")}
            full.update(env)
            r = subprocess.run([ROTAD, "check", inst, checked_plan, "--json"],
                               capture_output=True, text=True, timeout=120,
                               env=full)
            self.assertEqual(r.returncode, 1, r.stderr)
            texts[name] = [v["message"] for v in
                           json.loads(r.stdout)["violations"]]
        self.assertEqual(texts["nb"], texts["nb2"])
        self.assertNotEqual(texts["en"], texts["nb"])
        self.assertTrue(any("break" in m for m in texts["en"]), texts["en"])
        self.assertTrue(any("pause" in m for m in texts["nb"]), texts["nb"])


class ScheduleApiTest(RotadTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc = generate("small", "scarce", 4)

    def setUp(self):
        self.ok("POST", "/api/v1/import", self.doc)

    def assignments(self, **q):
        qs = "&".join("%s=%s" % kv for kv in q.items())
        out, cursor = [], None
        while True:
            path = "/api/v1/assignments?limit=1000" + ("&" + qs if qs else "")
            if cursor:
                path += "&cursor=" + cursor
            r = self.ok("GET", path)
            out += r["assignments"]
            cursor = r.get("next_cursor")
            if not cursor:
                return out

    def schedule(self, **body):
        b = {"from": "2027-02-08", "to": "2027-02-21", "seconds": 0.3}
        b.update(body)
        return self.request("POST", "/api/v1/schedule", b)

    def test_dry_run_writes_nothing(self):
        r = self.schedule(dry_run=True)
        self.assertEqual(r.status, 200, r.body)
        out = r.json()
        self.assertTrue(out["dry_run"])
        self.assertEqual(out["violations"], {"input": 0, "plan": 0})
        self.assertGreater(len(out["assigned"]), 0)
        self.assertEqual(self.assignments(), [])

    def test_schedule_writes_and_explains(self):
        legal = self.schedule(dry_run=True).json()["assigned"][0]
        pin = self.ok("POST", "/api/v1/assignments",
                      {"slot": legal["slot"], "youth": legal["youth"]})
        out = self.schedule().json()
        self.assertFalse(out["dry_run"])
        self.assertEqual(out["period"]["positions"] - out["period"]["filled"],
                         sum(u["missing"] for u in out["unfilled"]))
        self.assertGreater(len(out["unfilled"]), 0)  # scarce: cannot fill
        for u in out["unfilled"]:
            self.assertTrue(u["reason"], u)
        stored = self.assignments(status="active")
        ids = {a["id"] for a in stored}
        self.assertIn(pin["id"], ids)  # the coordinator's pin survives
        for a in out["assigned"]:
            self.assertIn(a["id"], ids)
        made = {a["id"]: a["made_by"] for a in stored}
        self.assertEqual(made[pin["id"]], "coordinator")
        self.assertTrue(all(made[a["id"]] == "solver" for a in out["assigned"]))
        # The stored state passes the full check.
        viol = self.ok("GET", "/api/v1/violations")
        self.assertEqual(viol.get("violations", viol), [])

        # A second run keeps everything (nothing is movable without
        # replan) and a replan keeps continuity where it can.
        again = self.schedule(seed=3).json()
        self.assertEqual(again["removed"], [])
        replan = self.schedule(replan=True, seed=4).json()
        self.assertLessEqual(len(replan["removed"]),
                             max(1, len(out["assigned"]) // 10))
        self.assertGreaterEqual(replan["period"]["filled"],
                                out["period"]["filled"])

    def test_bad_requests(self):
        r = self.request("POST", "/api/v1/schedule", {"from": "2027-02-08"})
        self.assertError(r, 400, "missing_field")
        r = self.request("POST", "/api/v1/schedule",
                         {"from": "2027-02-08", "to": "2027-02-01"})
        self.assertError(r, 400, "invalid_field", "to")
        r = self.request("POST", "/api/v1/schedule",
                         {"from": "2027-02-08", "to": "2027-02-09", "x": 1})
        self.assertError(r, 400, "unknown_field", "x")
        r = self.request("POST", "/api/v1/schedule",
                         {"from": "2027-02-08", "to": "2027-02-09"},
                         token=False)
        self.assertEqual(r.status, 401)


class ScheduleConcurrencyTest(RotadTestCase):

    def test_one_run_per_period_and_loop_stays_responsive(self):
        self.ok("POST", "/api/v1/import", generate("city", "scarce", 1))
        result = {}

        def first():
            result["r"] = self.request("POST", "/api/v1/schedule", {
                "from": "2027-02-08", "to": "2027-03-07", "seconds": 1.5,
                "dry_run": True})

        t = threading.Thread(target=first)
        t.start()
        # Started: the worker has its 202 in the log (polled, no sleep).
        deadline = time.monotonic() + 60
        while "POST /api/v1/schedule 202" not in self.daemon.read_log():
            self.assertLess(time.monotonic(), deadline, "no 202 logged")
            time.sleep(0.02)
        # The loop answers while the run goes on (a loop blocked by the
        # solver would answer only after it: busy false, the test fails).
        r = self.request("GET", "/healthz", token=False)
        self.assertEqual(r.status, 200)
        busy = t.is_alive()
        r = self.request("POST", "/api/v1/schedule",
                         {"from": "2027-03-01", "to": "2027-03-03",
                          "dry_run": True, "seconds": 0})
        if busy and t.is_alive():
            self.assertError(r, 409, "conflict")
        # Another period is not blocked.
        r2 = self.request("POST", "/api/v1/schedule",
                          {"from": "2027-04-01", "to": "2027-04-02",
                           "dry_run": True, "seconds": 0})
        self.assertEqual(r2.status, 200, r2.body)
        t.join(60)
        self.assertTrue(busy, "the first run finished too fast to test")
        self.assertEqual(result["r"].status, 200, result["r"].body)


if __name__ == "__main__":
    unittest.main()
