# SPDX-License-Identifier: ISC
"""Who can take a visit (GET /api/v1/slots/{id}/candidates) and a youth's
caps (GET /api/v1/youths/{id}/limits), issue 19: eligibility agrees with
the labour-law gate, every reason is listed, the ranking is the solver's,
the list is cut to the caller's scope, the caps are the profile's at the
law's boundaries, and `rota candidates` / `rota limits` print them."""
import os
import subprocess

from harness import ROTAD, RotadTestCase, base_instance

ROTA = os.environ.get("ROTA", "rota")
EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
PASSWORD = "correct horse battery"


def youth(yid, name, born, school="secondary", **kw):
    y = {"id": yid, "name": name, "birth_date": born, "school": school,
         "guardian_consent": "2026-08-01",
         "availability": [{"days": EVERY_DAY, "from": "10:00",
                           "to": "22:00"}]}
    y.update(kw)
    return y


def instance():
    inst = base_instance()
    inst["youths"] = [
        # On Monday 2027-01-11 (a school day): ages 16, 17, 18, 18.
        youth("ella", "Ella Berg", "2010-05-01"),
        youth("finn", "Finn Dahl", "2009-06-01"),
        youth("gro", "Gro Lie", "2008-03-01", school="none"),
        youth("hal", "Hal Moen", "2008-04-01", school="none"),
        # 14: under the visit's min_age of 15.
        youth("tim", "Tim Bakke", "2012-06-01", school="compulsory"),
        # 15 in compulsory school: a child, 2 h on a school day, and
        # already 1 h that afternoon.
        youth("kim", "Kim Haugen", "2011-09-01", school="compulsory",
              availability=[{"days": EVERY_DAY, "from": "14:30",
                             "to": "22:00"}]),
        # On another visit at the same time.
        youth("olav", "Olav Olsen", "2009-01-01"),
        # Called in sick for this visit.
        youth("sigrid", "Sigrid Nilsen", "2009-02-01"),
        # Only at lia: outside a solheim coordinator's scope.
        youth("eva", "Eva Lie", "2009-02-02", homes=["lia"]),
        # Turns 15 on Wednesday 2027-01-13 (secondary school).
        youth("bo", "Bo Pedersen", "2012-01-13"),
    ]
    inst["slots"] = [
        {"id": "t", "home": "solheim", "start": "2027-01-11T16:00",
         "end": "2027-01-11T18:00", "needed": 2, "min_age": 15,
         "activity": "Quiz"},
        {"id": "e1", "home": "solheim", "start": "2027-01-11T14:40",
         "end": "2027-01-11T15:40"},
        {"id": "o", "home": "lia", "start": "2027-01-11T16:30",
         "end": "2027-01-11T17:30"},
        {"id": "f1", "home": "lia", "start": "2027-01-06T16:00",
         "end": "2027-01-06T18:00"},
        {"id": "g1", "home": "lia", "start": "2027-01-07T15:00",
         "end": "2027-01-07T18:00"},
        {"id": "h1", "home": "solheim", "start": "2027-01-07T15:00",
         "end": "2027-01-07T18:00"},
        {"id": "x1", "home": "lia", "start": "2027-01-08T16:00",
         "end": "2027-01-08T18:30"},
        {"id": "b1", "home": "solheim", "start": "2027-01-12T16:00",
         "end": "2027-01-12T17:00"},
        {"id": "hol", "home": "solheim", "start": "2027-02-22T11:00",
         "end": "2027-02-22T14:00"},
    ]
    inst["assignments"] = [
        {"slot": "e1", "youth": "kim"},
        {"slot": "x1", "youth": "ella"},
        {"slot": "o", "youth": "olav"},
        {"slot": "f1", "youth": "finn"},
        {"slot": "g1", "youth": "gro"},
        {"slot": "h1", "youth": "hal"},
        {"slot": "b1", "youth": "bo"},
        {"slot": "t", "youth": "sigrid", "status": "cancelled"},
        {"slot": "hol", "youth": "tim"},
    ]
    return inst


def by_youth(answer):
    return {c["youth"]: c for c in answer["candidates"]}


def rules_of(c):
    return sorted(r["rule"] for r in c["reasons"])


class CandidatesTest(RotadTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tokens = {}
        for login, role, homes in (("kari", "coordinator", "solheim"),
                                   ("vera", "viewer", "solheim")):
            subprocess.run([ROTAD, "user", "add", login, "--role", role,
                            "--homes", homes, "--db", cls.daemon.db],
                           input=PASSWORD + "\n", check=True,
                           capture_output=True, text=True)
            cls.tokens[login] = subprocess.run(
                [ROTAD, "token", "create", login + "-t", "--user", login,
                 "--db", cls.daemon.db], check=True, capture_output=True,
                text=True).stdout.strip()

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", instance())

    def candidates(self, slot="t", query="", **kw):
        return self.ok("GET", "/api/v1/slots/%s/candidates%s" % (slot, query),
                       **kw)

    def test_each_kind_of_candidate(self):
        a = self.candidates()
        self.assertEqual((a["slot"], a["needed"], a["assigned"]),
                         ("t", 2, []))
        c = by_youth(a)
        self.assertEqual(len(c), 10)
        for y in ("ella", "finn", "gro", "hal"):
            self.assertTrue(c[y]["eligible"], c[y])
            self.assertEqual(c[y]["reasons"], [])
        self.assertEqual(rules_of(c["tim"]), ["ROTA-min-age"])
        self.assertEqual(c["tim"]["age"], 14)
        # 14 on the visit's date (15 two days later).
        self.assertEqual((c["bo"]["age"], rules_of(c["bo"])),
                         (14, ["ROTA-min-age"]))
        # Not allowed at this home (but in an unlimited caller's scope).
        self.assertEqual(rules_of(c["eva"]), ["ROTA-allowed-homes"])
        self.assertEqual(rules_of(c["kim"]), ["NO-AML-11-2-2a-day"])
        self.assertEqual(c["kim"]["reasons"][0]["reference"],
                         "AML § 11-2 (2) a")
        self.assertIn("3 h", c["kim"]["reasons"][0]["message"])
        self.assertEqual(rules_of(c["olav"]), ["ROTA-overlap"])
        # Cancelled it: the gate would take her, the planner does not.
        self.assertFalse(c["sigrid"]["eligible"])
        self.assertEqual(rules_of(c["sigrid"]), ["ROTA-cancelled"])
        for y in ("tim", "kim", "olav", "sigrid", "eva", "bo"):
            self.assertIsNone(c[y]["rank"])
        self.assertEqual(a["eligible_total"], 4)
        self.assertEqual(a["candidates_total"], 10)
        # No birth dates for a coordinator or anyone else but admins.
        self.assertNotIn("birth_date", str(a))

    def test_ranked_as_the_solver_would(self):
        a = self.candidates()
        order = [c["youth"] for c in a["candidates"]]
        # Fewest minutes first (finn 120, ella 150); then among equal
        # minutes the one who already visits the home (hal before gro,
        # 180 each); the ineligible ones after, by id.
        self.assertEqual(order[:4], ["finn", "ella", "hal", "gro"])
        self.assertEqual([c["rank"] for c in a["candidates"][:4]],
                         [1, 2, 3, 4])
        self.assertEqual(order[4:], ["bo", "eva", "kim", "olav", "sigrid",
                                     "tim"])
        c = by_youth(a)
        self.assertEqual((c["hal"]["minutes"], c["hal"]["visits_home"]),
                         (180, True))
        self.assertEqual((c["gro"]["minutes"], c["gro"]["visits_home"]),
                         (180, False))
        # The refill of a sick call (solver_refill) picks the first of
        # this list: hal calls in sick from t, where finn also is ...
        inst = instance()
        inst["assignments"] += [{"id": "af", "slot": "t", "youth": "finn"},
                                {"id": "ag", "slot": "t", "youth": "hal"}]
        self.ok("POST", "/api/v1/import?force=true", inst)
        r = self.ok("POST", "/api/v1/assignments/ag/cancel",
                    {"refill": True})
        picked = r["replacement"]["youth"]
        # ... and the list of the same state (before the refill) ranks
        # that youth first.
        inst["assignments"][-1]["status"] = "cancelled"
        self.ok("POST", "/api/v1/import?force=true", inst)
        first = self.candidates()["candidates"][0]
        self.assertEqual((first["youth"], first["rank"]), (picked, 1))
        self.assertEqual(picked, "ella")

    def test_eligible_is_what_the_gate_accepts(self):
        a = self.candidates()
        for c in a["candidates"]:
            if c["assigned"]:
                continue
            r = self.request("POST", "/api/v1/assignments",
                             {"slot": "t", "youth": c["youth"]})
            if c["youth"] == "sigrid":
                # The planning rule only: the gate itself lets her back.
                self.assertEqual(r.status, 201, r.body)
            elif c["eligible"]:
                self.assertEqual(r.status, 201, (c, r.body))
            else:
                self.assertEqual(r.status, 409, (c, r.body))
                got = sorted(v["rule"] for v in r.json()["violations"])
                self.assertEqual(got, rules_of(c), c)
                msgs = sorted(v["message"] for v in r.json()["violations"])
                self.assertEqual(
                    msgs, sorted(x["message"] for x in c["reasons"]))
            if r.status == 201:
                self.ok("DELETE", "/api/v1/assignments/%s" % r.json()["id"])

    def test_full_visit_and_assigned_youths(self):
        self.ok("POST", "/api/v1/assignments", {"slot": "t", "youth": "ella"})
        self.ok("POST", "/api/v1/assignments", {"slot": "t", "youth": "finn"})
        a = self.candidates()
        self.assertEqual(sorted(a["assigned"]), ["ella", "finn"])
        c = by_youth(a)
        self.assertTrue(c["ella"]["assigned"])
        self.assertEqual(rules_of(c["ella"]), ["ROTA-assigned"])
        # A third would overfill it: nobody is eligible now.
        self.assertEqual(a["eligible_total"], 0)
        self.assertIn("ROTA-overfilled", rules_of(c["gro"]))
        self.assertEqual(rules_of(c["tim"]),
                         ["ROTA-min-age", "ROTA-overfilled"])

    def test_paging_and_eligible_only(self):
        a = self.candidates(query="?eligible=true&limit=3")
        self.assertEqual([c["youth"] for c in a["candidates"]],
                         ["finn", "ella", "hal"])
        self.assertEqual(a["candidates_total"], 4)
        b = self.candidates(query="?eligible=true&limit=3&cursor=%s"
                            % a["next_cursor"])
        self.assertEqual([c["youth"] for c in b["candidates"]], ["gro"])
        self.assertIsNone(b["next_cursor"])
        r = self.request("GET", "/api/v1/slots/t/candidates?cursor=x")
        self.assertError(r, 400, "invalid_field", "cursor")
        r = self.request("GET", "/api/v1/slots/t/candidates?eligible=maybe")
        self.assertError(r, 400, "invalid_field", "eligible")
        r = self.request("GET", "/api/v1/slots/none/candidates")
        self.assertError(r, 404, "not_found")

    def test_scope(self):
        kari = self.tokens["kari"]
        a = self.candidates(token=kari)
        self.assertNotIn("eva", by_youth(a))
        self.assertEqual(a["candidates_total"], 9)
        # A slot at lia is outside kari's scope: as if it did not exist.
        r = self.request("GET", "/api/v1/slots/o/candidates", token=kari)
        self.assertError(r, 404, "not_found")
        r = self.request("GET", "/api/v1/youths/eva/limits", token=kari)
        self.assertError(r, 404, "not_found")
        # Viewers do not read youths, so neither this list nor the caps.
        r = self.request("GET", "/api/v1/slots/t/candidates",
                         token=self.tokens["vera"])
        self.assertError(r, 403, "forbidden")

    def test_messages_in_the_request_language(self):
        a = self.candidates(headers={"Accept-Language": "nb"})
        c = by_youth(a)
        self.assertEqual(rules_of(c["sigrid"]), ["ROTA-cancelled"])
        self.assertIn("Sigrid (17)", c["sigrid"]["reasons"][0]["message"])
        self.assertNotIn("cancelled", c["sigrid"]["reasons"][0]["message"])

    def limits(self, yid, since, until, **kw):
        return self.ok("GET", "/api/v1/youths/%s/limits?from=%s&to=%s"
                       % (yid, since, until), **kw)["limits"]

    def test_limits_school_day_and_holiday(self):
        # Kim, 15 in compulsory school, on a school day: 2 h a day, 12 h
        # in a week with lessons; 60 minutes used by e1.
        got = [(x["rule"], x["per"], x["period"], x["minutes"], x["cap"])
               for x in self.limits("kim", "2027-01-11", "2027-01-11")]
        self.assertEqual(got, [
            ("NO-AML-11-2-2a-day", "day", "2027-01-11", 60, 120),
            ("NO-AML-11-2-2a-week", "week", "2027-01-11", 60, 720)])
        # Tim, 14, on Monday of the winter holiday (no lessons that
        # week): 7 h a day, 35 h a week; 3 h used by hol.
        got = [(x["rule"], x["period"], x["minutes"], x["cap"])
               for x in self.limits("tim", "2027-02-22", "2027-02-22")]
        self.assertEqual(got, [
            ("NO-AML-11-2-2b-day", "2027-02-22", 180, 420),
            ("NO-AML-11-2-2b-week", "2027-02-22", 180, 2100)])
        # The Saturday before: a day without lessons in a lesson week.
        got = [(x["rule"], x["cap"])
               for x in self.limits("tim", "2027-02-20", "2027-02-20")]
        self.assertEqual(got, [("NO-AML-11-2-2b-day", 420),
                               ("NO-AML-11-2-2a-week", 720)])
        x = self.limits("kim", "2027-01-11", "2027-01-11")[0]
        self.assertEqual(x["reference"], "AML § 11-2 (2) a")
        self.assertEqual(x["name"], "working time on a school day")
        # In the reader's language, as a whole phrase (no English inside).
        nb = self.limits("kim", "2027-01-11", "2027-01-11",
                         headers={"Accept-Language": "nb"})
        self.assertEqual([y["name"] for y in nb],
                         ["arbeidstid på en skoledag",
                          "arbeidstid i en uke med skoledager"])
        self.assertEqual(nb[0]["reference"], "AML § 11-2 (2) a")

    def test_limits_change_on_a_birthday(self):
        # Bo turns 15 on Wednesday 2027-01-13 (secondary school): a child
        # on Tuesday (2 h on a school day), a 15-17-year-old from
        # Wednesday (8 h a day); the week holds both (A3), so both week
        # caps apply.  b1 (Tuesday 16:00-17:00) is 60 minutes.
        got = [(x["rule"], x["period"], x["minutes"], x["cap"])
               for x in self.limits("bo", "2027-01-12", "2027-01-13")]
        self.assertEqual(got, [
            ("NO-AML-11-2-2a-day", "2027-01-12", 60, 120),
            ("NO-AML-11-2-2a-week", "2027-01-11", 60, 720),
            ("NO-AML-11-2-3-week", "2027-01-11", 60, 2400),
            ("NO-AML-11-2-3-day", "2027-01-13", 0, 480)])

    def test_limits_parameters(self):
        # Without from/to: the current ISO week, Monday to Sunday.
        a = self.ok("GET", "/api/v1/youths/kim/limits")
        import datetime
        since = datetime.date.fromisoformat(a["from"])
        until = datetime.date.fromisoformat(a["to"])
        self.assertEqual((since.weekday(), (until - since).days), (0, 6))
        r = self.request("GET", "/api/v1/youths/kim/limits?from=2027-13-01")
        self.assertError(r, 400, "invalid_field", "from")
        r = self.request("GET", "/api/v1/youths/kim/limits?from=2027-01-10"
                         "&to=2027-01-09")
        self.assertError(r, 400, "invalid_field", "to")
        r = self.request("GET", "/api/v1/youths/none/limits")
        self.assertError(r, 404, "not_found")

    def rota(self, *args):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("ROTA_") and not k.startswith("XDG_")}
        env.update(HOME=self.tmp, XDG_CONFIG_HOME=self.tmp + "/config",
                   XDG_CACHE_HOME=self.tmp + "/cache", LC_ALL="C.UTF-8",
                   ROTA_SERVER="http://127.0.0.1:%d" % self.daemon.port,
                   ROTA_TOKEN=self.api_token)
        return subprocess.run([ROTA] + list(args), env=env,
                              capture_output=True, text=True, timeout=60)

    def test_client(self):
        r = self.rota("candidates", "t")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0].split(),
                         ["RANK", "YOUTH", "NAME", "AGE", "ELIGIBLE",
                          "REASONS"])
        self.assertEqual(lines[1].split()[:6],
                         ["1", "finn", "Finn", "Dahl", "17", "yes"])
        kim = [ln for ln in lines if " kim " in ln][0]
        self.assertIn("NO-AML-11-2-2a-day", kim)
        self.assertEqual(kim.split()[0], "-")
        r = self.rota("candidates", "t", "--eligible")
        self.assertEqual(len(r.stdout.splitlines()), 1 + 4)
        r = self.rota("limits", "kim", "--from", "2027-01-11", "--to",
                      "2027-01-11")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0].split(),
                         ["PERIOD", "RULE", "LIMIT", "USED", "CAP", "LEFT"])
        self.assertEqual(lines[1].split()[:2],
                         ["2027-01-11", "NO-AML-11-2-2a-day"])
        self.assertEqual(lines[1].split()[-3:], ["1:00", "2:00", "1:00"])
        self.assertEqual(lines[2].split()[:3],
                         ["week", "2027-01-11", "NO-AML-11-2-2a-week"])
        r = self.rota("candidates", "nowhere")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("nowhere", r.stderr)
        r = self.rota("limits", "kim", "--from", "soon")
        self.assertNotEqual(r.returncode, 0)
