# SPDX-License-Identifier: ISC
"""Regression tests for the findings of a code review of rotad.

Each test names the defect it guards against:
- a feed link outliving its youth or home and opening the feed of a later
  entity that got the same id (after a delete or an import);
- an error answer with an empty body when its message quotes a path
  segment that is not UTF-8;
- /metrics counters that never moved (refusals, schedule runs);
- a surname shown in a feed when the name holds a no-break space;
- `rotad backup` creating the copy world-readable and racing on the
  "does it exist" check;
- audit rows of sick-call refills and schedule runs left out of a youth's
  export and kept by their erasure;
- `rota shifts` echoing a mistyped feed link (its secret) on stderr.
"""
import datetime as dt
import sys
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import tempfile
import unittest

from harness import ROTAD, RotadTestCase

ROTA = os.environ.get("ROTA", "rota")

TODAY = dt.datetime.now(dt.timezone.utc).date()
SOON = TODAY + dt.timedelta(days=10)
ALL_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def youth(yid, name):
    return {"id": yid, "name": name, "birth_date": "2008-01-01",
            "school": "none",
            "availability": [{"days": ALL_DAYS, "from": "08:00",
                              "to": "22:00"}]}


class ReviewTest(RotadTestCase):

    def setUp(self):
        # Each test starts from a known, empty schedule.
        self.ok("POST", "/api/v1/import",
                {"version": 1, "homes": [], "youths": [], "slots": [],
                 "assignments": []})

    def feed(self, url):
        path = url.split("127.0.0.1:%d" % self.daemon.port, 1)[1]
        return self.request("GET", path, token=False)

    def add_shift(self, yid, sid="s1", home="solheim"):
        start = "%sT16:00" % SOON.isoformat()
        end = "%sT18:00" % SOON.isoformat()
        self.ok("POST", "/api/v1/slots",
                {"id": sid, "home": home, "start": start, "end": end})
        return self.ok("POST", "/api/v1/assignments?force=true",
                       {"slot": sid, "youth": yid})["id"]

    def test_feed_link_of_deleted_youth_does_not_open_a_new_one(self):
        self.ok("POST", "/api/v1/homes", {"id": "solheim", "name": "Solheim"})
        self.ok("POST", "/api/v1/youths", youth("zoe", "Zoe Alpha"))
        link = self.ok("POST", "/api/v1/youths/zoe/feed")
        self.ok("DELETE", "/api/v1/youths/zoe")
        # Someone else gets the same id, and a shift.
        self.ok("POST", "/api/v1/youths", youth("zoe", "Zora Beta"))
        self.add_shift("zoe")
        r = self.feed(link["url"])
        self.assertIn(r.status, (200, 410))
        self.assertNotIn(b"Zora", r.body)
        self.assertNotIn(b"BEGIN:VEVENT", r.body)
        # A link made for the new youth works.
        fresh = self.ok("POST", "/api/v1/youths/zoe/feed")
        r = self.feed(fresh["url"])
        self.assertEqual(r.status, 200)
        self.assertIn(b"Zora", r.body)

    def test_feed_link_of_home_dropped_by_import_stays_dead(self):
        self.ok("POST", "/api/v1/homes", {"id": "lia", "name": "Lia Old"})
        link = self.ok("POST", "/api/v1/homes/lia/feed")
        empty = {"version": 1, "homes": [], "youths": [], "slots": [],
                 "assignments": []}
        self.ok("POST", "/api/v1/import", empty)
        again = dict(empty, homes=[{"id": "lia", "name": "Lia New"}])
        self.ok("POST", "/api/v1/import", again)
        r = self.feed(link["url"])
        self.assertIn(r.status, (200, 410))
        self.assertNotIn(b"Lia New", r.body)
        page = self.feed(link["page"])
        self.assertEqual(page.status, 410)
        self.assertNotIn(b"Lia New", page.body)

    def test_error_quoting_a_non_utf8_segment_has_a_body(self):
        for path in ("/api/v1/homes/%ff", "/api/v1/youths/a%c3",
                     "/api/v1/assignments/%80%80"):
            r = self.request("GET", path)
            e = self.assertError(r, 404, "not_found")
            self.assertIn("no ", e["message"])

    def metric(self, name):
        r = self.request("GET", "/metrics")
        self.assertEqual(r.status, 200)
        m = re.search(rb"^rotad_%s (\S+)$" % name.encode(), r.body, re.M)
        self.assertIsNotNone(m, name)
        return float(m.group(1))

    def test_metrics_count_refusals_and_schedule_runs(self):
        refusals = self.metric("rule_refusals_total")
        runs = self.metric("solver_runs_total")
        self.ok("POST", "/api/v1/homes", {"id": "solheim", "name": "Solheim"})
        y = youth("ida", "Ida Nilsen")
        y["availability"] = [{"days": ["mon"], "from": "08:00",
                              "to": "09:00"}]
        self.ok("POST", "/api/v1/youths", y)
        start = "%sT16:00" % SOON.isoformat()
        self.ok("POST", "/api/v1/slots",
                {"id": "s1", "home": "solheim", "start": start,
                 "end": "%sT18:00" % SOON.isoformat()})
        r = self.request("POST", "/api/v1/assignments",
                         {"slot": "s1", "youth": "ida"})
        self.assertError(r, 409, "rule_violation")
        self.assertEqual(self.metric("rule_refusals_total"), refusals + 1)
        self.ok("POST", "/api/v1/schedule",
                {"from": SOON.isoformat(), "to": SOON.isoformat(),
                 "seconds": 0.2, "dry_run": True})
        self.assertEqual(self.metric("solver_runs_total"), runs + 1)
        self.assertGreater(self.metric("solver_seconds_total"), 0)

    def test_feed_never_shows_a_surname_after_a_no_break_space(self):
        self.ok("POST", "/api/v1/homes", {"id": "solheim", "name": "Solheim"})
        self.ok("POST", "/api/v1/youths", youth("ida", "Ida\u00a0Nilsen"))
        self.ok("POST", "/api/v1/youths",
                youth("ola", "Ola\u2009Hansen Berg"))
        self.add_shift("ida")
        self.ok("POST", "/api/v1/assignments?force=true",
                {"slot": "s1", "youth": "ola"})
        for yid in ("ida", "ola"):
            link = self.ok("POST", "/api/v1/youths/%s/feed" % yid)
            r = self.feed(link["url"])
            self.assertEqual(r.status, 200)
            self.assertIn(b"BEGIN:VEVENT", r.body)
            for surname in (b"Nilsen", b"Hansen", b"Berg"):
                self.assertNotIn(surname, r.body)
        home = self.ok("POST", "/api/v1/homes/solheim/feed")
        for url in (home["url"], home["page"]):
            r = self.feed(url)
            self.assertEqual(r.status, 200)
            for surname in (b"Nilsen", b"Hansen", b"Berg"):
                self.assertNotIn(surname, r.body)

    def audit_rows_naming(self, yid):
        db = sqlite3.connect(self.daemon.db)
        try:
            rows = db.execute("SELECT entity, action, entity_id, before, "
                              "after FROM audit_log").fetchall()
        finally:
            db.close()
        needle = '"%s"' % yid
        return [r for r in rows
                if r[2] == yid or any(needle in (c or "") for c in r[3:])]

    def test_refill_and_schedule_rows_are_exported_and_purged(self):
        self.ok("POST", "/api/v1/homes", {"id": "solheim", "name": "Solheim"})
        for yid in ("ann", "bob-refill", "cyd-solver"):
            self.ok("POST", "/api/v1/youths", youth(yid, yid.title()))
        aid = self.add_shift("ann")
        r = self.ok("POST", "/api/v1/assignments/%s/cancel" % aid,
                    {"refill": True})
        self.assertIsNotNone(r["replacement"], r)
        repl = r["replacement"]["youth"]
        other = "cyd-solver" if repl == "bob-refill" else "bob-refill"
        export = self.ok("GET", "/api/v1/youths/%s/export" % repl)
        self.assertIn("cancel", {a["action"] for a in export["audit_log"]})
        # A schedule run puts the other one on a second visit.
        start = "%sT10:00" % SOON.isoformat()
        self.ok("POST", "/api/v1/slots",
                {"id": "s2", "home": "solheim", "start": start,
                 "end": "%sT12:00" % SOON.isoformat()})
        self.ok("DELETE", "/api/v1/assignments/" + aid)
        late = [{"days": ALL_DAYS, "from": "15:00", "to": "22:00"}]
        for yid in ("ann", repl):
            self.ok("PATCH", "/api/v1/youths/%s" % yid,
                    {"availability": late})
        out = self.ok("POST", "/api/v1/schedule",
                      {"from": SOON.isoformat(), "to": SOON.isoformat(),
                       "seconds": 0.5})
        self.assertIn(other, {a["youth"] for a in out["assigned"]}, out)
        export = self.ok("GET", "/api/v1/youths/%s/export" % other)
        self.assertIn("schedule",
                      {a["action"] for a in export["audit_log"]})
        for yid in (repl, other):
            self.assertTrue(self.audit_rows_naming(yid))
            self.ok("DELETE", "/api/v1/youths/%s?purge=true" % yid)
            self.assertEqual(self.audit_rows_naming(yid), [])


class BackupTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="rota-review-")
        self.db = os.path.join(self.tmp, "rota.db")
        subprocess.run([ROTAD, "token", "create", "t", "--db", self.db],
                       check=True, capture_output=True)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def backup(self, dest):
        old = os.umask(0o022)
        try:
            return subprocess.run([ROTAD, "backup", dest, "--db", self.db],
                                  capture_output=True, text=True)
        finally:
            os.umask(old)

    def test_backup_is_private(self):
        dest = os.path.join(self.tmp, "copy.db")
        r = self.backup(dest)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(stat.S_IMODE(os.stat(dest).st_mode), 0o600)

    def test_backup_never_writes_through_an_existing_name(self):
        victim = os.path.join(self.tmp, "victim.db")
        with open(victim, "wb") as f:
            f.write(b"precious")
        link = os.path.join(self.tmp, "link.db")
        os.symlink(victim, link)
        for dest in (victim, link):
            r = self.backup(dest)
            self.assertNotEqual(r.returncode, 0)
        with open(victim, "rb") as f:
            self.assertEqual(f.read(), b"precious")


class ClientTest(unittest.TestCase):

    def test_a_bad_feed_link_is_not_echoed(self):
        tmp = tempfile.mkdtemp(prefix="rota-review-")
        try:
            env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=tmp,
                       XDG_CACHE_HOME=tmp)
            secret = "Zq3" * 14
            r = subprocess.run(
                [ROTA, "shifts", "ftp://example.invalid/feeds/%s.ics" % secret],
                capture_output=True, text=True, env=env, timeout=30)
            self.assertNotEqual(r.returncode, 0)
            self.assertIn("not a feed link", r.stderr)
            self.assertNotIn(secret, r.stderr + r.stdout)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()


class ShutdownDuringScheduleTest(RotadTestCase):
    """SIGTERM while the solver runs: the run is cancelled, its thread
    joined, and rotad exits 0 at once (no leak under ASan)."""

    def test_sigterm_cancels_a_running_schedule(self):
        import json as _json
        import os as _os
        import subprocess as _sp
        import threading as _th
        import time as _time
        gen = _os.path.join(_os.path.dirname(__file__), "..", "..", "bench",
                            "gen_instance.py")
        inst = _json.loads(_sp.run([sys.executable, gen, "city"],
                                   check=True, capture_output=True,
                                   text=True).stdout)
        inst.pop("assignments", None)
        self.ok("POST", "/api/v1/import?force=true", inst)
        answers = []

        def schedule():
            try:
                answers.append(self.request(
                    "POST", "/api/v1/schedule",
                    {"from": "2027-01-01", "to": "2027-12-31",
                     "dry_run": True, "seconds": 60}).status)
            except OSError as e:
                answers.append(e)

        t = _th.Thread(target=schedule)
        t.start()
        # The run was accepted (its 202 is logged when the worker starts)
        # and is still going: no answer yet (60 s of budget).
        deadline = _time.monotonic() + 60
        while "POST /api/v1/schedule 202" not in self.daemon.read_log():
            self.assertLess(_time.monotonic(), deadline, "no 202 logged")
            self.assertTrue(t.is_alive(), answers)
            _time.sleep(0.05)
        self.assertEqual(answers, [])
        rc = self.daemon.stop()
        self.assertEqual(rc, 0)
        # It was stopped, not run out: the solver saw the cancel.
        self.assertIn("schedule: a run stopped at shutdown (cancelled",
                      self.daemon.read_log())
        t.join(30)
        self.assertFalse(t.is_alive())
        # Restart so that tearDownClass finds a running daemon.
        self.daemon.start()
