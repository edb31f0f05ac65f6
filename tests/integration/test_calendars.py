# SPDX-License-Identifier: ISC
"""Named school calendars per municipality, regions and instance format
version 2 (issue 15): the same weekday visit is legal for a youth whose
calendar has a holiday that week and refused for one whose school is in
session; /api/v1/school-calendars; a calendar in use cannot be deleted; a
calendar change passes the labour-law gate; homes filtered by region;
version 2 round trip through export and import; a version 1 instance
solves as its version 2 form does."""
import copy
import json
import os
import subprocess
import tempfile
import unittest

from harness import ROTAD, RotadTestCase, base_instance

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "..", "..", "bench", "gen_instance.py")

TERMS = [{"from": "2026-08-17", "to": "2026-12-18"},
         {"from": "2027-01-04", "to": "2027-06-18"}]
HOURS = {"start": "08:15", "end": "14:30"}
# Winter holiday: week 8 in Oslo, week 9 in Bergen (2027).
OSLO = {"id": "oslo", "name": "Oslo kommune", "default": True,
        "terms": TERMS,
        "holidays": [{"from": "2027-02-22", "to": "2027-02-26"}],
        "school_hours": HOURS}
BERGEN = {"id": "bergen", "name": "Bergen kommune", "terms": TERMS,
          "holidays": [{"from": "2027-03-01", "to": "2027-03-05"}],
          "school_hours": HOURS}


def instance():
    """Two 14-year-olds at compulsory school, one in Oslo, one in Bergen,
    and a 3-hour visit on Wednesday of week 8."""
    inst = copy.deepcopy(base_instance())
    inst["version"] = 2
    del inst["school_calendar"]
    inst["school_calendars"] = [copy.deepcopy(OSLO), copy.deepcopy(BERGEN)]
    inst["homes"][0]["region"] = "Øst"
    inst["homes"].append({"id": "fana", "name": "Fana sykehjem",
                          "region": "Vest", "school_calendar": "bergen"})
    ida = inst["youths"][0]
    ida["availability"] = [{"days": ["mon", "tue", "wed", "thu", "fri",
                                     "sat", "sun"],
                            "from": "08:00", "to": "21:00"}]
    kari = copy.deepcopy(ida)
    kari.update({"id": "kari", "name": "Kari Berg", "school_calendar":
                 "bergen"})
    inst["youths"].append(kari)
    inst["slots"].append({"id": "w8", "home": "solheim",
                          "start": "2027-02-24T15:00",
                          "end": "2027-02-24T18:00", "needed": 2})
    return inst


class CalendarApiTest(RotadTestCase):

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", instance())

    def assign(self, youth, slot="w8", query=""):
        return self.request("POST", "/api/v1/assignments" + query,
                            {"slot": slot, "youth": youth})

    def test_same_visit_two_calendars(self):
        # Oslo's winter holiday: a lesson-free day, 3 h is within 7 h.
        r = self.assign("ida")
        self.assertEqual(r.status, 201, r.body)
        # Bergen's school is in session: 2 h on a school day.
        r = self.assign("kari")
        e = self.assertError(r, 409, "rule_violation")
        rules = {v["rule"] for v in r.json()["violations"]}
        self.assertIn("NO-AML-11-2-2a-day", rules, e)
        # Bergen's own holiday week: the same visit is legal for Kari.
        self.ok("POST", "/api/v1/slots",
                {"id": "w9", "home": "fana", "start": "2027-03-03T15:00",
                 "end": "2027-03-03T18:00"}, status=201)
        self.assertEqual(self.assign("kari", "w9").status, 201)
        self.assertError(self.assign("ida", "w9"), 409, "rule_violation")

    def test_list_get_create_update_delete(self):
        cals = self.ok("GET", "/api/v1/school-calendars")["school_calendars"]
        self.assertEqual([c["id"] for c in cals], ["oslo", "bergen"])
        self.assertTrue(cals[0]["default"])
        self.assertNotIn("default", cals[1])
        self.assertEqual(self.ok("GET", "/api/v1/school-calendars/bergen"),
                         BERGEN)
        self.assertError(self.request("GET", "/api/v1/school-calendars/x"),
                         404, "not_found")
        tr = {"id": "trondheim", "name": "Trondheim kommune",
              "terms": TERMS, "holidays": []}
        got = self.ok("POST", "/api/v1/school-calendars", tr, status=201)
        self.assertEqual(got, tr)
        self.assertError(self.request("POST", "/api/v1/school-calendars",
                                      tr), 409, "conflict", "id")
        self.assertError(self.request("POST", "/api/v1/school-calendars",
                                      {"name": "x"}), 400,
                         "missing_field", "id")
        tr["name"] = "Trondheim"
        body = dict(tr)
        del body["id"]
        self.assertEqual(self.ok("PUT", "/api/v1/school-calendars/trondheim",
                                 body), tr)
        self.assertError(self.request("PUT",
                                      "/api/v1/school-calendars/trondheim",
                                      dict(body, id="other")),
                         400, "invalid_field", "id")
        self.ok("DELETE", "/api/v1/school-calendars/trondheim", status=204)
        self.assertError(self.request("GET",
                                      "/api/v1/school-calendars/trondheim"),
                         404)

    def test_delete_in_use_refused(self):
        e = self.assertError(
            self.request("DELETE", "/api/v1/school-calendars/bergen"),
            409, "conflict")
        self.assertIn("1 youth and 1 home", e["message"])
        e = self.assertError(
            self.request("DELETE", "/api/v1/school-calendars/oslo"),
            409, "conflict")
        self.assertIn("default", e["message"])
        # Moved off it, it goes.
        self.ok("PATCH", "/api/v1/youths/kari", {"school_calendar": None})
        self.ok("PATCH", "/api/v1/homes/fana", {"school_calendar": "oslo"})
        self.ok("DELETE", "/api/v1/school-calendars/bergen", status=204)
        self.assertNotIn("school_calendar",
                         self.ok("GET", "/api/v1/youths/kari"))

    def test_unknown_calendar_is_400(self):
        y = copy.deepcopy(instance()["youths"][1])
        y["id"] = "per"
        y["school_calendar"] = "narvik"
        self.assertError(self.request("POST", "/api/v1/youths", y), 400,
                         "unknown_reference", "school_calendar")
        self.assertError(self.request("PATCH", "/api/v1/youths/ida",
                                      {"school_calendar": "narvik"}),
                         400, "unknown_reference", "school_calendar")
        self.assertError(self.request("PATCH", "/api/v1/homes/lia",
                                      {"school_calendar": "narvik"}),
                         400, "unknown_reference", "school_calendar")

    def test_youth_moves_calendar_through_the_gate(self):
        self.assertEqual(self.assign("ida").status, 201)
        # In Bergen's calendar the visit falls on a school day.
        self.assertError(self.request("PATCH", "/api/v1/youths/ida",
                                      {"school_calendar": "bergen"}),
                         409, "rule_violation")

    def test_calendar_change_rechecks_its_youths(self):
        self.assertEqual(self.assign("ida").status, 201)
        body = copy.deepcopy(OSLO)
        body["holidays"] = []
        r = self.request("PUT", "/api/v1/school-calendars/oslo", body)
        self.assertError(r, 409, "rule_violation")
        self.assertIn("NO-AML-11-2-2a-day",
                      {v["rule"] for v in r.json()["violations"]})
        self.assertEqual(
            self.ok("GET", "/api/v1/school-calendars/oslo")["holidays"],
            OSLO["holidays"])
        # Bergen's calendar: nobody on it works that week.
        b = copy.deepcopy(BERGEN)
        b["holidays"] = []
        self.ok("PUT", "/api/v1/school-calendars/bergen", b)
        got = self.ok("PUT", "/api/v1/school-calendars/oslo?force=true",
                      body)
        self.assertTrue(got["forced_violations"])
        self.assertEqual(got["holidays"], [])

    def test_default_calendar_back_compat(self):
        cal = self.ok("GET", "/api/v1/school-calendar")
        self.assertEqual(cal, {k: OSLO[k] for k in
                               ("terms", "holidays", "school_hours")})
        cal["holidays"].append({"from": "2027-03-22", "to": "2027-03-29"})
        self.ok("PUT", "/api/v1/school-calendar", cal)
        oslo = self.ok("GET", "/api/v1/school-calendars/oslo")
        self.assertEqual(oslo["name"], "Oslo kommune")
        self.assertEqual(len(oslo["holidays"]), 2)
        # Another calendar made the default.
        b = copy.deepcopy(BERGEN)
        b["default"] = True
        del b["id"]
        self.ok("PUT", "/api/v1/school-calendars/bergen", b)
        self.assertEqual(self.ok("GET", "/api/v1/school-calendar")["holidays"],
                         BERGEN["holidays"])
        ids = [c["id"] for c in
               self.ok("GET", "/api/v1/school-calendars")["school_calendars"]]
        self.assertEqual(ids, ["bergen", "oslo"])

    def test_regions(self):
        homes = self.ok("GET", "/api/v1/homes?region=Vest")["homes"]
        self.assertEqual([h["id"] for h in homes], ["fana"])
        self.assertEqual(homes[0]["school_calendar"], "bergen")
        homes = self.ok("GET", "/api/v1/homes?region=%C3%98st")["homes"]
        self.assertEqual([h["id"] for h in homes], ["solheim"])
        self.assertEqual(len(self.ok("GET", "/api/v1/homes")["homes"]), 3)
        self.ok("PATCH", "/api/v1/homes/lia", {"region": "Vest"})
        homes = self.ok("GET", "/api/v1/homes?region=Vest")["homes"]
        self.assertEqual([h["id"] for h in homes], ["fana", "lia"])

    def test_v2_round_trip_and_restart(self):
        out = self.ok("GET", "/api/v1/export")
        self.assertEqual(out["version"], 2)
        self.assertNotIn("school_calendar", out)
        self.assertEqual(out["school_calendars"], [OSLO, BERGEN])
        youths = {y["id"]: y for y in out["youths"]}
        self.assertEqual(youths["kari"]["school_calendar"], "bergen")
        self.assertNotIn("school_calendar", youths["ida"])
        homes = {h["id"]: h for h in out["homes"]}
        self.assertEqual(homes["fana"]["region"], "Vest")
        self.ok("POST", "/api/v1/import?force=true", out)
        self.assertEqual(self.ok("GET", "/api/v1/export"), out)
        # The store keeps all of it across a restart.
        self.daemon.stop()
        self.daemon.start()
        self.assertEqual(self.ok("GET", "/api/v1/export"), out)

    def test_v1_import_becomes_default(self):
        self.ok("POST", "/api/v1/import?force=true", base_instance())
        cals = self.ok("GET", "/api/v1/school-calendars")["school_calendars"]
        v1 = base_instance()["school_calendar"]
        # Every home and youth uses the one calendar a v1 document has.
        used = {"homes": len(base_instance()["homes"]),
                "youths": len(base_instance()["youths"])}
        self.assertEqual(cals, [dict(v1, id="default", default=True,
                                     used_by=used)])
        bad = base_instance()
        bad["school_calendars"] = []
        self.assertError(self.request("POST", "/api/v1/import", bad), 400,
                         "unknown_field", "school_calendars")


def v1_to_v2(doc):
    out = {}
    for k, v in doc.items():
        if k == "version":
            out[k] = 2
        elif k == "school_calendar":
            out["school_calendars"] = [dict(v, id="default", default=True)]
        else:
            out[k] = v
    return out


class SolveVersionsTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="rota-cal-")

    def tearDown(self):
        self.tmp.cleanup()

    def solve(self, name, doc):
        path = os.path.join(self.tmp.name, name)
        plan = path + ".plan"
        with open(path, "w") as f:
            json.dump(doc, f)
        r = subprocess.run([ROTAD, "solve", path, "--out", plan,
                            "--seconds", "0.3", "--no-deadline"],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(plan) as f:
            p = json.load(f)
        r = subprocess.run([ROTAD, "check", path, plan, "--json"],
                           capture_output=True, text=True, timeout=120)
        return p, r.returncode

    def test_v1_and_v2_solve_identically(self):
        gen = subprocess.run(["python3", GEN, "small", "--seed", "3"],
                             check=True, capture_output=True, text=True)
        v1 = json.loads(gen.stdout)
        self.assertEqual(v1["version"], 1)
        p1, rc1 = self.solve("v1.json", v1)
        p2, rc2 = self.solve("v2.json", v1_to_v2(v1))
        self.assertTrue(p1["assignments"])
        self.assertEqual(p1, p2)
        self.assertEqual((rc1, rc2), (0, 0))

    def test_two_calendars_in_check(self):
        inst = instance()
        path = os.path.join(self.tmp.name, "two.json")
        plan = os.path.join(self.tmp.name, "two.plan")
        with open(path, "w") as f:
            json.dump(inst, f)
        with open(plan, "w") as f:
            json.dump({"assignments": [{"slot": "w8", "youth": "ida"},
                                       {"slot": "w8", "youth": "kari"}],
                       "unfilled": [], "violations": []}, f)
        r = subprocess.run([ROTAD, "check", path, plan, "--json"],
                           capture_output=True, text=True, timeout=120)
        viol = json.loads(r.stdout)["violations"]
        who = {(v["rule"], v.get("youth")) for v in viol}
        self.assertIn(("NO-AML-11-2-2a-day", "kari"), who)
        self.assertNotIn(("NO-AML-11-2-2a-day", "ida"), who)


if __name__ == "__main__":
    unittest.main()
