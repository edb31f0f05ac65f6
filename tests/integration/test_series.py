# SPDX-License-Identifier: ISC
"""Visit series (issue 15): a weekly pattern that generates ordinary slots;
edits of one visit, of this and the following ones (the series is split)
and of all, never silently moving an assigned visit; deleting from a date
cancels the assignments, so that the youth's feed shows them cancelled."""
import copy
import datetime as dt
import json
import os
import shutil
import subprocess
import tempfile

from harness import ROTAD, Daemon, RotadTestCase, base_instance

UTC = dt.timezone.utc


def instance():
    inst = copy.deepcopy(base_instance())
    inst["school_calendar"]["holidays"] += [
        {"from": "2026-09-28", "to": "2026-10-02"},   # week 40
        {"from": "2027-03-22", "to": "2027-03-29"}]   # Easter
    return inst


TERM = {"home": "solheim", "activity": "Quiz", "time": "16:00",
        "duration": 120, "needed": 2, "days": ["wed"],
        "first": "2026-08-17", "last": "2027-06-18"}


def wednesdays(first, last):
    d = first + dt.timedelta(days=(2 - first.weekday()) % 7)
    while d <= last:
        yield d
        d += dt.timedelta(days=7)


class SeriesTest(RotadTestCase):

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", instance())
        for s in self.ok("GET", "/api/v1/series")["series"]:
            self.ok("DELETE", "/api/v1/series/" + s["id"])

    def create(self, body=None, **kw):
        b = dict(TERM)
        b.update(body or {})
        return self.ok("POST", "/api/v1/series", b, status=201, **kw)

    def test_term_series(self):
        s = self.create()
        self.assertEqual(s["id"], "solheim-quiz")
        self.assertEqual(s["rrule"],
                         "FREQ=WEEKLY;INTERVAL=1;BYDAY=WE;WKST=MO;"
                         "UNTIL=20270618")
        skipped = {x["date"]: x["reason"] for x in s["skipped"]}
        # Christmas lies between the two terms; week 40, week 8, Easter.
        self.assertEqual(sorted(skipped), [
            "2026-09-30", "2026-12-23", "2026-12-30", "2027-02-24",
            "2027-03-24"])
        self.assertEqual(set(skipped.values()), {"school_holiday"})
        want = [d.isoformat() for d in wednesdays(dt.date(2026, 8, 17),
                                                   dt.date(2027, 6, 18))
                if d.isoformat() not in skipped]
        got = self.ok("GET", "/api/v1/series/solheim-quiz")
        self.assertEqual([v["date"] for v in got["visits"]], want)
        self.assertTrue(all(not v["edited"] and v["assigned"] == 0
                            for v in got["visits"]))
        # The generated slots are ordinary slots.
        slots = self.ok("GET", "/api/v1/slots?home=solheim&limit=500")
        mine = {x["id"]: x for x in slots["slots"]}
        for v in got["visits"]:
            sl = mine[v["slot"]]
            self.assertEqual(sl["start"], v["date"] + "T16:00")
            self.assertEqual(sl["end"], v["date"] + "T18:00")
            self.assertEqual(sl["needed"], 2)
            self.assertEqual(sl["activity"], "Quiz")
        self.assertIn("solheim-2026-08-19-1600", mine)
        listed = self.ok("GET", "/api/v1/series")["series"]
        self.assertEqual([x["id"] for x in listed], ["solheim-quiz"])
        self.assertEqual(listed[0]["days"], ["wed"])
        # A second series with the same id is refused.
        r = self.request("POST", "/api/v1/series",
                         dict(TERM, id="solheim-quiz"))
        self.assertError(r, 409, "conflict", "id")

    def test_bad_input_names_the_field(self):
        cases = [({"days": []}, "days"), ({"days": ["wen"]}, "days"),
                 ({"time": "25:00"}, "time"), ({"duration": 0}, "duration"),
                 ({"duration": "2h"}, "duration"),
                 ({"interval": 0}, "interval"),
                 ({"first": "2026-13-01"}, "first"),
                 ({"last": "2026-01-01"}, "last"),
                 ({"needed": 0}, "needed"), ({"home": "nowhere"}, "home"),
                 ({"skip_public_holidays": "yes"}, "skip_public_holidays"),
                 ({"colour": "red"}, "colour")]
        for patch, field in cases:
            with self.subTest(field=field):
                r = self.request("POST", "/api/v1/series",
                                 dict(TERM, **patch))
                self.assertEqual(r.status, 400, r.body)
                self.assertEqual(r.json()["error"]["field"], field)
        r = self.request("POST", "/api/v1/series",
                         {k: v for k, v in TERM.items() if k != "time"})
        self.assertError(r, 400, "missing_field", "time")
        self.assertEqual(self.ok("GET", "/api/v1/series")["series"], [])
        r = self.request("PATCH", "/api/v1/series/nope?scope=all", {})
        self.assertError(r, 404)
        s = self.create()
        r = self.request("PATCH", "/api/v1/series/%s?scope=sometimes"
                         % s["id"], {"time": "17:00"})
        self.assertError(r, 400, field="scope")
        r = self.request("PATCH", "/api/v1/series/%s?scope=this" % s["id"],
                         {"time": "17:00"})
        self.assertError(r, 400, field="from")
        r = self.request("DELETE", "/api/v1/series/%s?from=soon" % s["id"])
        self.assertError(r, 400, field="from")

    def test_every_two_weeks(self):
        s = self.create({"id": "biweekly", "days": ["tue", "thu"],
                         "interval": 2, "first": "2026-08-17",
                         "last": "2026-09-27"})
        got = self.ok("GET", "/api/v1/series/" + s["id"])
        self.assertEqual([v["date"] for v in got["visits"]],
                         ["2026-08-18", "2026-08-20", "2026-09-01",
                          "2026-09-03", "2026-09-15", "2026-09-17"])

    def visits(self, sid):
        return self.ok("GET", "/api/v1/series/" + sid)["visits"]

    def slot(self, sid):
        return self.ok("GET", "/api/v1/slots/" + sid)

    def test_edit_this_visit(self):
        s = self.create({"last": "2026-10-31"})
        v = self.visits(s["id"])
        one = v[1]["slot"]
        self.ok("PATCH", "/api/v1/series/%s?scope=this&from=%s"
                % (s["id"], one), {"time": "17:00", "activity": "Bingo"})
        sl = self.slot(one)
        self.assertEqual(sl["start"], v[1]["date"] + "T17:00")
        self.assertEqual(sl["activity"], "Bingo")
        after = {x["slot"]: x for x in self.visits(s["id"])}
        self.assertTrue(after[one]["edited"])
        self.assertFalse(after[v[0]["slot"]]["edited"])
        # The pattern of one visit cannot change on its own.
        r = self.request("PATCH", "/api/v1/series/%s?scope=this&from=%s"
                         % (s["id"], one), {"days": ["thu"]})
        self.assertError(r, 400, field="days")
        # A whole-series edit leaves the hand-edited visit alone.
        out = self.ok("PATCH", "/api/v1/series/%s?scope=all" % s["id"],
                      {"time": "15:30"})
        self.assertIn(one, out["changes"]["kept_edited"])
        self.assertEqual(self.slot(one)["start"], v[1]["date"] + "T17:00")
        self.assertEqual(self.slot(v[0]["slot"])["start"],
                         v[0]["date"] + "T15:30")
        # So does one made by hand through /api/v1/slots.
        self.ok("PATCH", "/api/v1/slots/" + v[2]["slot"], {"needed": 1})
        self.ok("PATCH", "/api/v1/series/%s?scope=all" % s["id"],
                {"needed": 3})
        self.assertEqual(self.slot(v[2]["slot"])["needed"], 1)
        self.assertEqual(self.slot(v[3]["slot"])["needed"], 3)

    def test_edit_all_with_assignments(self):
        s = self.create({"last": "2026-10-31"})
        v = self.visits(s["id"])
        a = self.ok("POST", "/api/v1/assignments",
                    {"slot": v[0]["slot"], "youth": "ola"}, status=201)
        # Moving the assigned visit: 409 naming it, nothing changes.
        r = self.request("PATCH", "/api/v1/series/%s?scope=all" % s["id"],
                         {"time": "17:00"})
        self.assertEqual(r.status, 409, r.body)
        body = r.json()
        self.assertEqual(body["error"]["code"], "conflict")
        self.assertEqual([x["slot"] for x in body["visits"]],
                         [v[0]["slot"]])
        self.assertEqual(body["visits"][0]["assignments"], [a["id"]])
        self.assertEqual(self.slot(v[0]["slot"])["start"],
                         v[0]["date"] + "T16:00")
        # A change that moves nothing goes ahead without asking.
        self.ok("PATCH", "/api/v1/series/%s?scope=all" % s["id"],
                {"activity": "Bingo"})
        self.assertEqual(self.slot(v[0]["slot"])["activity"], "Bingo")
        # With confirm it moves, the assignment stays on it.
        self.ok("PATCH", "/api/v1/series/%s?scope=all&confirm=true"
                % s["id"], {"time": "17:00"})
        self.assertEqual(self.slot(v[0]["slot"])["start"],
                         v[0]["date"] + "T17:00")
        self.assertEqual(
            self.ok("GET", "/api/v1/assignments/" + a["id"])["status"],
            "active")

    def test_edit_following_splits(self):
        s = self.create({"last": "2026-10-31"})
        v = self.visits(s["id"])
        at = v[3]
        out = self.ok("PATCH", "/api/v1/series/%s?scope=following&from=%s"
                      % (s["id"], at["slot"]), {"time": "17:00"})
        self.assertEqual(out["split_from"], s["id"])
        self.assertEqual(out["first"], at["date"])
        new = out["id"]
        self.assertNotEqual(new, s["id"])
        old = self.ok("GET", "/api/v1/series/" + s["id"])
        self.assertLess(old["last"], at["date"])
        self.assertEqual([x["slot"] for x in old["visits"]],
                         [x["slot"] for x in v[:3]])
        tail = self.ok("GET", "/api/v1/series/" + new)
        self.assertEqual([x["slot"] for x in tail["visits"]],
                         [x["slot"] for x in v[3:]])
        for x in tail["visits"]:
            self.assertEqual(self.slot(x["slot"])["start"],
                             x["date"] + "T17:00")
        for x in old["visits"]:
            self.assertEqual(self.slot(x["slot"])["start"],
                             x["date"] + "T16:00")

    def test_following_with_assignment_needs_confirm(self):
        s = self.create({"last": "2026-10-31"})
        v = self.visits(s["id"])
        self.ok("POST", "/api/v1/assignments",
                {"slot": v[4]["slot"], "youth": "ola"}, status=201)
        r = self.request("PATCH", "/api/v1/series/%s?scope=following&from=%s"
                         % (s["id"], v[2]["slot"]), {"days": ["thu"]})
        self.assertEqual(r.status, 409, r.body)
        self.assertEqual([x["slot"] for x in r.json()["visits"]],
                         [v[4]["slot"]])
        # Nothing was split.
        self.assertEqual(len(self.ok("GET", "/api/v1/series")["series"]), 1)

    def test_labour_law_gate(self):
        # Ida (14, at school) may not work past 20:00; moving her visit
        # there is refused by the gate unless forced (and audited).
        s = self.create({"last": "2026-10-31", "needed": 1})
        v = self.visits(s["id"])
        self.ok("POST", "/api/v1/assignments",
                {"slot": v[0]["slot"], "youth": "ida"}, status=201)
        r = self.request("PATCH", "/api/v1/series/%s?scope=this&from=%s"
                         "&confirm=true" % (s["id"], v[0]["slot"]),
                         {"time": "21:00"})
        self.assertError(r, 409, "rule_violation")
        self.assertEqual(self.slot(v[0]["slot"])["start"],
                         v[0]["date"] + "T16:00")
        out = self.ok("PATCH", "/api/v1/series/%s?scope=this&from=%s"
                      "&confirm=true&force=true" % (s["id"], v[0]["slot"]),
                      {"time": "21:00"})
        self.assertTrue(out["forced_violations"])
        # How many in all, as the 409 counted them.
        self.assertEqual(out["forced_violations_total"],
                         r.json()["violations_total"])

    def test_delete_from_date_cancels(self):
        today = dt.datetime.now(UTC).date()
        first = today + dt.timedelta(days=7)
        s = self.create({"id": "soon", "home": "lia", "needed": 1,
                         "first": first.isoformat(),
                         "last": (first + dt.timedelta(days=60)).isoformat(),
                         "skip_school_holidays": False,
                         "skip_public_holidays": False})
        v = self.visits(s["id"])
        a = self.ok("POST", "/api/v1/assignments",
                    {"slot": v[2]["slot"], "youth": "ola"}, status=201)
        link = self.ok("POST", "/api/v1/youths/ola/feed", raw=b"",
                       content_type=None, status=201)
        cut = v[1]["date"]
        out = self.ok("DELETE", "/api/v1/series/soon?from=" + cut)
        self.assertIn(a["id"], out["changes"]["assignments_cancelled"])
        self.assertEqual(
            self.ok("GET", "/api/v1/assignments/" + a["id"])["status"],
            "cancelled")
        left = self.ok("GET", "/api/v1/series/soon")
        self.assertLess(left["last"], cut)
        self.assertEqual([x["slot"] for x in left["visits"]
                          if not x["cancelled"]], [v[0]["slot"]])
        # The visit with the assignment stays, cancelled; the rest went.
        self.assertEqual(self.request(
            "GET", "/api/v1/slots/" + v[3]["slot"]).status, 404)
        self.assertEqual(self.slot(v[2]["slot"])["id"], v[2]["slot"])
        feed = self.request("GET", "/" + link["url"].split("/", 3)[3],
                            token=False)
        self.assertEqual(feed.status, 200)
        text = feed.body.decode()
        self.assertIn("STATUS:CANCELLED", text)
        # A cancelled visit cannot be edited back to life.
        r = self.request("PATCH", "/api/v1/series/soon?scope=this&from="
                         + v[2]["slot"], {"activity": "Bingo"})
        self.assertError(r, 409, "conflict", "from")
        # The planner fills the open visit before the cut, never the
        # cancelled one.
        self.ok("POST", "/api/v1/schedule",
                {"from": v[0]["date"], "to": v[2]["date"], "seconds": 0.2})

        def active(slot):
            got = self.ok("GET", "/api/v1/assignments?status=active&slot="
                          + slot)["assignments"]
            return [x["youth"] for x in got]
        self.assertEqual(len(active(v[0]["slot"])), 1)
        self.assertEqual(active(v[2]["slot"]), [])
        # Deleting the whole series: the planner's assignment on the first
        # visit is cancelled too, and the series is gone.
        self.ok("DELETE", "/api/v1/series/soon")
        self.assertError(self.request("GET", "/api/v1/series/soon"), 404)
        self.assertEqual(active(v[0]["slot"]), [])
        self.assertEqual(self.slot(v[2]["slot"])["id"], v[2]["slot"])

    def test_slot_deleted_by_hand_stays_out(self):
        s = self.create({"last": "2026-10-31"})
        v = self.visits(s["id"])
        self.ok("DELETE", "/api/v1/slots/" + v[1]["slot"])
        self.ok("PATCH", "/api/v1/series/%s?scope=all" % s["id"],
                {"activity": "Bingo"})
        dates = [x["date"] for x in self.visits(s["id"])]
        self.assertNotIn(v[1]["date"], dates)
        got = self.ok("GET", "/api/v1/series/" + s["id"])
        self.assertIn({"date": v[1]["date"], "reason": "exception"},
                      got["skipped"])

    def test_if_match_and_split_keeps_deleted_dates(self):
        s = self.create({"last": "2026-10-31"})
        r = self.request("GET", "/api/v1/series/" + s["id"])
        etag = r.header("ETag")
        self.assertTrue(etag)
        v = r.json()["visits"]
        # A hand change of one visit is a new version of the series.
        self.ok("DELETE", "/api/v1/slots/" + v[4]["slot"])
        r = self.request("PATCH", "/api/v1/series/%s?scope=all" % s["id"],
                         {"activity": "Bingo"}, headers={"If-Match": etag})
        self.assertError(r, 412)
        etag = self.request("GET", "/api/v1/series/" + s["id"]).header(
            "ETag")
        out = self.ok("PATCH", "/api/v1/series/%s?scope=following&from=%s"
                      % (s["id"], v[2]["slot"]), {"activity": "Bingo"},
                      headers={"If-Match": etag})
        tail = self.ok("GET", "/api/v1/series/" + out["id"])
        self.assertNotIn(v[4]["date"], [x["date"] for x in tail["visits"]])
        self.ok("PATCH", "/api/v1/series/%s?scope=all" % out["id"],
                {"time": "17:00"})
        tail = self.ok("GET", "/api/v1/series/" + out["id"])
        self.assertNotIn(v[4]["date"], [x["date"] for x in tail["visits"]])
        self.assertIn({"date": v[4]["date"], "reason": "exception"},
                      tail["skipped"])


ROTA = os.environ.get("ROTA", "rota")



class SeriesTransferTest(RotadTestCase):
    """Instance format version 2 carries the series (issue 15): an export
    imported into a fresh database exports the same document again, a
    version 1 document too; a series without slots in the document gets
    them generated; `rotad solve` and `rotad check` read it."""

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", instance())

    def fresh(self):
        """A second rotad with a database of its own: (request, stop)."""
        tmp = tempfile.mkdtemp(prefix="rota-it-fresh-")
        d = Daemon(tmp)
        token = d.token("fresh")
        d.start()
        saved = (self.daemon, self.api_token)

        def call(method, path, body=None, status=(200, 201)):
            self.daemon, self.api_token = d, token
            try:
                return self.ok(method, path, body, status=status)
            finally:
                self.daemon, self.api_token = saved

        def stop():
            rc = d.stop()
            shutil.rmtree(tmp, ignore_errors=True)
            self.assertEqual(rc, 0)
        self.addCleanup(stop)
        return call

    def build_state(self):
        """Two series; one visit edited by hand, one deleted by hand, one
        assigned and then cut off the series (cancelled, kept)."""
        self.ok("POST", "/api/v1/series", TERM, status=201)
        self.ok("POST", "/api/v1/series",
                dict(TERM, id="lia-bingo", home="lia", activity="Bingo",
                     days=["mon", "thu"], interval=2, needed=1,
                     requires={}, time="17:30", duration=90,
                     skip_public_holidays=False), status=201)
        v = self.ok("GET", "/api/v1/series/solheim-quiz")["visits"]
        self.ok("PATCH", "/api/v1/slots/" + v[-8]["slot"],
                {"activity": "Quiz (final)"})
        self.ok("DELETE", "/api/v1/slots/" + v[-7]["slot"])
        a = self.ok("POST", "/api/v1/assignments?force=true",
                    {"slot": v[-3]["slot"], "youth": "ola"}, status=201)
        self.ok("DELETE", "/api/v1/series/solheim-quiz?from="
                + v[-4]["date"])
        return v, a

    def test_v2_round_trip(self):
        v, a = self.build_state()
        one = self.ok("GET", "/api/v1/export")
        self.assertEqual(one["version"], 2)
        self.assertEqual([x["id"] for x in one["series"]],
                         ["lia-bingo", "solheim-quiz"])
        quiz = one["series"][1]
        self.assertEqual(quiz["exceptions"], [v[-7]["date"]])
        self.assertLess(quiz["last"], v[-4]["date"])
        slots = {x["id"]: x for x in one["slots"]}
        self.assertEqual(slots[v[0]["slot"]]["series"], "solheim-quiz")
        self.assertTrue(slots[v[-8]["slot"]]["series_edited"])
        self.assertTrue(slots[v[-3]["slot"]]["series_cancelled"])
        self.assertNotIn(v[-7]["slot"], slots)
        self.assertNotIn(v[-1]["slot"], slots)
        # Into a fresh database and out again: the same document.
        call = self.fresh()
        call("POST", "/api/v1/import?force=true", one)
        two = call("GET", "/api/v1/export")
        self.assertEqual(two, one)
        # The series is live there: the same visits, flags and dates out.
        got = call("GET", "/api/v1/series/solheim-quiz")
        mine = self.ok("GET", "/api/v1/series/solheim-quiz")
        self.assertEqual(got["visits"], mine["visits"])
        self.assertEqual(got["skipped"], mine["skipped"])
        self.assertEqual(
            call("GET", "/api/v1/assignments/" + a["id"])["status"],
            "cancelled")
        # An edit of the whole series keeps the hand-edited visit there.
        out = call("PATCH", "/api/v1/series/solheim-quiz?scope=all",
                   {"activity": "Kviss"})
        self.assertIn(v[-8]["slot"], json.dumps(out))
        # v2 -> v2 into the same database: the same again.
        self.ok("POST", "/api/v1/import?force=true", two)
        self.assertEqual(self.ok("GET", "/api/v1/export"), one)

    def test_v1_round_trip(self):
        v1 = instance()
        self.assertEqual(v1["version"], 1)
        call = self.fresh()
        call("POST", "/api/v1/import?force=true", v1)
        one = call("GET", "/api/v1/export")
        self.assertEqual(one["version"], 2)
        self.assertEqual(one["series"], [])
        self.assertEqual(one["school_calendars"][0]["holidays"],
                         v1["school_calendar"]["holidays"])
        self.assertEqual([x["id"] for x in one["slots"]],
                         [x["id"] for x in v1["slots"]])
        self.ok("POST", "/api/v1/import?force=true", one)
        self.assertEqual(self.ok("GET", "/api/v1/export"), one)

    def test_series_without_slots_generated(self):
        self.ok("POST", "/api/v1/series", TERM, status=201)
        made = self.ok("GET", "/api/v1/series/solheim-quiz")
        doc = self.ok("GET", "/api/v1/export")
        doc["slots"] = [x for x in doc["slots"] if "series" not in x]
        doc["series"][0]["exceptions"] = [made["visits"][0]["date"]]
        call = self.fresh()
        call("POST", "/api/v1/import?force=true", doc)
        got = call("GET", "/api/v1/series/solheim-quiz")
        dates = [x["date"] for x in made["visits"]][1:]
        self.assertEqual([x["date"] for x in got["visits"]], dates)
        self.assertEqual([x["slot"] for x in got["visits"]],
                         ["solheim-quiz-" + d for d in dates])
        self.assertIn({"date": made["visits"][0]["date"],
                       "reason": "exception"}, got["skipped"])
        again = call("GET", "/api/v1/export")
        self.assertEqual(len(again["slots"]), len(doc["slots"]) + len(dates))
        # rotad solve and check read the same document, series included:
        # the solver plans the generated visits.
        tmp = tempfile.mkdtemp(prefix="rota-it-v2-")
        self.addCleanup(shutil.rmtree, tmp, True)
        path, plan = os.path.join(tmp, "i.json"), os.path.join(tmp, "p.json")
        with open(path, "w") as f:
            json.dump(doc, f)
        r = subprocess.run([ROTAD, "solve", path, "--out", plan,
                            "--seconds", "1"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(plan) as f:
            p = json.load(f)
        planned = {x["slot"] for x in p["assignments"]} | \
            {x["slot"] for x in p["unfilled"]}
        self.assertIn("solheim-quiz-" + dates[0], planned)
        r = subprocess.run([ROTAD, "check", path, plan, "--json"],
                           capture_output=True, text=True)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        json.loads(r.stdout)

    def test_bad_series_documents(self):
        self.ok("POST", "/api/v1/series", TERM, status=201)
        doc = self.ok("GET", "/api/v1/export")
        linked = next(i for i, x in enumerate(doc["slots"])
                      if "series" in x)
        cases = []
        d = copy.deepcopy(doc)
        d["version"] = 1
        d["school_calendar"] = d.pop("school_calendars")[0]
        for k in ("id", "name", "default"):
            d["school_calendar"].pop(k, None)
        cases.append((d, "unknown_field", "series"))
        d = copy.deepcopy(doc)
        d["slots"][linked]["series"] = "nope"
        cases.append((d, "unknown_reference",
                      "slots[%d].series" % linked))
        d = copy.deepcopy(doc)
        d["series"][0]["home"] = "nope"
        cases.append((d, "unknown_reference", "series[0].home"))
        d = copy.deepcopy(doc)
        d["series"][0]["days"] = []
        cases.append((d, "invalid_field", "series[0].days"))
        d = copy.deepcopy(doc)
        d["series"].append(copy.deepcopy(d["series"][0]))
        cases.append((d, "invalid_field", "series"))
        d = copy.deepcopy(doc)
        del d["slots"][linked]["series"]
        d["slots"][linked]["series_edited"] = True
        cases.append((d, "missing_field", "slots[%d].series" % linked))
        for d, code, field in cases:
            with self.subTest(field=field):
                r = self.request("POST", "/api/v1/import?force=true", d)
                self.assertError(r, 400, code, field)
        # Nothing of it was stored.
        self.assertEqual(self.ok("GET", "/api/v1/export"), doc)


class SeriesClientTest(RotadTestCase):
    """rota series add|list|show|edit|rm against the same kind of daemon."""

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", instance())
        self.home = tempfile.mkdtemp(prefix="rota-series-cli-")

    def tearDown(self):
        shutil.rmtree(self.home, ignore_errors=True)

    def rota(self, *args, lang="C.UTF-8"):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("ROTA_") and not k.startswith("XDG_")
               and k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
        env.update(HOME=self.home, XDG_CONFIG_HOME=self.home + "/c",
                   XDG_CACHE_HOME=self.home + "/k", LC_ALL=lang,
                   ROTA_SERVER="http://127.0.0.1:%d" % self.daemon.port,
                   ROTA_TOKEN=self.api_token)
        return subprocess.run([ROTA] + list(args), env=env,
                              capture_output=True, text=True, timeout=60)

    def ok_rota(self, *args):
        r = self.rota(*args)
        self.assertEqual(r.returncode, 0, "%s\n%s" % (r.stdout, r.stderr))
        return r

    def test_add_list_show_edit_rm(self):
        r = self.ok_rota("series", "add", "--home", "solheim", "--activity",
                         "Quiz", "--time", "16:00", "--duration", "120",
                         "--days", "wed", "--first", "2026-09-21",
                         "--last", "2026-10-11")
        self.assertEqual(r.stdout.strip(), "solheim-quiz")
        self.assertIn("no visit on 2026-09-30: school holiday", r.stderr)
        r = self.ok_rota("series", "list")
        self.assertIn("solheim-quiz", r.stdout)
        r = self.ok_rota("series", "show", "solheim-quiz")
        self.assertIn("solheim-2026-09-23-1600", r.stdout)
        self.assertIn("solheim-2026-10-07-1600", r.stdout)
        shown = json.loads(self.ok_rota("series", "show", "solheim-quiz",
                                        "--json").stdout)
        self.assertEqual(len(shown["visits"]), 2)
        self.ok_rota("assign", "solheim-2026-10-07-1600", "ola")
        # Moving an assigned visit asks first: exit 1, the visit named.
        r = self.rota("series", "edit", "solheim-quiz", "--time", "17:00")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("solheim-2026-10-07-1600", r.stderr)
        self.ok_rota("series", "edit", "solheim-quiz", "--time", "17:00",
                     "--confirm")
        self.ok_rota("series", "edit", "solheim-quiz", "--this",
                     "solheim-2026-09-23-1600", "--activity", "Bingo")
        self.assertEqual(self.ok("GET", "/api/v1/slots/"
                                 "solheim-2026-09-23-1600")["activity"],
                         "Bingo")
        r = self.ok_rota("series", "rm", "solheim-quiz", "--from",
                         "2026-10-01")
        self.assertIn("1 assignment cancelled", r.stderr)
        # Bad input: the server's message names the field.
        r = self.rota("series", "add", "--home", "solheim", "--time",
                      "16:00", "--duration", "60", "--days", "someday",
                      "--first", "2026-09-21", "--last", "2026-10-11")
        self.assertEqual(r.returncode, 1)
        self.assertIn("field 'days'", r.stderr)
        r = self.rota("series", "add", "--needed", "many")
        self.assertEqual(r.returncode, 2)

    def test_bokmal(self):
        """The texts of rota series in the reader's language."""
        r = self.rota("series", "add", "--home", "solheim", "--activity",
                      "Quiz", "--time", "16:00", "--duration", "120",
                      "--days", "wed", "--first", "2026-09-21",
                      "--last", "2026-10-11", lang="nb_NO.UTF-8")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("ikke besøk 2026-09-30: skoleferie", r.stderr)
        self.assertIn("2 besøk laget", r.stderr)
        r = self.rota("series", "show", "solheim-quiz", lang="nb_NO.UTF-8")
        self.assertIn("TILDELT", r.stdout)
        self.assertIn("kl. 16:00 i 120 min", r.stdout)
        r = self.rota("series", "add", "--needed", "many",
                      lang="nb_NO.UTF-8")
        self.assertIn("er ikke et heltall", r.stderr)
