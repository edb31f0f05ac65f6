# SPDX-License-Identifier: ISC
"""GET /api/v1/hours for the Hours screen (issue 19): the month per home
(worked, with the anonymous totals, apart from planned), the report as
CSV (headers, RFC 4180 quoting, formula injection neutralised), and a
coordinator with a limited scope seeing only the hours at their homes."""
import csv
import io
import subprocess

from harness import ROTAD, RotadTestCase, base_instance

PASSWORD = "correct horse battery"


def instance():
    inst = base_instance()
    inst["youths"] += [
        {"id": "evil", "name": "=HYPERLINK(\"http://x\")",
         "birth_date": "2009-01-01", "school": "secondary"},
        {"id": "quote", "name": "Per \"Junior\", Lie",
         "birth_date": "2009-01-01", "school": "secondary"},
    ]
    inst["slots"] += [
        # November 2026 is over when this test runs: worked.
        {"id": "p1", "home": "solheim", "start": "2026-11-07T11:00",
         "end": "2026-11-07T13:00", "needed": 2},
        {"id": "p2", "home": "lia", "start": "2026-11-14T11:00",
         "end": "2026-11-14T12:30"},
    ]
    inst["assignments"] += [
        {"slot": "p1", "youth": "ida"},
        {"slot": "p1", "youth": "evil"},
        {"slot": "p2", "youth": "quote"},
    ]
    return inst


class HoursReportTest(RotadTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for login, role in (("kari", "coordinator"), ("vera", "viewer")):
            subprocess.run([ROTAD, "user", "add", login, "--role", role,
                            "--homes", "solheim", "--db", cls.daemon.db],
                           input=PASSWORD + "\n", check=True,
                           capture_output=True, text=True)
            setattr(cls, login, subprocess.run(
                [ROTAD, "token", "create", login + "-t", "--user", login,
                 "--db", cls.daemon.db], check=True, capture_output=True,
                text=True).stdout.strip())

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", instance())

    def test_per_home(self):
        h = self.ok("GET", "/api/v1/hours?month=2026-11")
        homes = {r["home"]: r for r in h["homes"]}
        self.assertEqual(sorted(homes), ["lia", "solheim"])
        self.assertEqual(homes["solheim"]["name"], "Solheim sykehjem")
        self.assertEqual(homes["solheim"]["worked"],
                         {"shifts": 2, "minutes": 240})
        self.assertEqual(homes["lia"]["worked"], {"shifts": 1, "minutes": 90})
        self.assertEqual(homes["lia"]["planned"], {"shifts": 0, "minutes": 0})
        self.assertEqual(homes["lia"]["anonymous"],
                         {"shifts": 0, "minutes": 0})
        # January 2027 is ahead: planned.
        j = self.ok("GET", "/api/v1/hours?month=2027-01")
        homes = {r["home"]: r for r in j["homes"]}
        self.assertEqual(homes["solheim"]["planned"],
                         {"shifts": 1, "minutes": 120})

    def test_purged_hours_count_at_their_home(self):
        self.ok("DELETE", "/api/v1/youths/quote?purge=true", status=204)
        h = self.ok("GET", "/api/v1/hours?month=2026-11")
        homes = {r["home"]: r for r in h["homes"]}
        self.assertGreaterEqual(homes["lia"]["anonymous"]["minutes"], 90)
        self.assertEqual(homes["lia"]["worked"]["minutes"],
                         homes["lia"]["anonymous"]["minutes"])

    def csv_rows(self, r):
        self.assertEqual(r.status, 200, r.body[:300])
        self.assertEqual(r.header("Content-Type"), "text/csv; charset=utf-8")
        text = r.body.decode("utf-8")
        self.assertTrue(text.endswith("\r\n"))
        return list(csv.reader(io.StringIO(text, newline="")))

    def test_csv(self):
        r = self.request("GET", "/api/v1/hours?month=2026-11&format=csv")
        self.assertEqual(r.header("Content-Disposition"),
                         'attachment; filename="rota-hours-2026-11.csv"')
        rows = self.csv_rows(r)
        self.assertEqual(rows[0], ["kind", "id", "name", "worked_shifts",
                                   "worked_hours", "planned_shifts",
                                   "planned_hours"])
        by = {(x[0], x[1]): x for x in rows[1:]}
        self.assertEqual(by[("youth", "ida")],
                         ["youth", "ida", "Ida Nilsen", "1", "2.00", "0",
                          "0.00"])
        self.assertEqual(by[("youth", "quote")][2], 'Per "Junior", Lie')
        self.assertEqual(by[("youth", "quote")][4], "1.50")
        # A formula is text in a spreadsheet.
        self.assertEqual(by[("youth", "evil")][2],
                         "'=HYPERLINK(\"http://x\")")
        self.assertEqual(by[("home", "solheim")][3:5], ["2", "4.00"])
        self.assertEqual(by[("home", "lia")][3:5], ["1", "1.50"])
        self.assertEqual(by[("total", "")][3:5], ["3", "5.50"])
        # RFC 4180: quotes doubled inside a quoted cell.
        self.assertIn(b'"Per ""Junior"", Lie"', r.body)
        # Accept: text/csv says the same.
        a = self.request("GET", "/api/v1/hours?month=2026-11",
                         headers={"Accept": "text/csv"})
        self.assertEqual(a.body, r.body)
        self.assertError(self.request(
            "GET", "/api/v1/hours?month=2026-11&format=xls"), 400,
            "invalid_field", "format")

    def test_scope(self):
        h = self.ok("GET", "/api/v1/hours?month=2026-11", token=self.kari)
        self.assertEqual([r["home"] for r in h["homes"]], ["solheim"])
        self.assertNotIn("quote", [y["youth"] for y in h["youths"]])
        self.assertEqual(h["totals"]["worked"], {"shifts": 2, "minutes": 240})
        rows = self.csv_rows(self.request(
            "GET", "/api/v1/hours?month=2026-11&format=csv",
            token=self.kari))
        kinds = {(x[0], x[1]) for x in rows[1:]}
        self.assertNotIn(("home", "lia"), kinds)
        self.assertNotIn(("youth", "quote"), kinds)
        self.assertIn(("youth", "ida"), kinds)
        self.assertNotIn("Lia", rows.__repr__())

    def test_viewers_get_the_homes_only(self):
        h = self.ok("GET", "/api/v1/hours?month=2026-11", token=self.vera)
        self.assertEqual(h["youths"], [])
        self.assertEqual([r["home"] for r in h["homes"]], ["solheim"])
        self.assertEqual(h["homes"][0]["worked"],
                         {"shifts": 2, "minutes": 240})
        self.assertEqual(h["totals"]["worked"], {"shifts": 2, "minutes": 240})
        r = self.request("GET", "/api/v1/hours?month=2026-11&format=csv",
                         token=self.vera)
        rows = self.csv_rows(r)
        self.assertEqual({x[0] for x in rows[1:]}, {"home", "total"})
        self.assertNotIn(b"Ida", r.body)


if __name__ == "__main__":
    import unittest
    unittest.main()
