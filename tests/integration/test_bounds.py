# SPDX-License-Identifier: ISC
"""Bounded violation lists (issue 18.2): an import whose one youth sits on
hundreds of identical overlapping slots used to give one ROTA-overlap
violation per pair (a 66 KB body gave a 38 MB answer), and a forced one
stored them all in its audit row.  Overlaps are now grouped per youth and
day, and every list an answer or an audit row holds stops at 100 with the
whole number beside it.  Sizes are asserted, never times."""
import datetime
import json
import os
import sqlite3
import subprocess
import unittest

from harness import RotadTestCase, base_instance

ROTA = os.environ.get("ROTA", "rota")
LIST_MAX = 100        # RULES_JSON_LIST_MAX
ANSWER_MAX = 64 * 1024  # bytes: far above 100 violations, far below MBs


def stacked(n):
    """The base instance with Ola on n identical slots (Sat 9 Jan)."""
    inst = base_instance()
    for i in range(n):
        inst["slots"].append(
            {"id": "x%d" % i, "home": "solheim", "start": "2027-01-09T15:00",
             "end": "2027-01-09T16:00", "activity": "Quiz"})
        inst["assignments"].append({"slot": "x%d" % i, "youth": "ola"})
    return inst


def daily_pairs(days):
    """Ola on two overlapping slots a day for `days` days."""
    inst = base_instance()
    d0 = datetime.date(2027, 1, 4)
    for k in range(days):
        d = (d0 + datetime.timedelta(days=k)).isoformat()
        for j, (a, b) in enumerate((("16:00", "17:00"), ("16:30", "17:30"))):
            sid = "p%d-%d" % (k, j)
            inst["slots"].append({"id": sid, "home": "solheim",
                                  "start": d + "T" + a, "end": d + "T" + b})
            inst["assignments"].append({"slot": sid, "youth": "ola"})
    return inst


def daily(days):
    """Ola on one legal hour a day, Monday to Thursday, `days` days."""
    inst = base_instance()
    d0 = datetime.date(2027, 1, 4)
    for k in range(days):
        day = d0 + datetime.timedelta(days=k // 4 * 7 + k % 4)
        d = day.isoformat()
        inst["slots"].append({"id": "d%d" % k, "home": "solheim",
                              "start": d + "T16:00", "end": d + "T17:00"})
        inst["assignments"].append({"slot": "d%d" % k, "youth": "ola"})
    return inst


class BoundsTest(RotadTestCase):

    def setUp(self):
        self.ok("POST", "/api/v1/import", base_instance())

    def import_(self, inst, force=False):
        body = json.dumps(inst).encode()
        return self.request(
            "POST", "/api/v1/import" + ("?force=true" if force else ""),
            raw=body), len(body)

    def last_import_audit(self):
        db = sqlite3.connect(self.daemon.db, timeout=10)
        try:
            return db.execute(
                "SELECT after FROM audit_log WHERE action = 'import' "
                "ORDER BY id DESC LIMIT 1").fetchone()[0]
        finally:
            db.close()

    def overlap_of(self, violations):
        found = [v for v in violations if v["rule"] == "ROTA-overlap"]
        self.assertEqual(len(found), 1, found)
        return found[0]

    def test_stacked_import_refused_small(self):
        n = 400
        r, size = self.import_(stacked(n))
        self.assertGreater(size, 40 * 1024)
        self.assertError(r, 409, "rule_violation")
        self.assertLess(len(r.body), ANSWER_MAX)
        out = r.json()
        v = self.overlap_of(out["violations"])
        self.assertEqual(v["pairs"], n * (n - 1) // 2)
        self.assertEqual(v["slots_total"], n)
        self.assertEqual(len(v["slots"]), 8)
        self.assertEqual(v["youth"], "ola")
        self.assertEqual(v["day"], "2027-01-09")
        self.assertNotIn("Hansen", v["message"])
        self.assertLessEqual(len(out["violations"]), LIST_MAX)
        self.assertEqual(out["violations_total"], len(out["violations"]))
        # Nothing was stored.
        self.assertEqual(len(self.ok("GET", "/api/v1/export")["slots"]), 3)

    def test_stacked_import_forced_small_audit(self):
        n = 400
        r, _ = self.import_(stacked(n), force=True)
        self.assertEqual(r.status, 200, r.body[:300])
        self.assertLess(len(r.body), ANSWER_MAX)
        sub = r.json()["imported"]
        v = self.overlap_of(sub["forced_violations"])
        self.assertEqual(v["pairs"], n * (n - 1) // 2)
        self.assertEqual(sub["forced_violations_total"],
                         len(sub["forced_violations"]))
        audit = self.last_import_audit()
        self.assertLess(len(audit), ANSWER_MAX)
        self.assertEqual(json.loads(audit)["forced_violations_total"],
                         sub["forced_violations_total"])
        # The stored schedule's own list is as small.
        r = self.request("GET", "/api/v1/violations")
        self.assertEqual(r.status, 200)
        self.assertLess(len(r.body), ANSWER_MAX)
        self.assertEqual(
            self.overlap_of(r.json()["violations"])["slots_total"], n)
        # Importing the same again brings nothing new: not refused.
        r, _ = self.import_(stacked(n))
        self.assertEqual(r.status, 200, r.body[:300])
        self.assertNotIn("forced_violations", r.json()["imported"])
        # One more stacked slot is a new overlap: refused.
        r, _ = self.import_(stacked(n + 1))
        self.assertError(r, 409, "rule_violation")
        self.assertEqual(self.overlap_of(r.json()["violations"])["pairs"],
                         (n + 1) * n // 2)

    def test_forced_change_answer_counts_what_was_forced(self):
        # A forced entity or assignment change answers, as an import does,
        # the list the 409 gave (the first 100) and how many in all.
        days = 120
        # (forced: one of the days is Maundy Thursday, a holiday)
        r, _ = self.import_(daily(days), force=True)
        self.assertEqual(r.status, 200, r.body[:300])
        # No availability at all: every one of her visits breaks it.
        narrow = {"availability": [{"days": ["sun"], "from": "08:00",
                                    "to": "09:00"}]}
        r = self.request("PATCH", "/api/v1/youths/ola", narrow)
        self.assertError(r, 409, "rule_violation")
        refused = r.json()
        self.assertGreater(refused["violations_total"], LIST_MAX)
        out = self.ok("PATCH", "/api/v1/youths/ola?force=true", narrow)
        self.assertEqual(len(out["forced_violations"]), LIST_MAX)
        self.assertEqual(out["forced_violations"], refused["violations"])
        self.assertEqual(out["forced_violations_total"],
                         refused["violations_total"])
        # A GET shows the youth as stored, without what was forced.
        got = self.request("GET", "/api/v1/youths/ola")
        self.assertNotIn("forced_violations_total", got.json())
        # An assignment: one violation, so the list is whole.
        self.ok("POST", "/api/v1/slots", {
            "id": "early", "home": "lia", "start": "2027-01-05T09:00",
            "end": "2027-01-05T10:00"}, status=201)
        r = self.request("POST", "/api/v1/assignments",
                         {"slot": "early", "youth": "ola"})
        self.assertError(r, 409, "rule_violation")
        total = r.json()["violations_total"]
        a = self.ok("POST", "/api/v1/assignments?force=true",
                    {"slot": "early", "youth": "ola"}, status=201)
        self.assertEqual(a["forced_violations_total"], total)
        self.assertEqual(len(a["forced_violations"]), total)
        # The answer sent back as a PATCH is accepted: both are output.
        back = {k: v for k, v in a.items() if k != "id"}
        self.ok("PATCH", "/api/v1/assignments/%s?force=true" % a["id"],
                dict(back, pinned=False))
        # The client says how many in all, then lists the first 100.
        self.ok("PATCH", "/api/v1/youths/ola?force=true", {
            "availability": [{"days": ["mon", "tue", "wed", "thu"],
                              "from": "08:00", "to": "22:00"}]})
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("ROTA_")}
        env.update(ROTA_SERVER="http://127.0.0.1:%d" % self.daemon.port,
                   ROTA_TOKEN=self.api_token, LC_ALL="C.UTF-8",
                   LANGUAGE="", TZ="Europe/Oslo")
        r = subprocess.run([ROTA, "youths", "edit", "ola", "--available",
                            "sun 08:00-09:00", "--force"], env=env,
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr[:300])
        # Her 120 visits and the early one.
        self.assertEqual(r.stderr.splitlines()[0],
                         "rota: stored with %d rule violations (forced):"
                         % (days + 1))
        self.assertEqual(r.stderr.count("\n  - "), LIST_MAX)
        # Nothing forced, no such keys.
        out = self.ok("PATCH", "/api/v1/homes/lia", {"name": "Lia"})
        self.assertNotIn("forced_violations", out)
        self.assertNotIn("forced_violations_total", out)

    def test_lists_stop_at_100(self):
        days = 150
        r, _ = self.import_(daily_pairs(days))
        self.assertError(r, 409, "rule_violation")
        out = r.json()
        self.assertEqual(len(out["violations"]), LIST_MAX)
        self.assertGreaterEqual(out["violations_total"], days)
        self.assertIn("violations_total", out["error"]["message"])
        self.assertLess(len(r.body), ANSWER_MAX)

        r, _ = self.import_(daily_pairs(days), force=True)
        self.assertEqual(r.status, 200, r.body[:300])
        sub = r.json()["imported"]
        self.assertEqual(len(sub["forced_violations"]), LIST_MAX)
        self.assertEqual(sub["forced_violations_total"],
                         out["violations_total"])
        audit = json.loads(self.last_import_audit())
        self.assertEqual(len(audit["forced_violations"]), LIST_MAX)
        self.assertEqual(audit["forced_violations_total"],
                         out["violations_total"])

        got = self.ok("GET", "/api/v1/violations")
        self.assertEqual(len(got["violations"]), LIST_MAX)
        self.assertEqual(got["violations_total"], out["violations_total"])
        # A period narrows the list: one week, each day's pair once.
        week = self.ok("GET", "/api/v1/violations?from=2027-01-04&"
                       "to=2027-01-10")
        overlaps = [v for v in week["violations"]
                    if v["rule"] == "ROTA-overlap"]
        self.assertEqual(len(overlaps), 7)
        self.assertEqual(week["violations_total"], len(week["violations"]))


if __name__ == "__main__":
    unittest.main()
