# SPDX-License-Identifier: ISC
"""Regions that scope things (issues 15 and 19): a coordinator scoped to a
region sees the homes, slots, youths and assignments of that region only
(a home moved into it, or added to it later, counts at once; everything
outside is 404), the users API and `rota users` with regions, the
region filter of GET /api/v1/slots and /api/v1/assignments, and the
board without JavaScript: its region control, the default region of a
coordinator scoped to one, and a scope of many homes that asks for a
region instead of a page over the size budget."""
import os
import re
import subprocess
import unittest

from harness import ROTAD, RotadTestCase, base_instance
from test_web_nojs import Browser

PASSWORD = "correct horse battery"
A = "/api/v1"
ROTA = os.environ.get("ROTA", "rota")


def instance():
    """Solheim and Lia in region Vest, Nordly in Nord (with a visit, an
    assignment and a youth who may work only there), Fri with no
    region."""
    inst = base_instance()
    inst["homes"][0]["region"] = "Vest"
    inst["homes"][1]["region"] = "Vest"
    inst["homes"].append({"id": "nordly", "name": "Nordly", "region": "Nord"})
    inst["homes"].append({"id": "fri", "name": "Fri"})
    inst["youths"].append({"id": "eva", "name": "Eva Berg",
                           "birth_date": "2009-02-01", "school": "secondary",
                           "homes": ["nordly"],
                           "availability": [{"days": ["mon", "tue", "wed",
                                                      "thu", "fri"],
                                             "from": "08:00",
                                             "to": "22:00"}]})
    inst["slots"].append({"id": "n1", "home": "nordly",
                          "start": "2027-01-06T16:00",
                          "end": "2027-01-06T18:00", "activity": "Bingo"})
    inst["slots"].append({"id": "f1", "home": "fri",
                          "start": "2027-01-07T16:00",
                          "end": "2027-01-07T18:00", "activity": "Prat"})
    inst["assignments"].append({"slot": "n1", "youth": "eva"})
    return inst


def ids(items):
    return sorted(i["id"] for i in items)


class RegionScopeTest(RotadTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tokens = {}

    def setUp(self):
        self.ok("POST", A + "/import", instance())
        for login, regions, homes in (("vest", ["Vest"], []),
                                      ("mixed", ["Nord"], ["solheim"])):
            if login in self.tokens:
                self.ok("PATCH", A + "/users/" + login,
                        {"regions": regions, "homes": homes})
                continue
            u = self.ok("POST", A + "/users",
                        {"login": login, "name": login.capitalize(),
                         "role": "coordinator", "regions": regions,
                         "homes": homes, "password": PASSWORD}, status=201)
            self.assertEqual(u["regions"], regions)
            self.tokens[login] = subprocess.run(
                [ROTAD, "token", "create", login + "-t", "--user", login,
                 "--db", self.daemon.db], check=True, capture_output=True,
                text=True).stdout.strip()

    def get(self, who, path, status=200):
        return self.ok("GET", path, token=self.tokens[who], status=status)

    def test_region_coordinator_sees_its_region_only(self):
        self.assertEqual(ids(self.get("vest", A + "/homes")["homes"]),
                         ["lia", "solheim"])
        self.assertEqual(ids(self.get("vest", A + "/slots")["slots"]),
                         ["s1", "s2", "s3"])
        youths = ids(self.get("vest", A + "/youths")["youths"])
        self.assertNotIn("eva", youths)
        self.assertIn("ida", youths)
        slots = {a["slot"] for a in
                 self.get("vest", A + "/assignments")["assignments"]}
        self.assertEqual(slots, {"s1"})
        for path in ("/homes/nordly", "/homes/fri", "/slots/n1",
                     "/youths/eva", "/slots/f1"):
            r = self.request("GET", A + path, token=self.tokens["vest"])
            self.assertError(r, 404)
        r = self.request("POST", A + "/slots", {
            "id": "n2", "home": "nordly", "start": "2027-01-08T16:00",
            "end": "2027-01-08T18:00"}, token=self.tokens["vest"])
        self.assertError(r, 403, field="home")
        # In its region it plans as before.
        self.ok("POST", A + "/slots", {
            "id": "v2", "home": "lia", "start": "2027-01-08T16:00",
            "end": "2027-01-08T18:00"}, token=self.tokens["vest"],
            status=201)

    def test_homes_and_regions_together(self):
        self.assertEqual(ids(self.get("mixed", A + "/homes")["homes"]),
                         ["nordly", "solheim"])
        self.assertIn("eva", ids(self.get("mixed", A + "/youths")["youths"]))
        self.get("mixed", A + "/slots/n1")
        self.assertError(self.request("GET", A + "/slots/s2",
                                      token=self.tokens["mixed"]), 404)

    def test_home_moved_into_the_region_becomes_visible(self):
        self.assertError(self.request("GET", A + "/homes/nordly",
                                      token=self.tokens["vest"]), 404)
        self.ok("PATCH", A + "/homes/nordly", {"region": "Vest"})
        self.get("vest", A + "/homes/nordly")
        self.get("vest", A + "/slots/n1")
        self.get("vest", A + "/youths/eva")
        self.assertIn("nordly",
                      ids(self.get("vest", A + "/homes")["homes"]))
        # And out again.
        self.ok("PATCH", A + "/homes/nordly", {"region": "Nord"})
        self.assertError(self.request("GET", A + "/slots/n1",
                                      token=self.tokens["vest"]), 404)

    def test_home_added_later_to_the_region(self):
        self.ok("POST", A + "/homes", {"id": "ny", "name": "Ny",
                                       "region": "Vest"}, status=201)
        self.assertIn("ny", ids(self.get("vest", A + "/homes")["homes"]))
        self.get("vest", A + "/homes/ny")

    def test_empty_region_sees_nothing(self):
        """A region no home has is a limited scope, not every home."""
        self.ok("PATCH", A + "/users/vest", {"regions": ["Sør"]})
        self.assertEqual(self.get("vest", A + "/homes")["homes"], [])
        self.assertEqual(self.get("vest", A + "/slots")["slots"], [])
        self.assertError(self.request("GET", A + "/homes/solheim",
                                      token=self.tokens["vest"]), 404)
        # Nor does a run of the solver plan any home.
        r = self.request("POST", A + "/schedule",
                         {"from": "2027-01-04", "to": "2027-01-10",
                          "dry_run": True}, token=self.tokens["vest"])
        self.assertNotIn(r.status, (401, 403, 500), r.body[:300])

    def test_users_api_regions(self):
        u = self.ok("GET", A + "/users/vest")
        self.assertEqual(u["regions"], ["Vest"])
        self.assertEqual(u["homes"], [])
        u = self.ok("PATCH", A + "/users/vest", {"regions": ["Nord", "Vest"]})
        self.assertEqual(u["regions"], ["Nord", "Vest"])
        for bad in ("Vest", [""], [1], ["x" * 129]):
            r = self.request("PATCH", A + "/users/vest", {"regions": bad})
            self.assertError(r, 400, field="regions")
        listed = {x["login"]: x for x in self.ok("GET", A + "/users")["users"]}
        self.assertEqual(listed["mixed"]["regions"], ["Nord"])
        self.assertEqual(listed["mixed"]["homes"], ["solheim"])

    def test_slots_and_assignments_region_filter(self):
        self.assertEqual(ids(self.ok("GET", A + "/slots?region=Nord")
                             ["slots"]), ["n1"])
        self.assertEqual(ids(self.ok("GET", A + "/slots?region=Vest")
                             ["slots"]), ["s1", "s2", "s3"])
        self.assertEqual(self.ok("GET", A + "/slots?region=Ingen")["slots"],
                         [])
        a = self.ok("GET", A + "/assignments?region=Nord&names=true")
        self.assertEqual([x["slot"] for x in a["assignments"]], ["n1"])
        self.assertEqual(a["assignments"][0]["youth_name"], "Eva Berg")
        # The filter only narrows the scope.
        self.assertEqual(self.get("vest", A + "/slots?region=Nord")["slots"],
                         [])

    def test_client_users_region(self):
        env = dict(os.environ, ROTA_SERVER="http://127.0.0.1:%d" %
                   self.daemon.port, ROTA_TOKEN=self.api_token, LANG="C",
                   LANGUAGE="en")
        out = subprocess.run([ROTA, "users", "edit", "vest", "--region",
                              "Nord,Vest", "--json"], env=env,
                             capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(self.ok("GET", A + "/users/vest")["regions"],
                         ["Nord", "Vest"])
        out = subprocess.run([ROTA, "users", "list"], env=env,
                             capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("REGIONS", out.stdout)
        self.assertRegex(out.stdout, r"vest .*Nord,Vest")
        out = subprocess.run([ROTA, "users", "edit", "vest"], env=env,
                             capture_output=True, text=True)
        self.assertNotEqual(out.returncode, 0)


def board_homes(page):
    return re.findall(r'<th scope="row" class="cell-home">([^<]*)</th>',
                      page)


class NoScriptBoardRegionTest(RotadTestCase):
    """The board without JavaScript: the region control."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for login, regions in (("vest", ["Vest"]), ("alle", [])):
            subprocess.run([ROTAD, "user", "add", login, "--role",
                            "coordinator", "--db", cls.daemon.db],
                           input=PASSWORD + "\n", check=True,
                           capture_output=True, text=True)
        cls.ok_cls = None

    def setUp(self):
        self.ok("POST", A + "/import", instance())
        self.ok("PATCH", A + "/users/vest", {"regions": ["Vest"]})

    def board(self, who, query=""):
        b = Browser(self.daemon.port, lang="en")
        b.login(who)
        r = b.get("/" + query)
        self.assertEqual(r.status, 200, r.text[:300])
        return r.text

    def test_region_select_and_filter(self):
        page = self.board("alle", "?week=2027-01-04")
        self.assertIn('<select id="filter-region" name="region"', page)
        self.assertRegex(page, r'<option value="Nord">Nord</option>'
                         r'<option value="Vest">Vest</option>')
        self.assertEqual(sorted(board_homes(page)),
                         ["Fri", "Lia bo- og behandlingssenter", "Nordly",
                          "Solheim sykehjem"])
        page = self.board("alle", "?week=2027-01-04&region=Nord")
        self.assertEqual(board_homes(page), ["Nordly"])
        self.assertIn('<option value="Nord" selected>', page)
        # The week links keep the region.
        self.assertIn("/?week=2027-01-11&amp;region=Nord", page)
        # The home select lists the region's homes.
        self.assertNotIn('<option value="solheim"', page)

    def test_scoped_coordinator_defaults_to_its_region(self):
        page = self.board("vest", "?week=2027-01-04")
        self.assertEqual(sorted(board_homes(page)),
                         ["Lia bo- og behandlingssenter", "Solheim sykehjem"])
        self.assertIn('<option value="Vest" selected>', page)
        self.assertNotIn('value="Nord"', page)
        # A region outside the scope is no way out of it.
        page = self.board("vest", "?week=2027-01-04&region=Nord")
        self.assertNotIn("Nordly", page)

    def test_many_homes_ask_for_a_region(self):
        inst = instance()
        for i in range(70):
            inst["homes"].append({"id": "m%02d" % i, "name": "Mange %02d" % i,
                                  "region": "Øst" if i % 2 else "Sør"})
            inst["slots"].append({"id": "ms%02d" % i, "home": "m%02d" % i,
                                  "start": "2027-01-05T16:00",
                                  "end": "2027-01-05T17:00"})
        self.ok("POST", A + "/import", inst)
        page = self.board("alle", "?week=2027-01-04")
        self.assertIn('id="choose-region"', page)
        self.assertEqual(board_homes(page), [])
        self.assertIn("/?week=2027-01-04&amp;region=%C3%98st", page)
        page = self.board("alle", "?week=2027-01-04&region=%C3%98st")
        self.assertEqual(len(board_homes(page)), 35)
        # One home is one page too.
        page = self.board("alle", "?week=2027-01-04&home=m01")
        self.assertEqual(board_homes(page), ["Mange 01"])
        # The region-scoped coordinator still gets its own region.
        page = self.board("vest", "?week=2027-01-04")
        self.assertNotIn('id="choose-region"', page)
        self.assertEqual(len(board_homes(page)), 2)


if __name__ == "__main__":
    unittest.main()
